// gateway/safelist.json is what `npm run safelist` writes from gateway/operations/*.graphql: an
// operation added to a page (the portal's, the dashboard's) without rewriting it would be refused
// to anonymous callers in production.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dashboardOperations } from '../../gateway/dashboard.js';
import { canonicalHash } from '../../gateway/plugins/safelist.js';
import { renderSafelist, SAFELIST_FILE } from '../../scripts/lib/safelist.js';

describe('gateway/safelist.json', () => {
  it('is up to date with gateway/operations/ (run `npm run safelist`)', () => {
    expect(readFileSync(SAFELIST_FILE, 'utf8')).toBe(renderSafelist());
  });

  it('holds every operation the dashboard sends, in the text the dashboard sends it', () => {
    const manifest = JSON.parse(readFileSync(SAFELIST_FILE, 'utf8')) as { operations: Array<{ name: string; sha256: string; body: string }> };
    const byName = new Map(manifest.operations.map((op) => [op.name, op]));
    const sent = Object.entries(dashboardOperations());
    expect(sent.length).toBeGreaterThan(0);
    for (const [name, body] of sent) {
      expect(name).toMatch(/^Dashboard/);
      expect(byName.get(name)?.sha256, name).toBe(canonicalHash(body));
    }
  });
});
