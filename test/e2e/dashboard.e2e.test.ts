// The credit office's 晾晒 dashboard in real headless Chromium, every request to another host
// blocked: its charts, tables and figures hold what the same safelisted operations return over
// HTTP from the demo stack, and every request it makes is one of the safelisted operations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalHash, type SafelistManifest } from '../../gateway/plugins/safelist.js';
import { generateCourtRows } from '../../scripts/demo-data/court-debtors.js';
import { ROOT } from '../../scripts/lib/subgraphs.js';
import { bearer, post } from '../helpers.js';
import { airGappedPage, launchChromium, screenshot } from './browser.js';
import { sharedTestStack, startTestStack, type ReadOnlyStack, type TestStack } from './test-stack.js';

// The page's globals, inside page.evaluate (the project's TypeScript has no DOM library).
declare const window: any;
declare const document: any;

const CITY = '231100'; // the demo city, 黑河市: the page's default
const COUNTY = '231123'; // 逊克县
const safelist = JSON.parse(readFileSync(join(ROOT, 'gateway', 'safelist.json'), 'utf8')) as SafelistManifest;
const safelisted = new Map(safelist.operations.map((op) => [op.name, op.body]));

let stack: ReadOnlyStack;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  stack = await sharedTestStack();
  origin = new URL(stack.gatewayUrl).origin;
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Runs a safelisted operation as the page does: anonymous, its text from gateway/safelist.json. */
async function run<T = any>(name: string, variables: Record<string, unknown>, gatewayUrl = stack.gatewayUrl): Promise<T> {
  const query = safelisted.get(name);
  if (!query) throw new Error(`${name} is not in gateway/safelist.json`);
  const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operationName: name, query, variables }) });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  expect(body.errors, `${name}: ${JSON.stringify(body.errors)}`).toBeUndefined();
  return body.data;
}

interface Sent {
  operationName: string;
  query: string;
  authorization?: string;
}

/** Opens the dashboard and records every GraphQL request it sends, until it says it has loaded `loaded`. */
async function openDashboard(viewport: { width: number; height: number }, search: string, loaded: string, at = origin) {
  const opened = await airGappedPage(browser, at, viewport);
  const sent: Sent[] = [];
  const consoleErrors: string[] = [];
  opened.page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  opened.page.on('request', (request) => {
    if (!request.url().startsWith(`${at}/graphql`)) return;
    const body = request.postDataJSON() as { operationName: string; query: string };
    sent.push({ operationName: body.operationName, query: body.query, authorization: request.headers()['authorization'] });
  });
  await opened.page.goto(`${at}/dashboard${search}`);
  await opened.page.waitForSelector(`body[data-loaded="${loaded}"]`, { timeout: 60_000 });
  return { ...opened, sent, consoleErrors };
}

/** What an ECharts instance holds, read the way ECharts gives it. */
async function chartOption(page: Page, id: string): Promise<{ series: Array<{ name: string; data: unknown[] }>; xAxis: Array<{ data?: string[] }>; yAxis: Array<{ data?: string[] }> }> {
  return page.evaluate((elementId) => {
    const instance = (window as any).echarts.getInstanceByDom(document.getElementById(elementId));
    if (!instance) return null;
    const option = instance.getOption();
    return { series: option.series.map((s: any) => ({ name: s.name, data: s.data.map((d: any) => (d !== null && typeof d === 'object' ? d.value : d)) })), xAxis: option.xAxis, yAxis: option.yAxis };
  }, id) as any;
}

function expectAllSafelisted(sent: Sent[]) {
  expect(sent.length).toBeGreaterThan(0);
  const hashes = new Set(safelist.operations.map((op) => canonicalHash(op.body)));
  for (const request of sent) {
    expect(request.operationName).toMatch(/^Dashboard/);
    expect(hashes.has(canonicalHash(request.query)), `${request.operationName} is sent as safelisted`).toBe(true);
    expect(request.authorization, 'the page calls as an anonymous caller').toBeUndefined();
  }
}

