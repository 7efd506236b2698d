// The rule sets on file (subgraphs/evaluation/rules/*.json) are read and checked when
// rule-set.rules.ts is loaded, as the evaluation subgraph starts: an invalid file, or a broken
// check, stops the start. The module is imported inside the test, so that a failure to load it
// fails this test instead of the whole file (issue 21, mutation testing: Stryker's vitest runner
// counts a test file that cannot be imported as no test run, not as a failure).
import { describe, expect, it } from 'vitest';

describe('the rule sets on file', () => {
  it('load when the module loads, one per year', async () => {
    const { ruleSets } = await import('../../subgraphs/evaluation/rule-set.rules.js');
    expect([...ruleSets.entries()].map(([year, set]) => [year, set.id, set.baseScore]).sort()).toEqual([
      [2025, 'HH-2025-1', 100],
      [2026, 'HH-2026-1', 100],
    ]);
  });
});
