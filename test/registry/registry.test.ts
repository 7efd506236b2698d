import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { buildSubgraph, isValidUscc, orgCodeCheckCharacter, usccCheckCharacter, type EntityManager, officialPseudonym, silentProgress, wholeDemo, type BuiltSubgraph } from '../../subgraphs/kit/index.js';
import { subgraph } from '../../subgraphs/registry/schema.js';
import { seed } from '../../subgraphs/registry/seed.js';
import { PublicOfficial } from '../../subgraphs/registry/entities/public-official.js';
import { bearer, dropTestStore, lazyStore, testDbName, pendingSchemaChanges } from '../helpers.js';

const demo = buildDemoRegistry();

/** A valid USCC from registrant+region (8) and an organization-code body (8). */
function makeUscc(head: string, body: string): string {
  const first17 = head + body + orgCodeCheckCharacter(body);
  return first17 + usccCheckCharacter(first17);
}
const dbName = testDbName('registry');
let registry: BuiltSubgraph;
let auditor: string;
let admin: string;

async function demoStore(name: string): Promise<BuiltSubgraph> {
  const built = await buildSubgraph(subgraph, { dbName: name });
  await built.store.orm.em.fork().transactional((em) => seed(em as any, { parts: wholeDemo(demo), progress: silentProgress }));
  return built;
}

/** The imports write to a copy of the demo registry of their own: the counts below read one nobody writes to. */
const writes = lazyStore('registry_writes', demoStore);

beforeAll(async () => {
  registry = await demoStore(dbName);
  auditor = await bearer('AUDITOR');
  admin = await bearer('ADMIN');
});

afterAll(async () => {
  await writes.drop();
  await dropTestStore(registry, dbName);
});

describe('organization(uscc)', () => {
  const county = demo.organizations.find((o) => o.regionCode === '231123' && o.kind === 'GOVERNMENT')!;

  it('finds an organization with its region and parent', async () => {
    const { data, errors } = await registry.execute(`query($u: String!) { organization(uscc: $u) { uscc name kind region { code name parent { code } } parent { uscc } usccCheckPassed registrant } }`, { u: county.uscc });
    expect(errors).toBeUndefined();
    expect(data.organization).toMatchObject({ uscc: county.uscc, name: county.name, kind: 'GOVERNMENT', region: { code: '231123', name: '逊克县', parent: { code: '231100' } }, usccCheckPassed: true, registrant: 'ORGAN' });
    expect(data.organization.parent?.uscc ?? null).toBe(county.parentUscc);
  });

  it('answers null for a valid but unknown code', async () => {
    const { data, errors } = await registry.execute('{ organization(uscc: "91110000600037341L") { name } }');
    expect(errors).toBeUndefined();
    expect(data.organization).toBeNull();
  });

  it('answers BAD_USER_INPUT naming the broken rule', async () => {
    for (const [code, rule] of [['91110000600037341M', 'CHECK_DIGIT'], ['9111000060003734', 'LENGTH'], ['9111000060003734IL', 'CHARSET']]) {
      const { errors } = await registry.execute('query($u: String!) { organization(uscc: $u) { name } }', { u: code });
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'uscc', rule });
      expect(errors?.[0]?.message).toMatch(/[\u4e00-\u9fff].*\(.*[a-z]/);
    }
  });

  it('finds a registered early pilot code although its check digit fails', async () => {
    const pilot = demo.pilotCodes[0]!;
    expect(isValidUscc(pilot)).toBe(false);
    const { data, errors } = await registry.execute('query($u: String!) { organization(uscc: $u) { uscc usccCheckPassed } }', { u: pilot });
    expect(errors).toBeUndefined();
    expect(data.organization).toEqual({ uscc: pilot, usccCheckPassed: false });
  });
});

