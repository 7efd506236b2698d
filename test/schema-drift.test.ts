import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSchemas, ROOT } from '../scripts/lib/subgraphs.js';

describe('checked-in schema', () => {
  it('matches what the code produces (run `npm run compose` and commit schema/ when this fails)', async () => {
    const rendered = await renderSchemas();
    expect(rendered.files.size).toBeGreaterThan(1);
    for (const [path, content] of rendered.files) {
      const name = relative(ROOT, path);
      expect(existsSync(path), `${name} is missing`).toBe(true);
      expect(readFileSync(path, 'utf8'), `${name} has drifted from the code`).toBe(content);
    }
  });
});