describe('the 晾晒 dashboard', () => {
  it('is served with the strict policy, its assets from this gateway, and its operations all on the safelist', async () => {
    const page = await fetch(`${origin}/dashboard`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//); // nothing from another host
    const echarts = await fetch(`${origin}/dashboard/assets/echarts.min.js`);
    expect(echarts.status).toBe(200);
    expect(await echarts.text()).toContain('echarts');
    expect((await fetch(`${origin}/dashboard/assets/..%2Fpackage.json`)).status).toBe(404);

    const operations = (await (await fetch(`${origin}/dashboard/operations.json`)).json()) as Record<string, string>;
    expect(Object.keys(operations).length).toBeGreaterThanOrEqual(6);
    for (const [name, body] of Object.entries(operations)) expect(canonicalHash(body), name).toBe(canonicalHash(safelisted.get(name) ?? '{ missing }'));
  });

  it('shows the city quarter by quarter at 1920×1080: regions, indicators against targets, units, warnings, all as the API answers', async () => {
    const frame = await run('DashboardFrame', { regionCode: CITY });
    const quarter: string = frame.integritySnapshots[0]?.quarter;
    expect(quarter, 'the demo stack has a quarter-end 晾晒').toMatch(/^\d{4}Q[1-4]$/);
    const year = Number(quarter.slice(0, 4));
    // The read model reads the regions' indicators from the domains after its first build: wait for them.
    await expect
      .poll(async () => (await run('DashboardRegionIndicators', { parentCode: CITY })).integrityRegionRanking.every((r: any) => r.indicators !== null), { timeout: 60_000 })
      .toBe(true);

    const { page, foreign, sent, consoleErrors, context } = await openDashboard({ width: 1920, height: 1080 }, '', `${CITY}/${quarter}`);
    try {
      const [regions, regionIndicators, units, indicators, warnings] = await Promise.all([
        run('DashboardRegionRanking', { parentCode: CITY, quarter }),
        run('DashboardRegionIndicators', { parentCode: CITY }),
        run('DashboardUnitRanking', { regionCode: CITY, quarter, first: 20 }),
        run('DashboardIndicators', { regionCode: CITY, year }),
        run('DashboardWarnings', { regionCode: CITY, first: 50 }),
      ]);

      // Region against region: the counties' mean scores in the 晾晒's order.
      const ranked = regions.integritySnapshotRegionRanking;
      expect(ranked.length).toBe(frame.region.children.length);
      const regionChart = await chartOption(page, 'chart-regions');
      expect(regionChart.yAxis[0].data).toEqual(ranked.map((r: any) => r.region.name));
      expect(regionChart.series[0].data).toEqual(ranked.map((r: any) => r.meanScore));

      // The four indicators against their targets, as the domains compute and set them.
      const cc = indicators.commitmentCoverage;
      const indicatorChart = await chartOption(page, 'chart-indicators');
      expect(indicatorChart.series[0].data).toEqual([cc.coverageRate, cc.publicationRate, indicators.pushCoverage.rate, indicators.trainingCoverage.coverageRate]);
      expect(indicatorChart.series[1].data).toEqual([cc.target, cc.publicationTarget, indicators.pushCoverage.target, indicators.trainingCoverage.target]);
      // Seed 000 §一(二) 85 % from 2023; seed 001 rows 5 and 2: publication and push coverage 100 %.
      expect(indicatorChart.series[1].data.slice(0, 3)).toEqual([0.85, 1, 1]);
      const figures = await page.$$eval('#kpis .kpi[data-indicator]', (boxes) => boxes.map((b) => ({ key: (b as any).dataset.indicator, text: b.textContent, cls: b.className })));
      expect(figures.map((f) => f.key)).toEqual(['commitmentCoverage', 'publicationRate', 'pushCoverage', 'trainingCoverage']);
      expect(figures[0].text).toContain('目标 85.0%');
      expect(figures[1].text).toContain('目标 100.0%');
      expect(figures[0].cls).toContain(cc.meetsTarget ? 'ok' : 'short');
      expect(figures[1].cls).toContain(cc.meetsPublicationTarget ? 'ok' : 'short');
      expect(figures[2].cls).toContain(indicators.pushCoverage.meetsTarget ? 'ok' : 'short');

      // Each county's indicators.
      const byRegion = await chartOption(page, 'chart-region-indicators');
      const rows = regionIndicators.integrityRegionRanking;
      expect(byRegion.xAxis[0].data).toEqual(rows.map((r: any) => r.report.region.name));
      expect(byRegion.series.map((s) => s.data)).toEqual(
        ['commitmentCoverage', 'publicationRate', 'pushCoverage', 'trainingCoverage'].map((key) => rows.map((r: any) => r.indicators[key])),
      );

      // Grades of the region's units today.
      const grades = await chartOption(page, 'chart-grades');
      expect(grades.series[0].data).toEqual(indicators.integrityRegionReport.gradeCounts.filter((g: any) => g.count > 0).map((g: any) => g.count));

      // The units ranked, with the change since the previous quarter's 晾晒.
      const unitRows = await page.$$eval('#units tbody tr', (trs) => trs.map((tr) => ({ uscc: (tr as any).dataset.uscc, cells: [...tr.querySelectorAll('td')].map((td) => td.textContent) })));
      const nodes = units.integritySnapshotRanking.edges.map((e: any) => e.node);
      expect(nodes.length).toBe(20);
      expect(unitRows.map((r) => r.uscc)).toEqual(nodes.map((n: any) => n.organization.uscc));
      // Without a 晾晒 the quarter before, there is nothing to compare with: "—", not "new".
      const [y, q] = [year, Number(quarter.slice(5))];
      const before = q === 1 ? `${y - 1}Q4` : `${y}Q${q - 1}`;
      const comparable = frame.integritySnapshots.some((s: any) => s.quarter === before);
      unitRows.forEach((row, i) => {
        const node = nodes[i];
        expect(row.cells[0]).toBe(String(node.rank));
        const change = node.previousRank === null ? '新上榜' : node.rankChange > 0 ? `↑${node.rankChange}` : node.rankChange < 0 ? `↓${-node.rankChange}` : '持平';
        expect(row.cells[1]).toBe(comparable ? change : '—');
        expect(row.cells[2]).toBe(node.organization.name);
        expect(row.cells[3]).toBe(node.score.toFixed(1));
        expect(row.cells[5]).toBe(node.grade);
      });
      expect(await page.textContent('#units-total')).toContain(`共 ${units.integritySnapshotRanking.totalCount} 家`);

      // The live warning list, most severe first, as the API lists it.
      const warningRows = await page.$$eval('#warnings tbody tr', (trs) => trs.map((tr) => ({ uscc: (tr as any).dataset.uscc, kind: (tr as any).dataset.kind, cells: [...tr.querySelectorAll('td')].map((td) => td.textContent) })));
      const listed = warnings.warnings.edges.map((e: any) => e.node);
      expect(listed.length).toBeGreaterThan(0);
      expect(warningRows.map((r) => [r.uscc, r.kind])).toEqual(listed.map((w: any) => [w.organization.uscc, w.kind]));
      expect(warningRows[0].cells[0]).toBe({ RED: '红色', ORANGE: '橙色', YELLOW: '黄色' }[listed[0].level as string]);
      expect(warningRows[0].cells[3]).toBe(listed[0].message.replace(/\s*\([^()]*\)\s*$/, ''));
      expect(await page.textContent('#warnings-total')).toBe(`共 ${warnings.warnings.totalCount} 条`);
      expect(await page.isVisible('#warnings-more')).toBe(warnings.warnings.pageInfo.hasNextPage);

      // One screen in a meeting room: nothing scrolls.
      const size = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
      expect(size).toEqual({ width: 1920, height: 1080 });

      await screenshot(page, 'dashboard');
      expectAllSafelisted(sent);
      expect(new Set(sent.map((s) => s.operationName))).toEqual(new Set(['DashboardFrame', 'DashboardRegionRanking', 'DashboardRegionIndicators', 'DashboardUnitRanking', 'DashboardIndicators', 'DashboardWarnings']));
      expect(consoleErrors).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('on a laptop (1366×768): a county chosen from the list is compared with its city\'s other counties, and more warnings load', async () => {
    const frame = await run('DashboardFrame', { regionCode: CITY });
    const quarter: string = frame.integritySnapshots[0].quarter;
    const { page, foreign, sent, context } = await openDashboard({ width: 1366, height: 768 }, '', `${CITY}/${quarter}`);
    try {
      // No sideways scrolling; every chart has room.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(1366);
      for (const id of ['chart-regions', 'chart-indicators', 'chart-region-indicators', 'chart-grades']) {
        const box = await page.locator(`#${id}`).boundingBox();
        expect(box!.width, id).toBeGreaterThan(300);
        expect(box!.height, id).toBeGreaterThanOrEqual(280);
      }
      await screenshot(page, 'dashboard-laptop');

      await page.selectOption('#region', COUNTY);
      await page.waitForSelector(`body[data-loaded="${COUNTY}/${quarter}"]`, { timeout: 60_000 });
      expect(new URL(page.url()).searchParams.get('region')).toBe(COUNTY);
      expect(await page.textContent('#title-region')).toBe('逊克县');
      const units = (await run('DashboardUnitRanking', { regionCode: COUNTY, quarter, first: 20 })).integritySnapshotRanking;
      expect(await page.$$eval('#units tbody tr', (trs) => trs.map((tr) => (tr as any).dataset.uscc))).toEqual(units.edges.map((e: any) => e.node.organization.uscc));
      // A county is ranked among its city's counties: the same chart as the city's.
      const siblings = (await run('DashboardRegionRanking', { parentCode: CITY, quarter })).integritySnapshotRegionRanking;
      expect((await chartOption(page, 'chart-regions')).yAxis[0].data).toEqual(siblings.map((r: any) => r.region.name));

      const warnings = (await run('DashboardWarnings', { regionCode: COUNTY, first: 50 })).warnings;
      expect(await page.locator('#warnings tbody tr').count()).toBe(warnings.edges.length);
      if (warnings.pageInfo.hasNextPage) {
        await page.click('#warnings-more');
        const next = (await run('DashboardWarnings', { regionCode: COUNTY, first: 50, after: warnings.pageInfo.endCursor })).warnings;
        await expect.poll(() => page.locator('#warnings tbody tr').count(), { timeout: 30_000 }).toBe(warnings.edges.length + next.edges.length);
      }
      expectAllSafelisted(sent);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

/** "2026Q3" for a day in 2026's fourth quarter: the quarter before the one `day` lies in, and that one. */
function quartersAround(day: string): { previous: string; current: string } {
  const year = Number(day.slice(0, 4));
  const q = Math.ceil(Number(day.slice(5, 7)) / 3);
  return { previous: q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`, current: `${year}Q${q}` };
}

// A stack of its own (it writes: court listings, a published 晾晒), with the safelist enforced as in
// production, so the page is shown to work on the safelisted operations alone.
describe('the change since the previous quarter, with the safelist enforced', () => {
  let own: TestStack;
  let ownOrigin: string;
  const { previous, current } = quartersAround(process.env.CREDIT_TODAY!);

  beforeAll(async () => {
    own = await startTestStack({ CREDIT_SAFELIST: 'enforce', CREDIT_INDICATOR_REFRESH_SECONDS: '1' });
    ownOrigin = new URL(own.gatewayUrl).origin;
  }, 300_000);

  afterAll(() => own?.close());

  it(`shows each county's and unit's move between ${previous} and ${current} after courts list some of 爱辉区's best units`, async () => {
    const admin = { authorization: await bearer('ADMIN') };
    const court = { authorization: await bearer('COURT') };
    // Enforced here: an ad-hoc anonymous query is refused, so everything below that the page shows came through the safelist.
    expect((await post(own.gatewayUrl, '{ integritySnapshots { quarter } }')).errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_SAFELISTED');
    // The worker freezes the quarter that ended by itself.
    await expect.poll(async () => (await run('DashboardFrame', { regionCode: CITY }, own.gatewayUrl)).integritySnapshots.map((s: any) => s.quarter), { timeout: 60_000 }).toContain(previous);

    // After that 晾晒, courts list eight of 爱辉区's best units three times each (the domain's cap):
    // the county, first in the demo city, falls behind others; the eight fall to the bottom.
    const AIHUI = '231102';
    const best = (await run('DashboardUnitRanking', { regionCode: AIHUI, quarter: previous, first: 8 }, own.gatewayUrl)).integritySnapshotRanking.edges.map((e: any) => e.node.organization);
    const meanOf = async () => (await post(own.gatewayUrl, `{ integrityRegionReport(regionCode: "${AIHUI}") { meanScore } }`, {}, admin)).data.integrityRegionReport.meanScore as number;
    const meanBefore = await meanOf();
    const rows = best.flatMap((unit: any, i: number) =>
      [0, 1, 2].map((k) => ({ ...generateCourtRows(1, 900 + i * 3 + k)[0]!, iname: unit.name, cardNum: unit.uscc, caseCode: `(2026)黑11执${8800 + i * 3 + k}号`, regDate: '2026-10-01', publishDate: '2026-10-20' })),
    );
    const imported = await post(own.gatewayUrl, 'mutation($r: [DebtorRecordInput!]!) { importDebtorRecords(records: $r) { accepted } }', { r: rows }, court);
    expect(imported.data?.importDebtorRecords.accepted, JSON.stringify(imported.errors)).toBe(24);
    // Published once every one of the eight has been scored with its listings (40 points, the cap).
    const debtorPoints = async (uscc: string) =>
      ((await post(own.gatewayUrl, 'query($u: String!) { organization(uscc: $u) { integrity { deductions { rule points } } } }', { u: uscc }, admin)).data.organization.integrity.deductions as any[])
        .filter((d) => d.rule === 'DEBTOR_LISTED')
        .reduce((sum, d) => sum + d.points, 0);
    await expect.poll(async () => Promise.all(best.map((b: any) => debtorPoints(b.uscc))), { timeout: 90_000 }).toEqual(best.map(() => 40));
    expect(await meanOf()).toBeLessThan(meanBefore);
    const published = await post(own.gatewayUrl, 'mutation($q: String!) { publishIntegritySnapshot(quarter: $q) { quarter } }', { q: current }, admin);
    expect(published.data?.publishIntegritySnapshot.quarter, JSON.stringify(published.errors)).toBe(current);

    const regions = (await run('DashboardRegionRanking', { parentCode: CITY, quarter: current }, own.gatewayUrl)).integritySnapshotRegionRanking;
    const aihui = regions.find((r: any) => r.regionCode === AIHUI);
    expect(aihui.rankChange).toBeLessThan(0);
    expect(aihui.meanScoreChange).toBeLessThan(0);
    const units: any[] = [];
    let after: string | null = null;
    do {
      const page: any = (await run('DashboardUnitRanking', { regionCode: AIHUI, quarter: current, first: 100, after }, own.gatewayUrl)).integritySnapshotRanking;
      units.push(...page.edges.map((e: any) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);

    const { page, foreign, sent, consoleErrors, context } = await openDashboard({ width: 1366, height: 768 }, `?region=${AIHUI}&quarter=${current}`, `${AIHUI}/${current}`, ownOrigin);
    try {
      expect(await page.textContent('#status')).not.toContain('失败');
      // Each county's bar is labelled with its rank, its move and its change of mean score, as the API gives them.
      const labels: string[] = await page.evaluate(() => {
        const option = (window as any).echarts.getInstanceByDom(document.getElementById('chart-regions')).getOption();
        return option.series[0].data.map((_: unknown, dataIndex: number) => option.series[0].label.formatter({ dataIndex }));
      });
      regions.forEach((r: any, i: number) => {
        const move = r.previousRank === null ? '新' : r.rankChange > 0 ? `↑${r.rankChange}` : r.rankChange < 0 ? `↓${-r.rankChange}` : '持平';
        expect(labels[i]).toContain(`第${r.rank}名 ${r.meanScore.toFixed(1)} ${move}`);
        if (r.meanScoreChange !== null) expect(labels[i]).toContain(r.meanScoreChange > 0 ? `+${r.meanScoreChange.toFixed(1)}` : r.meanScoreChange.toFixed(1));
      });
      expect(labels[regions.indexOf(aihui)]).toContain(`↓${-aihui.rankChange}`);

      // The units, page by page with "more": each one's move and change of score.
      const rowCount = () => page.locator('#units tbody tr').count();
      while (await page.isVisible('#units-more')) {
        const before = await rowCount();
        await page.click('#units-more');
        await expect.poll(rowCount, { timeout: 30_000 }).toBeGreaterThan(before);
      }
      const table = await page.$$eval('#units tbody tr', (trs) => trs.map((tr) => ({ uscc: (tr as any).dataset.uscc, cells: [...tr.querySelectorAll('td')].map((td) => td.textContent) })));
      expect(table.map((r) => r.uscc)).toEqual(units.map((n: any) => n.organization.uscc));
      table.forEach((row, i) => {
        const node = units[i];
        expect(row.cells[1], node.organization.name).toBe(node.previousRank === null ? '新上榜' : node.rankChange > 0 ? `↑${node.rankChange}` : node.rankChange < 0 ? `↓${-node.rankChange}` : '持平');
        expect(row.cells[4], node.organization.name).toBe(node.scoreChange === null ? '—' : `${node.scoreChange > 0 ? '+' : ''}${node.scoreChange.toFixed(1)}`);
      });
      // The eight fell; the units that were below them rose.
      const listedRows = table.filter((r) => best.some((b: any) => b.uscc === r.uscc));
      expect(listedRows.map((r) => r.cells[1]!.startsWith('↓'))).toEqual(best.map(() => true));
      expect(listedRows.every((r) => r.cells[4]!.startsWith('-'))).toBe(true);
      expect(table.some((r) => r.cells[1]!.startsWith('↑'))).toBe(true);
      expect(await page.textContent('#units-total')).toBe(`前 ${units.length} / 共 ${units.length} 家`);
      expectAllSafelisted(sent);
      expect(consoleErrors).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);
});
