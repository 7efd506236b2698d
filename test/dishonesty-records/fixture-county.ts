// The hand-worked county of the dishonesty-records tests: 孙吴县 (231124), made up — a court, a market
// regulator and a housing bureau, the discipline commission, a school; one official (张三) registered
// in the housing bureau; a penalty and a disciplinary sanction as the deciding bodies would send them.
import { subgraph } from '../../subgraphs/dishonesty-records/schema.js';
import { buildSubgraph, fixedRoster, idNumberCheckCharacter, officialPseudonym, type BuiltSubgraph } from '../../subgraphs/kit/index.js';
import { fillRegistryMirror, fixtureUscc } from '../helpers.js';

export const COURT = fixtureUscc('11', '231124', 1);
export const MARKET = fixtureUscc('11', '231124', 2);
export const HOUSING = fixtureUscc('11', '231124', 3);
export const DISCIPLINE = fixtureUscc('11', '231124', 4);
export const SCHOOL = fixtureUscc('12', '231124', 5);
/** The names the registry has registered for them (an authority must be named so, rule REGISTERED_NAME). */
export const NAMES: Record<string, string> = {
  [COURT]: '孙吴县人民法院', [MARKET]: '孙吴县市场监督管理局', [HOUSING]: '孙吴县住房和城乡建设局', [DISCIPLINE]: '中共孙吴县纪律检查委员会', [SCHOOL]: '孙吴县第一中学',
};
export const ID_BODY = '23112419800101123';
export const ZHANG = ID_BODY + idNumberCheckCharacter(ID_BODY);

/** The county's bodies as the registry has them (this subgraph's copy of it: kit/registry-mirror.ts). */
export const REGISTERED_BODIES = [
  { uscc: COURT, kind: 'JUDICIAL_ORGAN' },
  { uscc: MARKET, kind: 'GOVERNMENT_DEPARTMENT' },
  { uscc: HOUSING, kind: 'GOVERNMENT_DEPARTMENT' },
  { uscc: DISCIPLINE, kind: 'PARTY_ORGAN' },
  { uscc: SCHOOL, kind: 'PUBLIC_INSTITUTION' },
].map((body) => ({ ...body, name: NAMES[body.uscc]!, regionCode: '231124' }));

/** The subgraph on a store of its own, its copy of the registry holding the county (and `more`), 张三 on the housing bureau's roster. */
export async function countyStore(dbName: string, more: Array<{ uscc: string; name: string; kind: string }> = []): Promise<BuiltSubgraph> {
  const store = await buildSubgraph(subgraph, { dbName, roster: fixedRoster(new Map([[officialPseudonym(ZHANG), HOUSING]])) });
  await fillRegistryMirror(store, [...REGISTERED_BODIES, ...more.map((body) => ({ ...body, regionCode: '231124' }))]);
  return store;
}

export const penalty = {
  kind: 'ADMINISTRATIVE_PENALTY', organizationUscc: HOUSING, organizationName: '孙吴县住房和城乡建设局', authorityUscc: MARKET, authorityName: '孙吴县市场监督管理局',
  documentNumber: '孙市监处〔2026〕12号', decisionDate: '2026-03-15', facts: '违规收取技术服务费共计32,000元', legalBasis: '《中华人民共和国价格法》第三十九条',
  severity: 'GENERAL', sanctionTermMonths: '12',
};
export const sanction = {
  kind: 'DISCIPLINARY_SANCTION', organizationUscc: HOUSING, organizationName: '孙吴县住房和城乡建设局', idNumber: ZHANG, officialName: '张三',
  authorityUscc: DISCIPLINE, authorityName: '中共孙吴县纪律检查委员会', documentNumber: '孙纪处〔2026〕3号', decisionDate: '2026-06-15',
  facts: '拒不兑现前任作出的配套承诺，给予党内警告处分', legalBasis: '《中国共产党纪律处分条例》第一百二十一条', severity: 'GENERAL', sanctionTermMonths: '12',
};
