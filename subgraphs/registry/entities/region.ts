import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';

export enum RegionLevel {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
}

registerEnumType(RegionLevel, {
  name: 'RegionLevel',
  description: '行政区划级别 (level of an administrative division)',
  valuesConfig: {
    PROVINCE: { description: '省级 (province)' },
    CITY: { description: '地级 (prefecture-level city)' },
    COUNTY: { description: '县级 (county, district or county-level city)' },
  },
});

@Entity({ tableName: 'region' })
@ObjectType('Region', { description: '行政区划，GB/T 2260 (administrative division)' })
@Directive('@key(fields: "code")')
export class Region {
  @PrimaryKey({ type: 'string', length: 6 })
  @Field(() => String, { description: '行政区划代码，6位 (GB/T 2260 code, six digits)' })
  code!: string;

  @Property({ type: 'string' })
  @Field(() => String, { description: '名称 (name)' })
  name!: string;

  @Property({ type: 'string', length: 32 })
  @Field(() => RegionLevel, { description: '级别 (level)' })
  level!: RegionLevel;

  @Property({ type: 'string', length: 6, nullable: true })
  @Index()
  parentCode!: string | null;
}