describe('organizations(filter, first, after)', () => {
  it('defaults to 20, caps at 100 with BAD_USER_INPUT, never silently cuts', async () => {
    const page = await registry.execute('{ organizations { totalCount edges { cursor } pageInfo { hasNextPage } } }');
    expect(page.data.organizations.edges).toHaveLength(20);
    expect(page.data.organizations.totalCount).toBe(demo.organizations.length);
    expect((await registry.execute('{ organizations(first: 100) { edges { cursor } } }')).data.organizations.edges).toHaveLength(100);
    const tooMany = await registry.execute('{ organizations(first: 1000) { totalCount } }');
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await registry.execute('{ organizations(first: -1) { totalCount } }')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await registry.execute('{ organizations(after: "garbage!") { totalCount } }')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('walks a county page by page and finds exactly the demo organizations there', async () => {
    const expected = demo.organizations.filter((o) => o.regionCode === '231124').map((o) => o.uscc).sort();
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: any = await registry.execute('query($after: String) { organizations(filter: { regionCode: "231124" }, first: 100, after: $after) { totalCount edges { node { uscc } } pageInfo { hasNextPage endCursor } } }', { after });
      expect(result.data.organizations.totalCount).toBe(expected.length);
      seen.push(...result.data.organizations.edges.map((e: any) => e.node.uscc));
      if (!result.data.organizations.pageInfo.hasNextPage) break;
      after = result.data.organizations.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('includes subregions by default and filters by kind, name and classified', async () => {
    const city = await registry.execute('{ all: organizations(filter: { regionCode: "231100" }) { totalCount } own: organizations(filter: { regionCode: "231100", includeSubregions: false }) { totalCount } }');
    expect(city.data.all.totalCount).toBe(demo.organizations.length);
    expect(city.data.own.totalCount).toBe(demo.organizations.filter((o) => o.regionCode === '231100').length);

    const filtered = await registry.execute('{ v: organizations(filter: { kind: VILLAGERS_COMMITTEE }) { totalCount } n: organizations(filter: { nameContains: "教育局" }) { totalCount } c: organizations(filter: { classified: true }) { totalCount } }');
    expect(filtered.data.v.totalCount).toBe(demo.organizations.filter((o) => o.kind === 'VILLAGERS_COMMITTEE').length);
    expect(filtered.data.n.totalCount).toBe(demo.organizations.filter((o) => o.name.includes('教育局')).length);
    expect(filtered.data.c.totalCount).toBe(demo.organizations.filter((o) => o.classified).length);

    const bad = await registry.execute('{ organizations(filter: { regionCode: "2311" }) { totalCount } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCode' });
  });

  it('filters by level, by several kinds and by coverage group, together as an intersection', async () => {
    const { data, errors } = await registry.execute(`{
      countyBureaus: organizations(filter: { level: COUNTY, kinds: [GOVERNMENT_DEPARTMENT, PUBLIC_INSTITUTION] }, first: 100) { totalCount edges { node { uscc kind level commitmentGroup } } }
      targetGroup: organizations(filter: { commitmentGroup: GOVERNMENTS_AND_DEPARTMENTS }) { totalCount }
      disjoint: organizations(filter: { kind: PARTY_ORGAN, commitmentGroup: GOVERNMENTS_AND_DEPARTMENTS }) { totalCount edges { node { uscc } } }
      township: organizations(filter: { level: TOWNSHIP, commitmentGroup: GOVERNMENTS_AND_DEPARTMENTS }) { totalCount }
    }`);
    expect(errors).toBeUndefined();
    const countyBureaus = demo.organizations.filter((o) => o.level === 'COUNTY' && (o.kind === 'GOVERNMENT_DEPARTMENT' || o.kind === 'PUBLIC_INSTITUTION'));
    expect(data.countyBureaus.totalCount).toBe(countyBureaus.length);
    expect(data.countyBureaus.edges.map((e: any) => e.node.uscc)).toEqual(countyBureaus.map((o) => o.uscc).sort().slice(0, 100));
    for (const { node } of data.countyBureaus.edges) {
      expect(node.commitmentGroup).toBe(node.kind === 'PUBLIC_INSTITUTION' ? 'PUBLIC_INSTITUTIONS' : 'GOVERNMENTS_AND_DEPARTMENTS');
    }
    // Seed 000 §二(一): governments and their departments, streets and townships included.
    const target = ['GOVERNMENT', 'GOVERNMENT_DEPARTMENT', 'TOWNSHIP', 'STREET_OFFICE'];
    expect(data.targetGroup.totalCount).toBe(demo.organizations.filter((o) => target.includes(o.kind)).length);
    expect(data.disjoint).toEqual({ totalCount: 0, edges: [] });
    expect(data.township.totalCount).toBe(demo.organizations.filter((o) => o.level === 'TOWNSHIP' && target.includes(o.kind)).length);
    expect(data.township.totalCount).toBeGreaterThan(0);

    const tooMany = await registry.execute(`{ organizations(filter: { kinds: [${Array(14).fill('TOWNSHIP').join(', ')}] }) { totalCount } }`);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.kinds' });
  });
});

describe('officials and personal data', () => {
  const person = demo.officials[123]!;
  const id = officialPseudonym(person.idNumber);
  const query = 'query($id: ID!) { official(id: $id) { id name idNumber maskedIdNumber phone position organization { uscc } } }';

  it('masks name, ID number and phone for PUBLIC and the contributing systems', async () => {
    for (const headers of [{}, { authorization: await bearer('COURT') }, { authorization: await bearer('ORGANIZATION', { uscc: person.organizationUscc }) }]) {
      const { data } = await registry.execute(query, { id }, headers);
      expect(data.official.id).toBe(id);
      expect(data.official.name).not.toBe(person.name);
      expect(data.official.name).toContain('*');
      expect(data.official.idNumber).toBeNull();
      expect(data.official.maskedIdNumber).toBe(`${person.idNumber.slice(0, 6)}************`);
      expect(data.official.phone).toBe(`${person.phone.slice(0, 3)}****${person.phone.slice(7)}`);
      expect(JSON.stringify(data)).not.toContain(person.idNumber);
    }
  });

  it('shows full values to AUDITOR and ADMIN', async () => {
    for (const authorization of [auditor, admin]) {
      const { data } = await registry.execute(query, { id }, { authorization });
      expect(data.official).toMatchObject({ name: person.name, idNumber: person.idNumber, phone: person.phone, organization: { uscc: person.organizationUscc } });
    }
  });

  it('pages an organization\'s officials and counts them', async () => {
    const org = demo.organizations.find((o) => o.kind === 'GOVERNMENT_DEPARTMENT')!;
    const staff = demo.officials.filter((o) => o.organizationUscc === org.uscc).map((o) => officialPseudonym(o.idNumber)).sort();
    const first = await registry.execute('query($u: String!) { organization(uscc: $u) { officialCount officials(first: 5) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }', { u: org.uscc });
    expect(first.data.organization.officialCount).toBe(staff.length);
    expect(first.data.organization.officials.totalCount).toBe(staff.length);
    expect(first.data.organization.officials.edges.map((e: any) => e.node.id)).toEqual(staff.slice(0, 5));
    const second = await registry.execute('query($u: String!, $a: String) { organization(uscc: $u) { officials(first: 5, after: $a) { edges { node { id } } } } }', { u: org.uscc, a: first.data.organization.officials.pageInfo.endCursor });
    expect(second.data.organization.officials.edges.map((e: any) => e.node.id)).toEqual(staff.slice(5, 10));
  });
});

describe('_entities batching', () => {
  const entitiesQuery = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { uscc name officialCount region { name } officials(first: 3) { totalCount edges { node { name } } } } } }`;

  async function statementsFor(count: number): Promise<{ statements: number; data: any }> {
    const representations = demo.organizations.slice(0, count).map((o) => ({ __typename: 'Organization', uscc: o.uscc }));
    registry.store.statements.reset();
    const { data, errors } = await registry.execute(entitiesQuery, { r: representations });
    expect(errors).toBeUndefined();
    expect(data._entities).toHaveLength(count);
    return { statements: registry.store.statements.count, data };
  }

  it('resolves 1 and 100 organizations with the same number of SQL statements', async () => {
    const one = await statementsFor(1);
    const hundred = await statementsFor(100);
    // organizations, regions, official counts, official pages: one statement each per batch
    expect(one.statements).toBe(4);
    expect(hundred.statements).toBe(one.statements);
    expect(hundred.data._entities[99].uscc).toBe(demo.organizations[99]!.uscc);
  });

  it('returns null for an unknown key, in key order', async () => {
    const { data } = await registry.execute(entitiesQuery, {
      r: [{ __typename: 'Organization', uscc: demo.organizations[1]!.uscc }, { __typename: 'Organization', uscc: '91110000600037341L' }, { __typename: 'Organization', uscc: demo.organizations[0]!.uscc }],
    });
    expect(data._entities.map((e: any) => e?.uscc ?? null)).toEqual([demo.organizations[1]!.uscc, null, demo.organizations[0]!.uscc]);
  });
});

describe('ADMIN imports', () => {
  let registry: BuiltSubgraph; // the writes' own store
  beforeAll(async () => {
    registry = await writes.get();
  });

  const parent = demo.organizations.find((o) => o.kind === 'GOVERNMENT' && o.regionCode === '231102')!;
  const mutation = `mutation($rows: [OrganizationInput!]!) { importOrganizations(rows: $rows) { accepted updated unchanged rejected errors { row field code message } warnings { row code } } }`;
  const good = { uscc: '', name: '黑河市爱辉区测试局', kind: 'GOVERNMENT_DEPARTMENT', level: 'COUNTY', regionCode: '231102', parentUscc: parent.uscc };

  it('is for ADMIN only', async () => {
    const anonymous = await registry.execute(mutation, { rows: [] });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const court = await registry.execute(mutation, { rows: [] }, { authorization: await bearer('COURT') });
    expect(court.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('reports each bad row, writes the good ones, and is idempotent', async () => {
    const okUscc = makeUscc('11231102', 'MA000001');
    const pilotUscc = okUscc.slice(0, 17) + (okUscc[17] === '0' ? '1' : '0');
    const rows = [
      { ...good, uscc: okUscc },
      { ...good, uscc: '91110000600037341', name: '长度不对' },
      { ...good, uscc: makeUscc('11231102', 'MA000002'), regionCode: '999999' },
      { ...good, uscc: makeUscc('11231102', 'MA000003'), parentUscc: '91110000600037341L' },
      { ...good, uscc: makeUscc('11231102', 'MA000004'), name: '  ' },
      { ...good, uscc: pilotUscc, name: '试点代码单位' },
    ];
    const first = await registry.execute(mutation, { rows }, { authorization: admin });
    expect(first.errors).toBeUndefined();
    const result = first.data.importOrganizations;
    expect(result).toMatchObject({ accepted: 2, updated: 0, unchanged: 0, rejected: 4 });
    expect(result.errors.map((e: any) => [e.row, e.field])).toEqual([[2, 'uscc'], [5, 'name'], [3, 'regionCode'], [4, 'parentUscc']]);
    expect(result.warnings).toEqual([{ row: 6, code: 'PILOT_CODE' }]);

    const stored = await registry.execute('query($a: String!, $b: String!) { a: organization(uscc: $a) { name usccCheckPassed } b: organization(uscc: $b) { name } }', { a: pilotUscc, b: rows[2]!.uscc });
    expect(stored.data.a).toEqual({ name: '试点代码单位', usccCheckPassed: false });
    expect(stored.data.b).toBeNull(); // rejected rows are not written at all

    const again = await registry.execute(mutation, { rows: [rows[0], rows[5]] }, { authorization: admin });
    expect(again.data.importOrganizations).toMatchObject({ accepted: 0, updated: 0, unchanged: 2, rejected: 0 });
    const renamed = await registry.execute(mutation, { rows: [{ ...rows[0], name: '黑河市爱辉区测试局（更名）' }] }, { authorization: admin });
    expect(renamed.data.importOrganizations).toMatchObject({ accepted: 0, updated: 1 });
  });

  it('imports officials by pseudonym and never echoes an ID number in errors', async () => {
    const importOfficials = `mutation($rows: [OfficialInput!]!) { importOfficials(rows: $rows) { accepted updated unchanged rejected errors { row field code message } } }`;
    const org = demo.organizations[10]!;
    const rows = [
      { idNumber: '11010519491231002X', name: '测试人员', phone: '13900001111', organizationUscc: org.uscc, position: '科员' },
      { idNumber: '110105194912310021', name: '校验位错', organizationUscc: org.uscc, position: '科员' },
      { idNumber: '11010519491231002x', name: '重复的人', organizationUscc: org.uscc, position: '科员' },
      { idNumber: '230102199001011235', name: '单位不存在', organizationUscc: '91110000600037341L', position: '科员' },
    ];
    const validRow4 = (await import('../../subgraphs/kit/index.js')).idNumberCheckCharacter('23010219900101123');
    rows[3]!.idNumber = `23010219900101123${validRow4}`;
    const { data } = await registry.execute(importOfficials, { rows }, { authorization: admin });
    expect(data.importOfficials).toMatchObject({ accepted: 1, rejected: 3 });
    expect(data.importOfficials.errors.map((e: any) => [e.row, e.field, e.code])).toEqual([
      [2, 'idNumber', 'BAD_USER_INPUT'],
      [3, 'idNumber', 'BAD_USER_INPUT'],
      [4, 'organizationUscc', 'BAD_USER_INPUT'],
    ]);
    expect(JSON.stringify(data)).not.toMatch(/1101051949/);
    const official = await registry.execute('query($id: ID!) { official(id: $id) { name idNumber } }', { id: officialPseudonym('11010519491231002X') }, { authorization: auditor });
    expect(official.data.official).toEqual({ name: '测试人员', idNumber: '11010519491231002X' });
    const again = await registry.execute(importOfficials, { rows: [rows[0]] }, { authorization: admin });
    expect(again.data.importOfficials).toMatchObject({ accepted: 0, unchanged: 1 });
  });
});

describe('cursors under inserts (README: keyset, stable under inserts)', () => {
  it('continues a walk exactly after the last row seen while rows are inserted before and after it', async () => {
    const registry = await writes.get();
    const parent = demo.organizations.find((o) => o.kind === 'GOVERNMENT' && o.regionCode === '231102')!;
    const unit = (body: string) => ({ uscc: makeUscc('11231102', body), name: `游标测试单位${body}`, kind: 'GOVERNMENT_DEPARTMENT', level: 'COUNTY', regionCode: '231102', parentUscc: parent.uscc });
    const importRows = async (rows: Array<ReturnType<typeof unit>>) => {
      const result = await registry.execute('mutation($rows: [OrganizationInput!]!) { importOrganizations(rows: $rows) { accepted rejected } }', { rows }, { authorization: admin });
      expect(result.data.importOrganizations).toEqual({ accepted: rows.length, rejected: 0 });
    };
    const page = async (first: number, after: string | null) => {
      const result = await registry.execute('query($after: String, $first: Int) { organizations(filter: { nameContains: "游标测试" }, first: $first, after: $after) { totalCount edges { node { uscc } } pageInfo { hasNextPage endCursor } } }', { first, after });
      expect(result.errors).toBeUndefined();
      return { ...result.data.organizations, usccs: result.data.organizations.edges.map((e: any) => e.node.uscc) as string[] };
    };
    const [a, b, c, d, e, f] = ['MC000010', 'MC000020', 'MC000030', 'MC000040', 'MC000050', 'MC000060'].map(unit);
    await importRows([a!, b!, c!, d!, e!, f!]);
    const first = await page(3, null);
    expect(first.usccs).toEqual([a!.uscc, b!.uscc, c!.uscc]);
    expect(first.totalCount).toBe(6);

    // Two units sort before the cursor, one between the rows still to come.
    const before = [unit('MC000005'), unit('MC000025')];
    const between = unit('MC000045');
    await importRows([...before, between]);
    const second = await page(3, first.pageInfo.endCursor);
    expect(second.usccs).toEqual([d!.uscc, between.uscc, e!.uscc]);
    expect(second.totalCount).toBe(9);
    expect(second.pageInfo.hasNextPage).toBe(true);
    const third = await page(3, second.pageInfo.endCursor);
    expect(third.usccs).toEqual([f!.uscc]);
    expect(third.pageInfo.hasNextPage).toBe(false);
    // Nothing seen twice, nothing after the cursor missed; what sorts before it is for a walk from the start.
    const walked = [...first.usccs, ...second.usccs, ...third.usccs];
    expect(new Set(walked).size).toBe(walked.length);
    expect((await page(20, null)).usccs).toEqual([...before.map((u) => u.uscc), ...walked].sort());
  });
});

describe('store', () => {
  it('keeps ID numbers and phones sealed at rest', async () => {
    const rows = await (registry.store.orm.em.fork() as EntityManager).createQueryBuilder(PublicOfficial).select('*').limit(50).execute('all', false);
    const text = JSON.stringify(rows);
    for (const person of demo.officials.slice(0, 50)) {
      expect(text).not.toContain(person.idNumber);
      expect(text).not.toContain(person.phone);
    }
  });

  it('has nothing left to migrate once created (no table rebuilds at start)', async () => {
    expect(await pendingSchemaChanges(registry.store.orm)).toBe('');
  });
});
