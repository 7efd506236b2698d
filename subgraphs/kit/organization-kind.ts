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
