// 单位类别 and 行政层级: the registry owns organizations, but every subgraph that lists or filters them speaks these enums.
import { registerEnumType } from 'type-graphql';

/** 单位类别: the kinds of body the integrity system judges (DOMAIN.md "Who is judged"). */
export enum OrganizationKind {
  PARTY_ORGAN = 'PARTY_ORGAN',
  PEOPLES_CONGRESS = 'PEOPLES_CONGRESS',
  GOVERNMENT = 'GOVERNMENT',
  GOVERNMENT_DEPARTMENT = 'GOVERNMENT_DEPARTMENT',
  CPPCC = 'CPPCC',
  JUDICIAL_ORGAN = 'JUDICIAL_ORGAN',
  MASS_ORGANIZATION = 'MASS_ORGANIZATION',
  PUBLIC_INSTITUTION = 'PUBLIC_INSTITUTION',
  TOWNSHIP = 'TOWNSHIP',
  STREET_OFFICE = 'STREET_OFFICE',
  RESIDENTS_COMMITTEE = 'RESIDENTS_COMMITTEE',
  VILLAGERS_COMMITTEE = 'VILLAGERS_COMMITTEE',
  STATE_OWNED_ENTERPRISE = 'STATE_OWNED_ENTERPRISE',
}

registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: '单位类别 (kind of organization)',
  valuesConfig: {
    PARTY_ORGAN: { description: '党的机关及其工作部门 (Party organ or department)' },
    PEOPLES_CONGRESS: { description: '人大机关 (people\'s congress organ)' },
    GOVERNMENT: { description: '人民政府 (people\'s government)' },
    GOVERNMENT_DEPARTMENT: { description: '政府工作部门 (government department)' },
    CPPCC: { description: '政协机关 (CPPCC organ)' },
    JUDICIAL_ORGAN: { description: '审判机关、检察机关 (court or procuratorate)' },
    MASS_ORGANIZATION: { description: '群团机关 (mass organization)' },
    PUBLIC_INSTITUTION: { description: '事业单位 (public institution)' },
    TOWNSHIP: { description: '乡镇 (township or town)' },
    STREET_OFFICE: { description: '街道办事处 (street office)' },
    RESIDENTS_COMMITTEE: { description: '居民委员会 (residents\' committee)' },
    VILLAGERS_COMMITTEE: { description: '村民委员会 (villagers\' committee)' },
    STATE_OWNED_ENTERPRISE: { description: '国有企业 (state-owned enterprise)' },
  },
});

/** 行政层级: the tier of government an organization belongs to. */
export enum AdministrativeLevel {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
  TOWNSHIP = 'TOWNSHIP',
  VILLAGE = 'VILLAGE',
}

registerEnumType(AdministrativeLevel, {
  name: 'AdministrativeLevel',
  description: '行政层级 (administrative tier)',
  valuesConfig: {
    PROVINCE: { description: '省级 (province)' },
    CITY: { description: '市级 (prefecture-level city)' },
    COUNTY: { description: '县级 (county-level)' },
    TOWNSHIP: { description: '乡级 (township)' },
    VILLAGE: { description: '村级 (village / community)' },
  },
});

/**
 * 承诺主体分组: which bodies a commitment-coverage figure counts. One rule for every report that
 * divides by "the bodies that should commit".
 *
 * - GOVERNMENTS_AND_DEPARTMENTS is the target's denominator. Seed 000 §一(二): "全市各级政府及部门
 *   （不含涉密部门）政务诚信承诺覆盖率达到85%以上"; seed 000 §二(一) counts streets and townships as
 *   government ("政府和政府各部门（含街道、乡镇）"); seed 001 table row 1 sets 80 % for 2022.
 * - PARTY_ORGANS and PUBLIC_INSTITUTIONS are asked to commit too (seed 000 §二(一) "党委和党委各部门
 *   及其所属所辖事业单位", §五(二) "各级政府及部门、事业单位"), and are reported beside the target.
 * - OTHER_ORGANS (congress, CPPCC, courts and procuratorates, mass organizations) are not named as
 *   承诺主体 in seed 000; GRASSROOTS_COMMITTEES are 单位责任主体 of seed 004 §一 but self-governing
 *   bodies, not government; STATE_OWNED_ENTERPRISES enter the seeds as judgment debtors (seed 001
 *   row 2). Each is reported as its own row and never in the 85 % figure.
 */
