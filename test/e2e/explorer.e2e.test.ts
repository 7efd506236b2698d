// The auditors' explorer in real headless Chromium, with every request to another host
// blocked: the page must load from the gateway alone, run a cross-domain query, show it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers.js';
import { airGappedPage, launchChromium, screenshot } from './browser.js';
import { sharedTestStack, type ReadOnlyStack } from './test-stack.js';

let stack: ReadOnlyStack;
let browser: Browser;

beforeAll(async () => {
  stack = await sharedTestStack();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('explorer', () => {
  it('loads air-gapped, runs a cross-domain query with a token, and shows the result', async () => {
    const origin = new URL(stack.gatewayUrl).origin;
    const { page, foreign } = await airGappedPage(browser, origin);
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
    await screenshot(page, 'explorer');
    expect(foreign).toEqual([]);
  });
});
