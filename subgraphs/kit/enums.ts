import { registerEnumType } from 'type-graphql';

/** The GraphQL face of `usccRegistrant`: shared by every subgraph that classifies bodies by USCC. */
export enum RegistrantType {
  ORGAN = 'ORGAN',
  PUBLIC_INSTITUTION = 'PUBLIC_INSTITUTION',
  MASS_ORGANIZATION = 'MASS_ORGANIZATION',
  OTHER_ESTABLISHMENT = 'OTHER_ESTABLISHMENT',
  SOCIAL_ORGANIZATION = 'SOCIAL_ORGANIZATION',
  GRASSROOTS_SELF_GOVERNANCE = 'GRASSROOTS_SELF_GOVERNANCE',
  ENTERPRISE = 'ENTERPRISE',
  RURAL_COLLECTIVE = 'RURAL_COLLECTIVE',
  OTHER = 'OTHER',
}

registerEnumType(RegistrantType, {
  name: 'RegistrantType',
  description: '统一社会信用代码第1–2位表示的登记类别 (registration type from USCC positions 1–2)',
  valuesConfig: {
    ORGAN: { description: '11 机关 (state organ)' },
    PUBLIC_INSTITUTION: { description: '12 事业单位 (public institution)' },
    MASS_ORGANIZATION: { description: '13 群众团体 (mass organization)' },
    OTHER_ESTABLISHMENT: { description: '19 其他机构编制单位 (other establishment)' },
    SOCIAL_ORGANIZATION: { description: '51–53、59 社会组织 (social organization)' },
    GRASSROOTS_SELF_GOVERNANCE: { description: '54 村（居）民委员会 (villagers\' or residents\' committee)' },
    ENTERPRISE: { description: '91–93 企业等 (enterprise)' },
    RURAL_COLLECTIVE: { description: 'N1–N3 农村集体经济组织 (rural collective)' },
    OTHER: { description: '其他 (other)' },
  },
});
