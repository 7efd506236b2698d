// The auditors' explorer in real headless Chromium, with every request to another host
// blocked: the page must load from the gateway alone, run a cross-domain query, show it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/subgraphs.js';
import { bearer } from '../helpers.js';
import { sharedTestStack, type ReadOnlyStack } from './test-stack.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let stack: ReadOnlyStack;
let browser: Browser;

beforeAll(async () => {
  stack = await sharedTestStack();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('explorer', () => {
  it('loads air-gapped, runs a cross-domain query with a token, and shows the result', async () => {
    const origin = new URL(stack.gatewayUrl).origin;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const foreign: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin)) return route.continue();
      foreign.push(url);
      return route.abort();
    });
    await page.goto(`${origin}/explorer`);
    await page.fill('#token', await bearer('AUDITOR'));
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    await page.click('.graphiql-execute-button');
    const result = page.locator('.graphiql-response');
    await expect.poll(async () => (await result.textContent()) ?? '', { timeout: 30_000 }).toContain('commitmentSummary');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('totalCount');
    expect(text).toContain('孙吴县'); // the region name comes from the registry, the summary from commitments
    expect(await page.textContent('#who')).toContain('AUDITOR');
    mkdirSync(join(ROOT, 'test', 'artifacts'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test', 'artifacts', 'explorer.png') });
    expect(foreign).toEqual([]);
  });
});
