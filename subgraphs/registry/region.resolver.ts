import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { loadOrNull, requireRegionCode, type SubgraphContext } from '../kit/index.js';
import { Region, RegionLevel } from './entities/region.js';
import type { RegistryLoaders } from './loaders.js';

type Context = SubgraphContext<RegistryLoaders>;

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { nullable: true, description: '按代码查询行政区划 (a region by GB/T 2260 code)' })
  region(@Arg('code', () => String) code: string, @Ctx() { loaders }: Context): Promise<Region | null> {
    return loadOrNull(loaders.region, requireRegionCode(code, 'code'));
  }

  @Query(() => [Region], { description: '行政区划列表：给定上级则列其下级，否则列省级 (regions under a parent, or the provinces)' })
  regions(@Arg('parentCode', () => String, { nullable: true }) parentCode: string | null, @Ctx() { em, loaders }: Context): Promise<Region[]> {
    if (parentCode) return loaders.childRegions.load(requireRegionCode(parentCode, 'parentCode'));
    return em.find(Region, { level: RegionLevel.PROVINCE }, { orderBy: { code: 'asc' } });
  }

  @FieldResolver(() => Region, { nullable: true, description: '上级区划 (enclosing region)' })
  parent(@Root() region: Region, @Ctx() { loaders }: Context): Promise<Region | null> {
    return region.parentCode ? loadOrNull(loaders.region, region.parentCode) : Promise.resolve(null);
  }

  @FieldResolver(() => Int, { description: '本区划及下级区划内公职人员数 (officials in this region and below)' })
  officialCount(@Root() region: Region, @Ctx() { loaders }: Context): Promise<number> {
    return loaders.regionOfficialCount.load(region.code);
  }

  @FieldResolver(() => [Region], { description: '下级区划 (regions directly under it)' })
  children(@Root() region: Region, @Ctx() { loaders }: Context): Promise<Region[]> {
    return loaders.childRegions.load(region.code);
  }
}
