// The auditors' explorer in real headless Chromium, with every request to another host
// blocked: the page must load from the gateway alone, run a cross-domain query, show it as JSON
// and as a table; a query built by clicking in the explorer plugin; a saved question loaded with
// one click; CSV and XLSX exports through the page's buttons, masked for PUBLIC, in full for an
// AUDITOR and written to the audit log. Then the export endpoint's answers to hostile requests.
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers.js';
import { airGappedPage, launchChromium, screenshot } from './browser.js';
import { sharedTestStack, type ReadOnlyStack } from './test-stack.js';

let stack: ReadOnlyStack;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  stack = await sharedTestStack();
  browser = await launchChromium();
  origin = new URL(stack.gatewayUrl).origin;
}, 400_000); // seven processes and Chromium on a loaded 2-core machine

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Officials of Sunwu county's units: names masked and ID numbers withheld for PUBLIC. */
const OFFICIALS_QUERY = `query OfficialsOfSunwu {
  organizations(filter: { regionCode: "231124" }, first: 4) {
    edges { node { uscc name officials(first: 3) { edges { node { name idNumber maskedIdNumber } } } } }
  }
}`;

async function openExplorer(token?: string) {
  const opened = await airGappedPage(browser, origin);
  await opened.page.goto(`${origin}/explorer`);
  if (token) await opened.page.fill('#token', token);
  await opened.page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
  return opened;
}

/** Replaces the query editor's text (CodeMirror 5 under GraphiQL 3) as a user would, once GraphiQL has settled its tabs. */
async function typeQuery(page: Page, query: string) {
  await expect
    .poll(async () => {
      await page.evaluate(`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(${JSON.stringify(query)})`);
      await page.waitForTimeout(300);
      return editorText(page)();
    }, { timeout: 20_000 })
    .toBe(query);
}

/** The query editor's text. */
const editorText = (page: Page) => async () => String(await page.evaluate(`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue()`));

/** Runs the editor's operation and waits for its table; on failure says what the page showed instead. */
async function runAndWaitForTable(page: Page) {
  await page.click('.graphiql-execute-button');
  try {
    await page.waitForSelector('#table table', { timeout: 45_000 });
  } catch (error) {
    throw new Error(`no table: status "${await page.textContent('#table-status')}", response ${(await responseText(page)).slice(0, 400)}`, { cause: error });
  }
  await expect.poll(async () => page.isEnabled('[data-export="csv"]'), { timeout: 10_000 }).toBe(true);
}

/** The response editor's text (GraphiQL shows the JSON in CodeMirror). */
async function responseText(page: Page): Promise<string> {
  return String(await page.evaluate(`document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()`));
}

async function download(page: Page, format: 'csv' | 'xlsx'): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click(`[data-export="${format}"]`)]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

async function graphql(query: string, token?: string) {
  const response = await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) }, body: JSON.stringify({ query }) });
  return (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

async function exportRequest(body: unknown, token?: string, raw?: string) {
  const response = await fetch(`${origin}/explorer/export`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) }, body: raw ?? JSON.stringify(body) });
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, type, json: type.includes('json') ? ((await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> }) : undefined };
}

/** The officials' rows of the API's own answer to this caller, as the CSV should hold them. */
function officialsOf(data: any): Array<{ name: string; idNumber: string | null }> {
  return data.organizations.edges.flatMap((e: any) => e.node.officials.edges.map((o: any) => ({ name: o.node.name, idNumber: o.node.idNumber })));
}

