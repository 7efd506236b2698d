// Headless Chromium for the pages' end-to-end tests: Debian's chromium driven by playwright-core,
// with every request to a host other than the gateway's blocked and recorded (air-gapped pages).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../../scripts/lib/subgraphs.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface AirGappedPage {
  page: Page;
  context: BrowserContext;
  /** Every URL the page asked for on another host (each was refused). */
  foreign: string[];
}

/** A page in a context of its own (downloads accepted) that may reach `origin` alone. */
export async function airGappedPage(browser: Browser, origin: string, viewport = { width: 1400, height: 900 }): Promise<AirGappedPage> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'zh-CN' });
  const page = await context.newPage();
  const foreign: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  return { page, context, foreign };
}

/** Writes a screenshot to test/artifacts/<name>.png (kept out of git; the README's copies live in docs/). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(ROOT, 'test', 'artifacts');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
