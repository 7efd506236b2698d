// The schema registry (scripts/lib/schema-registry.ts) on a copy of schema/: a proposed subgraph
// is composed with the others, its changes classified, every client operation validated against
// it; publishing writes only after a passing check and keeps the previous version; rollback
// restores it; a subgraph run by another system is registered by the URL that serves its SDL.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { OPERATIONS_DIR } from '../../scripts/lib/safelist.js';
import {
  apiSchemaOf, checkSubgraph, fetchSubgraphSdl, formatReport, MAX_SDL_ANSWER_BYTES, listVersions, publishSubgraph, rollbackTo, safelistedOperations, type ClientOperation,
} from '../../scripts/lib/schema-registry.js';
import { readFederationList, SCHEMA_DIR } from '../../scripts/lib/subgraphs.js';
import { feedSourcesFromSupergraph } from '../../platform/change-feed/consume.js';

let dir: string;
let configPath: string;
let historyDir: string;
const courtSdl = readFileSync(join(SCHEMA_DIR, 'court-debtors.graphql'), 'utf8');
const COURT_FIELD = '  """执行法院 (executing court)"""\n  court: String!\n\n  """省份';
/** court-debtors without DebtorRecord.court, which the portal's PortalCourtList and PortalCreditProfile read. */
const withoutCourt = courtSdl.replace(COURT_FIELD, '  """省份');
/** court-debtors with one more field on DebtorRecord: an addition. */
const withAddition = courtSdl.replace(COURT_FIELD, `${COURT_FIELD.replace('\n\n  """省份', '')}\n\n  """执行法院代码 (court code)"""\n  courtCode: String\n\n  """省份`);
const safelist = safelistedOperations(OPERATIONS_DIR);
/** An operation an auditor's tool ran (recorded usage), reading a field no safelisted operation reads. */
const auditorTool: ClientOperation = {
  client: 'audit-workbench', name: 'CaseYears', source: 'usage', count: 42, auditedCallers: ['auditor-7'],
  document: 'query CaseYears { debtorRecord(caseNumber: "") { caseYear court } }',
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'credit-schema-'));
  cpSync(SCHEMA_DIR, dir, { recursive: true, filter: (source) => !source.includes('.history') });
  configPath = join(dir, 'supergraph.yaml');
  historyDir = join(dir, '.history');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('schema check', () => {
  it('the test SDLs differ from the current one as intended', () => {
    expect(withoutCourt).not.toBe(courtSdl);
    expect(withAddition).toContain('courtCode: String');
    expect(withAddition).toContain('court: String!');
  });

  it('fails a subgraph that removes a field portal operations read, and names each operation with its client', async () => {
    const { report } = await checkSubgraph({ name: 'court-debtors', sdl: withoutCourt }, { configPath, operations: [...safelist, auditorTool] });
    expect(report.passed).toBe(false);
    expect(report.compositionErrors).toEqual([]);
    expect(report.changes).toEqual([expect.objectContaining({ level: 'BREAKING', type: 'FIELD_REMOVED', path: 'DebtorRecord.court' })]);
    const broken = report.operations.broken.map((b) => `${b.client}/${b.name}/${b.source}`).sort();
    expect(broken).toEqual(['audit-workbench/CaseYears/usage', 'portal/PortalCourtList/safelist', 'portal/PortalCreditProfile/safelist']);
    expect(report.operations.broken.find((b) => b.name === 'PortalCourtList')!.errors[0]).toContain('Cannot query field "court" on type "DebtorRecord"');
    expect(report.operations.checked).toBe(safelist.length + 1);
    const text = formatReport(report);
    expect(text).toMatch(/^子图 court-debtors 的架构检查 \(schema check of subgraph court-debtors\)/);
    expect(text).toContain('✗ PortalCourtList — 客户端 client portal');
    expect(text).toContain('audit-workbench, 近期运行 42 次 (run 42 times recently), 审计所见调用方 audited callers: auditor-7');
    expect(text).toMatch(/结果：未通过 \(result: failed\)$/);
  });

  it('passes a safe addition, classified as safe', async () => {
    const { report, supergraphSdl } = await checkSubgraph({ name: 'court-debtors', sdl: withAddition }, { configPath, operations: [...safelist, auditorTool] });
    expect(report.passed).toBe(true);
    expect(report.changes).toContainEqual(expect.objectContaining({ level: 'SAFE', type: 'FIELD_ADDED', path: 'DebtorRecord.courtCode' }));
    expect(report.changes.every((c) => c.level === 'SAFE')).toBe(true);
    expect(report.operations.broken).toEqual([]);
    expect(apiSchemaOf(supergraphSdl!).getType('DebtorRecord')!.toString()).toBe('DebtorRecord');
  });

  it('does not blame a change for an operation that is invalid today already', async () => {
    const stale: ClientOperation = { client: 'old-tool', name: 'Stale', source: 'usage', document: '{ debtorRecord(caseNumber: "") { noSuchField } }' };
    const { report } = await checkSubgraph({ name: 'court-debtors', sdl: withoutCourt }, { configPath, operations: [stale] });
    expect(report.operations).toEqual({ checked: 1, broken: [], alreadyInvalid: 1 });
    expect(report.passed).toBe(true);
  });

  it('fails an SDL that does not compose, with the composer\'s error, and one that does not parse', async () => {
    // Organization.uscc is the entity's key everywhere else: a String, not an Int
    const clash = courtSdl.replace('type Organization\n  @key(fields: "uscc")\n{\n  uscc: String!', 'type Organization\n  @key(fields: "uscc")\n{\n  uscc: Int!');
    expect(clash).not.toBe(courtSdl);
    const { report } = await checkSubgraph({ name: 'court-debtors', sdl: clash }, { configPath, operations: safelist });
    expect(report.passed).toBe(false);
    expect(report.compositionErrors.map((e) => e.code)).toContain('FIELD_TYPE_MISMATCH');
    expect(report.compositionErrors.find((e) => e.code === 'FIELD_TYPE_MISMATCH')!.message).toMatch(/^同一字段在两个子图中的类型不一致 \(.*Organization\.uscc/);
    expect(formatReport(report)).toContain('组合：失败');

    const { report: unparsable } = await checkSubgraph({ name: 'court-debtors', sdl: 'type {' }, { configPath, operations: safelist });
    expect(unparsable.compositionErrors[0]!.code).toBe('INVALID_GRAPHQL');
    expect(unparsable.passed).toBe(false);
  });
});

describe('what a check refuses besides broken operations', () => {
  it('fails a subgraph that drops the personal tag of a field: the gateway would stop auditing its reads', async () => {
    const registrySdl = readFileSync(join(SCHEMA_DIR, 'registry.graphql'), 'utf8');
    const untagged = registrySdl.replaceAll(' @tag(name: "personal")', '');
    expect(untagged).not.toBe(registrySdl);
    const { report } = await checkSubgraph({ name: 'registry', sdl: untagged }, { configPath, operations: safelist });
    expect(report.passed).toBe(false);
    expect(report.changes.filter((c) => c.type === 'PERSONAL_TAG_REMOVED').map((c) => c.path)).toEqual(expect.arrayContaining(['PublicOfficial.idNumber', 'PublicOfficial.name', 'PublicOfficial.phone']));
    expect(report.changes.every((c) => c.level === 'BREAKING')).toBe(true);
  });

  it('refuses names that are not file-safe or name the supergraph, and routing URLs that are not http(s)', async () => {
    for (const name of ['supergraph', 'x/../../y', 'Court', '', 'a'.repeat(42)]) {
      const { report } = await checkSubgraph({ name, sdl: courtSdl, routingUrl: 'http://127.0.0.1:4999/graphql' }, { configPath, operations: [] });
      expect(report.compositionErrors[0]?.code, name).toBe('INVALID_SUBGRAPH_NAME');
    }
    for (const routingUrl of ['not a url', 'file:///etc/passwd', 'http://user:secret@127.0.0.1/graphql']) {
      const { report } = await checkSubgraph({ name: 'court-debtors', sdl: courtSdl, routingUrl }, { configPath, operations: [] });
      expect(report.compositionErrors[0]?.code, routingUrl).toBe('INVALID_ROUTING_URL');
    }
    const refused = await publishSubgraph({ name: 'supergraph', sdl: courtSdl, routingUrl: 'http://127.0.0.1:4999/graphql' }, { configPath, historyDir, operations: [] });
    expect(refused.version).toBeUndefined();
    expect(readFileSync(join(dir, 'supergraph.graphql'), 'utf8')).toBe(readFileSync(join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8'));
  });
});

describe('publish and rollback', () => {
  it('publishes only after a passing check, keeps the previous version, and rollback restores it byte for byte', async () => {
    const original = readFileSync(join(dir, 'supergraph.graphql'), 'utf8');
    const refused = await publishSubgraph({ name: 'court-debtors', sdl: withoutCourt }, { configPath, historyDir, operations: safelist });
    expect(refused.version).toBeUndefined();
    expect(readFileSync(join(dir, 'supergraph.graphql'), 'utf8')).toBe(original);
    expect(readFileSync(join(dir, 'court-debtors.graphql'), 'utf8')).toBe(courtSdl);

    const published = await publishSubgraph({ name: 'court-debtors', sdl: withAddition }, { configPath, historyDir, operations: safelist });
    expect(published.version).toMatchObject({ action: 'publish', subgraph: 'court-debtors' });
    const served = readFileSync(join(dir, 'supergraph.graphql'), 'utf8');
    expect(served).toBe(published.supergraphSdl);
    expect(served).toContain('courtCode');
    expect(readFileSync(join(dir, 'court-debtors.graphql'), 'utf8')).toBe(withAddition);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]); // no temporary file left
    expect(existsSync(join(dir, '.publish.lock'))).toBe(false);
    const { versions, current } = listVersions(historyDir);
    expect(versions.map((v) => v.action)).toEqual(['initial', 'publish']);
    expect(current).toBe(published.version!.id);
    expect(published.version!.previous).toBe(versions[0]!.id);

    const restored = await rollbackTo({ configPath, historyDir });
    expect(restored.id).toBe(versions[0]!.id);
    expect(readFileSync(join(dir, 'supergraph.graphql'), 'utf8')).toBe(original);
    expect(readFileSync(join(dir, 'court-debtors.graphql'), 'utf8')).toBe(courtSdl);
    expect(listVersions(historyDir).current).toBe(versions[0]!.id);
    // and forward again, by id
    await rollbackTo({ configPath, historyDir, to: published.version!.id });
    expect(readFileSync(join(dir, 'supergraph.graphql'), 'utf8')).toBe(served);
    await expect(rollbackTo({ configPath, historyDir, to: 'no-such-version' })).rejects.toThrow(/没有这个版本 \(no such version\)/);
  });

  it('refuses a second publisher while one holds the folder', async () => {
    const first = publishSubgraph({ name: 'court-debtors', sdl: withAddition }, { configPath, historyDir, operations: safelist });
    await expect(publishSubgraph({ name: 'court-debtors', sdl: withAddition }, { configPath, historyDir, operations: safelist })).rejects.toThrow(/另一次发布正在进行/);
    expect((await first).version).toBeDefined();
  });
});

describe('a subgraph run by another system', () => {
  const financeSdl = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
"""单位主体 (an organization)"""
type Organization @key(fields: "uscc") {
  uscc: String!
  """财政担保笔数 (guarantees the finance bureau recorded)"""
  financeGuarantees: Int!
}
type Query {
  """财政担保系统状态 (the finance guarantee system's state)"""
  financeGuaranteeStatus: String!
}
`;
  let server: Server;
  afterAll(() => server?.close());

  it('is registered by the URL that serves its SDL: listed as external with its routing URL, composed, not started here', async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body.includes('_service') ? { data: { _service: { sdl: financeSdl } } } : { errors: [{ message: 'unexpected' }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const sdl = await fetchSubgraphSdl(url);
    expect(sdl).toBe(financeSdl);
    const missingUrl = await checkSubgraph({ name: 'finance-guarantees', sdl }, { configPath, operations: [] });
    expect(missingUrl.report.compositionErrors[0]!.code).toBe('ROUTING_URL_REQUIRED');

    const published = await publishSubgraph({ name: 'finance-guarantees', sdl, routingUrl: url, external: true }, { configPath, historyDir, operations: safelist });
    expect(published.report.isNew).toBe(true);
    expect(published.version).toBeDefined();
    const list = YAML.parse(readFileSync(configPath, 'utf8'));
    expect(list.subgraphs['finance-guarantees']).toEqual({ routing_url: url, schema: { file: './finance-guarantees.graphql' }, external: true });
    expect(readFileSync(configPath, 'utf8')).toContain('# The subgraph list.'); // the list's comments are kept
    const entry = readFederationList(configPath).find((e) => e.name === 'finance-guarantees')!;
    expect(entry).toMatchObject({ external: true, routingUrl: url });
    const api = apiSchemaOf(readFileSync(join(dir, 'supergraph.graphql'), 'utf8'));
    expect(Object.keys((api.getType('Organization') as any).getFields())).toContain('financeGuarantees');

    // it keeps no change feed: the federation's feed readers (gateway cache, evaluation, exchange) skip it
    const feeds = feedSourcesFromSupergraph('', {}, join(dir, 'supergraph.graphql')).map((f) => f.name);
    expect(feeds).toContain('court-debtors');
    expect(feeds).not.toContain('finance-guarantees');

    // rolled back, the federation is as before: no entry, no SDL file
    await rollbackTo({ configPath, historyDir });
    expect(YAML.parse(readFileSync(configPath, 'utf8')).subgraphs['finance-guarantees']).toBeUndefined();
    expect(existsSync(join(dir, 'finance-guarantees.graphql'))).toBe(false);
  });

  it('refuses a URL that does not serve an SDL, one that redirects, and an answer past its size cap', async () => {
    await expect(fetchSubgraphSdl('http://127.0.0.1:1/graphql', 2_000)).rejects.toThrow();
    const odd = createServer((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: '/graphql' }).end();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(`{"data":{"_service":{"sdl":"${'x'.repeat(MAX_SDL_ANSWER_BYTES)}"}}}`);
    });
    await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(odd.address() as AddressInfo).port}`;
    try {
      await expect(fetchSubgraphSdl(`${base}/redirect`)).rejects.toThrow();
      await expect(fetchSubgraphSdl(`${base}/graphql`)).rejects.toThrow(/超过/);
    } finally {
      odd.close();
    }
  });
});