describe('explorer', () => {
  it('loads air-gapped, runs a cross-domain query with a token, and shows the result as JSON and as a table', async () => {
    const { page, foreign, context } = await openExplorer(await bearer('AUDITOR'));
    await runAndWaitForTable(page);
    const result = page.locator('.graphiql-response');
    await expect.poll(async () => (await result.textContent()) ?? '', { timeout: 30_000 }).toContain('commitmentSummary');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('totalCount');
    expect(text).toContain('孙吴县'); // the region name comes from the registry, the summary from commitments
    expect(await page.textContent('#who')).toContain('AUDITOR');
    // The table: headers from the schema's Chinese descriptions, the rows the JSON holds.
    const headers = await page.locator('#table th').allTextContents();
    expect(headers).toEqual(['统一社会信用代码', '单位全称', '所在行政区划·名称', '年度承诺概况·是否已公示', '年度承诺概况·逾期未兑现事项数']);
    const json = JSON.parse(await responseText(page));
    const firstRow = await page.locator('#table tbody tr').first().locator('td').allTextContents();
    expect(firstRow.slice(0, 3)).toEqual([json.data.organizations.edges[0].node.uscc, json.data.organizations.edges[0].node.name, '孙吴县']);
    expect(await page.locator('#table tbody tr').count()).toBe(json.data.organizations.edges.length);
    await screenshot(page, 'explorer');
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('builds a query by clicking fields in the explorer plugin, showing their Chinese descriptions, runs it, and tabulates it', async () => {
    const { page, foreign, context } = await openExplorer(await bearer('AUDITOR'));
    await typeQuery(page, '');
    const builder = page.locator('.graphiql-explorer-root');
    const regions = builder.locator('span[data-field-name="regions"]').first();
    await regions.waitFor({ timeout: 30_000 });
    expect(await regions.getAttribute('data-zh')).toMatch(/^行政区划列表[^A-Za-z]*$/); // shown beside the name (CSS ::after)
    await regions.click();
    // Inside regions: the builder picks a first field or two by itself; add the level and the official count.
    const inside = builder.locator('div.graphiql-explorer-regions').first(); // the field and, beside it, its subfields
    await inside.locator('span[data-field-name="level"]').first().click();
    await inside.locator('span[data-field-name="officialCount"]').first().click();
    await expect.poll(editorText(page), { timeout: 10_000 }).toMatch(/regions\s*\{[^}]*level[^}]*officialCount/s);
    await runAndWaitForTable(page);
    const headers = await page.locator('#table th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['级别', '本区划及下级区划内公职人员数']));
    const api = await graphql('{ regions { level officialCount } }', await bearer('AUDITOR'));
    const rows = await page.locator('#table tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from((tr as any).cells as Array<{ textContent: string }>, (td) => td.textContent)));
    expect(rows).toEqual(api.data.regions.map((r: { level: string; officialCount: number }) => [r.level, String(r.officialCount)]));
    await screenshot(page, 'explorer-builder');
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('loads a saved audit question with one click, with its variables, and runs it', async () => {
    const { page, foreign, context } = await openExplorer(await bearer('AUDITOR'));
    const listed = (await (await fetch(`${origin}/explorer/questions.json`)).json()) as { questions: Array<{ id: string; title: string; variables: Record<string, unknown> }> };
    expect(listed.questions.length).toBeGreaterThanOrEqual(5);
    const question = listed.questions.find((q) => q.id.includes('warnings'))!;
    await page.click('button[aria-label="Show 审计问题库 (saved questions)"]');
    await page.click(`[data-question="${question.id}"]`);
    await expect.poll(editorText(page), { timeout: 10_000 }).toContain('query WarningsAtOrAbove');
    await runAndWaitForTable(page);
    const json = JSON.parse(await responseText(page));
    expect(json.errors).toBeUndefined();
    const levels = json.data.warnings.edges.map((e: any) => e.node.level);
    expect(levels.length).toBeGreaterThan(0);
    expect(levels.every((level: string) => level === 'RED' || level === 'ORANGE')).toBe(true); // the saved variables applied: minLevel ORANGE
    expect(await page.locator('#table tbody tr').count()).toBe(levels.length);
    expect(await page.locator('#table th').first().textContent()).toBe('等级');
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('exports CSV and XLSX with Chinese headers; PUBLIC gets masked values, an AUDITOR full ones and an audit entry', async () => {
    const auditor = await bearer('AUDITOR');
    const admin = await bearer('ADMIN');
    const auditPage = async (after: number) => ((await (await fetch(`${origin}/audit?after=${after}&limit=500`, { headers: { authorization: admin } })).json()) as { entries: any[] }).entries;
    let lastId = 0;
    for (let page = await auditPage(0); page.length > 0; page = await auditPage(lastId)) lastId = page[page.length - 1].id;

    const expected = { PUBLIC: officialsOf((await graphql(OFFICIALS_QUERY)).data), AUDITOR: officialsOf((await graphql(OFFICIALS_QUERY, auditor)).data) };
    expect(expected.AUDITOR.length).toBeGreaterThan(0);
    expect(expected.PUBLIC.every((o) => o.name.includes('*') && o.idNumber === null)).toBe(true);
    expect(expected.AUDITOR.every((o) => !o.name.includes('*') && /^\d{17}[\dX]$/.test(o.idNumber ?? ''))).toBe(true);

    const files: Record<string, { csv: string[][]; xlsx: unknown[][] }> = {};
    for (const [role, token] of [['PUBLIC', undefined], ['AUDITOR', auditor]] as const) {
      const { page, foreign, context } = await openExplorer(token);
      await typeQuery(page, OFFICIALS_QUERY);
      await runAndWaitForTable(page);
      const csv = await download(page, 'csv');
      expect(csv.name).toMatch(/^OfficialsOfSunwu-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // BOM: Excel reads UTF-8
      const xlsx = await download(page, 'xlsx');
      expect(xlsx.name).toMatch(/\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.bytes as never);
      const sheet = workbook.getWorksheet('查询结果')!;
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      files[role] = { csv: parseCsv(csv.bytes.toString('utf8').slice(1), { relax_column_count: true }), xlsx: rows };
      expect(await page.textContent('#table-status')).toContain('审计日志');
      expect(foreign).toEqual([]);
      await context.close();
    }
    for (const role of ['PUBLIC', 'AUDITOR'] as const) {
      const { csv, xlsx } = files[role];
      expect(csv[0]).toEqual(['统一社会信用代码', '单位全称', '本单位公职人员·姓名', '本单位公职人员·公民身份号码', '本单位公职人员·身份号码脱敏形式']);
      expect(xlsx[0]).toEqual(csv[0]);
      expect(csv.length).toBe(xlsx.length);
      // The officials' names of each row, as the API answered this caller, joined in one cell.
      const names = csv.slice(1).flatMap((row) => (row[2] ? row[2].split('；') : []));
      expect(names).toEqual(expected[role].map((o) => o.name));
      const idNumbers = csv.slice(1).flatMap((row) => (row[3] ? row[3].split('；') : []));
      expect(idNumbers).toEqual(expected[role].flatMap((o) => (o.idNumber ? [o.idNumber] : [])));
      expect(xlsx.slice(1).map((row) => row[2] ?? '')).toEqual(csv.slice(1).map((row) => row[2]));
    }
    expect(files.PUBLIC.csv.slice(1).every((row) => row[3] === '')).toBe(true); // no ID number leaves for PUBLIC

    const entries = (await auditPage(lastId)).filter((e) => e.operationType === 'export' && e.operationName === 'OfficialsOfSunwu');
    const auditorExports = entries.filter((e) => e.callerId === 'test-auditor');
    expect(auditorExports.map((e) => e.outcome).sort()).toEqual([`exported ${files.AUDITOR.csv.length - 1} rows as csv`, `exported ${files.AUDITOR.xlsx.length - 1} rows as xlsx`]);
    for (const entry of auditorExports) expect(entry.personalFields['PublicOfficial.idNumber']).toBe(expected.AUDITOR.length);
    const publicExports = entries.filter((e) => e.callerId === 'anonymous');
    expect(publicExports).toHaveLength(2);
    for (const entry of publicExports) expect(entry.personalFields).toEqual({});
  });
});

describe('saved audit questions on the demo data', () => {
  it('each runs for an AUDITOR without errors, and its export has the rows its table shows', async () => {
    const auditor = await bearer('AUDITOR');
    const { questions } = (await (await fetch(`${origin}/explorer/questions.json`)).json()) as { questions: Array<{ id: string; query: string; variables: Record<string, unknown> }> };
    const counts: Record<string, number> = {};
    for (const question of questions) {
      const headers = { 'content-type': 'application/json', authorization: auditor };
      const read = (await (await fetch(`${origin}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: question.query, variables: question.variables }) })).json()) as { data?: unknown; errors?: unknown[] };
      expect(read.errors, question.id).toBeUndefined();
      const table = (await (await fetch(`${origin}/explorer/table`, { method: 'POST', headers, body: JSON.stringify({ query: question.query, data: read.data }) })).json()) as { columns: Array<{ label: string }>; rows: unknown[][] };
      const exported = await fetch(`${origin}/explorer/export`, { method: 'POST', headers, body: JSON.stringify({ query: question.query, variables: question.variables, format: 'csv' }) });
      expect(exported.status, question.id).toBe(200);
      const rows = parseCsv((await exported.text()).replace(/^\uFEFF/, '')) as string[][];
      expect(rows[0], question.id).toEqual(table.columns.map((c) => c.label));
      expect(rows.length - 1, question.id).toBe(table.rows.length);
      counts[question.id] = table.rows.length;
    }
    console.log('saved questions, rows on the demo data:', counts);
    // The demo world has listed bodies, overdue complaints, PPP contracts, warnings and dishonesty records.
    expect(Object.values(counts).filter((n) => n > 0).length).toBeGreaterThanOrEqual(5);
  });
});

describe('POST /explorer/export refuses what it must', () => {
  const zhThenEn = /^[^\x00-\x7f].*\(.*[A-Za-z].*\)$/s;

  it('an unknown format', async () => {
    const answer = await exportRequest({ query: '{ regions { code } }', format: 'pdf' }, await bearer('AUDITOR'));
    expect(answer.status).toBe(400);
    expect(answer.json!.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(answer.json!.errors[0].message).toMatch(zhThenEn);
  });

  it('a query that does not parse, a missing query, variables that are not an object, a body that is not JSON', async () => {
    const auditor = await bearer('AUDITOR');
    const broken = await exportRequest({ query: '{ regions { code ', format: 'csv' }, auditor);
    expect([broken.status, broken.json!.errors[0].extensions.code]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
    expect(broken.json!.errors[0].message).toMatch(zhThenEn);
    const missing = await exportRequest({ format: 'csv' }, auditor);
    expect([missing.status, missing.json!.errors[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
    const variables = await exportRequest({ query: '{ regions { code } }', variables: [1], format: 'csv' }, auditor);
    expect([variables.status, variables.json!.errors[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
    const notJson = await exportRequest(undefined, auditor, '{"query": ');
    expect([notJson.status, notJson.json!.errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
  });

  it('a huge query: over the token limit, and a body over the size limit', async () => {
    const tokens = await exportRequest({ query: `{ ${'__typename '.repeat(6000)}}`, format: 'csv' }, await bearer('AUDITOR'));
    expect([tokens.status, tokens.json!.errors[0].extensions.code]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
    const big = await exportRequest({ query: `{ regions { code } } # ${'x'.repeat(2_000_000)}`, format: 'csv' });
    expect([big.status, big.json!.errors[0].extensions.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('a mutation: an export only reads', async () => {
    const answer = await exportRequest({ query: 'mutation File { fileCommitmentComplaint(input: {}) { id } }', format: 'xlsx' }, await bearer('ADMIN'));
    expect(answer.status).toBe(400);
    expect(answer.json!.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(answer.json!.errors[0].message).toMatch(/^只能导出查询/);
  });

  it('a PUBLIC caller asking a role-restricted query gets the refusal /graphql gives, and no file', async () => {
    const query = '{ contractComplaints(first: 1) { edges { node { id contactName } } } }';
    const direct = await graphql(query);
    expect(direct.errors?.length).toBeGreaterThan(0);
    const answer = await exportRequest({ query, format: 'csv' });
    expect(answer.type).toContain('application/json');
    expect(answer.json!.errors.map((e) => [e.extensions.code, e.message])).toEqual(direct.errors!.map((e) => [e.extensions?.code, e.message]));
    expect(answer.status).toBeGreaterThanOrEqual(400);
  });

  it('a forged token: 401 before anything runs, as at /graphql', async () => {
    const answer = await exportRequest({ query: '{ regions { code } }', format: 'csv' }, 'Bearer not.a.token');
    expect([answer.status, answer.json!.errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
