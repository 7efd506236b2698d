import { Field, InputType } from 'type-graphql';
import { AdministrativeLevel, CommitmentGroup, OrganizationKind } from '../kit/index.js';

@InputType({ description: '单位筛选条件 (organization filter)' })
export class OrganizationFilter {
  @Field(() => String, { nullable: true, description: '行政区划代码 (GB/T 2260 region code)' })
  regionCode?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: '是否包含下级区划，默认是 (include subregions; default true)' })
  includeSubregions?: boolean | null;

  @Field(() => OrganizationKind, { nullable: true, description: '单位类别 (kind)' })
  kind?: OrganizationKind | null;

  @Field(() => [OrganizationKind], { nullable: true, description: '单位类别之一，最多13个 (any of these kinds; at most 13)' })
  kinds?: OrganizationKind[] | null;

  @Field(() => AdministrativeLevel, { nullable: true, description: '行政层级 (administrative tier)' })
  level?: AdministrativeLevel | null;

  @Field(() => CommitmentGroup, { nullable: true, description: '承诺主体分组 (the coverage group its kind counts in)' })
  commitmentGroup?: CommitmentGroup | null;

  @Field(() => String, { nullable: true, description: '名称包含 (name contains)' })
  nameContains?: string | null;

  @Field(() => Boolean, { nullable: true, description: '是否涉密单位 (classified or not)' })
  classified?: boolean | null;
}

@InputType({ description: '单位登记信息 (an organization to create or update), 以统一社会信用代码为准 (keyed by USCC)' })
export class OrganizationInput {
  @Field(() => String, { description: '统一社会信用代码 (USCC)' })
  uscc!: string;

  @Field(() => String, { description: '单位全称 (full name)' })
  name!: string;

  @Field(() => OrganizationKind, { description: '单位类别 (kind)' })
  kind!: OrganizationKind;

  @Field(() => AdministrativeLevel, { description: '行政层级 (administrative tier)' })
  level!: AdministrativeLevel;

  @Field(() => String, { description: '所在行政区划代码 (region code)' })
  regionCode!: string;

  @Field(() => String, { nullable: true, description: '上级单位统一社会信用代码 (superior body\'s USCC)' })
  parentUscc?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '是否涉密单位 (classified)' })
  classified?: boolean | null;
}

@InputType({ description: '公职人员登记信息 (an official to create or update), 以身份号码化名为准 (keyed by the pseudonym of the ID number)' })
export class OfficialInput {
  @Field(() => String, { description: '公民身份号码，仅用于计算化名并加密保存 (ID number: used for the pseudonym and stored sealed)' })
  idNumber!: string;

  @Field(() => String, { description: '姓名 (full name)' })
  name!: string;

  @Field(() => String, { nullable: true, description: '联系电话 (phone)' })
  phone?: string | null;

  @Field(() => String, { description: '所在单位统一社会信用代码 (USCC of the organization)' })
  organizationUscc!: string;

  @Field(() => String, { description: '职务 (position)' })
  position!: string;
}