export enum CommitmentGroup {
  GOVERNMENTS_AND_DEPARTMENTS = 'GOVERNMENTS_AND_DEPARTMENTS',
  PARTY_ORGANS = 'PARTY_ORGANS',
  PUBLIC_INSTITUTIONS = 'PUBLIC_INSTITUTIONS',
  OTHER_ORGANS = 'OTHER_ORGANS',
  GRASSROOTS_COMMITTEES = 'GRASSROOTS_COMMITTEES',
  STATE_OWNED_ENTERPRISES = 'STATE_OWNED_ENTERPRISES',
}

registerEnumType(CommitmentGroup, {
  name: 'CommitmentGroup',
  description: '承诺主体分组：覆盖率目标只统计各级政府及部门 (which bodies a coverage figure counts; only governments and their departments count toward the 85 % target)',
  valuesConfig: {
    GOVERNMENTS_AND_DEPARTMENTS: { description: '各级政府及部门（含乡镇、街道）：覆盖率目标的分母 (governments at every level and their departments, townships and streets included: the target\'s denominator)' },
    PARTY_ORGANS: { description: '党委及其工作部门：单列统计 (Party organs, reported beside the target)' },
    PUBLIC_INSTITUTIONS: { description: '事业单位：单列统计 (public institutions, reported beside the target)' },
    OTHER_ORGANS: { description: '人大、政协、审判检察、群团机关：单列统计 (other organs, reported separately)' },
    GRASSROOTS_COMMITTEES: { description: '居民委员会、村民委员会：单列统计 (residents\' and villagers\' committees, reported separately)' },
    STATE_OWNED_ENTERPRISES: { description: '国有企业：单列统计 (state-owned enterprises, reported separately)' },
  },
});

const COMMITMENT_GROUP_OF: Record<OrganizationKind, CommitmentGroup> = {
  [OrganizationKind.GOVERNMENT]: CommitmentGroup.GOVERNMENTS_AND_DEPARTMENTS,
  [OrganizationKind.GOVERNMENT_DEPARTMENT]: CommitmentGroup.GOVERNMENTS_AND_DEPARTMENTS,
  [OrganizationKind.TOWNSHIP]: CommitmentGroup.GOVERNMENTS_AND_DEPARTMENTS,
  [OrganizationKind.STREET_OFFICE]: CommitmentGroup.GOVERNMENTS_AND_DEPARTMENTS,
  [OrganizationKind.PARTY_ORGAN]: CommitmentGroup.PARTY_ORGANS,
  [OrganizationKind.PUBLIC_INSTITUTION]: CommitmentGroup.PUBLIC_INSTITUTIONS,
  [OrganizationKind.PEOPLES_CONGRESS]: CommitmentGroup.OTHER_ORGANS,
  [OrganizationKind.CPPCC]: CommitmentGroup.OTHER_ORGANS,
  [OrganizationKind.JUDICIAL_ORGAN]: CommitmentGroup.OTHER_ORGANS,
  [OrganizationKind.MASS_ORGANIZATION]: CommitmentGroup.OTHER_ORGANS,
  [OrganizationKind.RESIDENTS_COMMITTEE]: CommitmentGroup.GRASSROOTS_COMMITTEES,
  [OrganizationKind.VILLAGERS_COMMITTEE]: CommitmentGroup.GRASSROOTS_COMMITTEES,
  [OrganizationKind.STATE_OWNED_ENTERPRISE]: CommitmentGroup.STATE_OWNED_ENTERPRISES,
};

/** The group whose coverage figure a body of this kind counts in (an unknown kind counts in none). */
export function commitmentGroupOf(kind: string): CommitmentGroup | undefined {
  return COMMITMENT_GROUP_OF[kind as OrganizationKind];
}

/** The group the coverage target (85 % from 2023, 80 % in 2022) is measured over. */
export const COMMITMENT_TARGET_GROUP = CommitmentGroup.GOVERNMENTS_AND_DEPARTMENTS;
