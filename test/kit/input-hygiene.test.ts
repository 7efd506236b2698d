import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { requestInputProblem } from '../../platform/input-hygiene.js';

const problem = (query: string, variables?: Record<string, unknown>) => {
  const error = requestInputProblem(parse(query), variables);
  return error ? { field: error.extensions.field, rule: error.extensions.rule, message: error.message } : null;
};

describe('input hygiene', () => {
  it('refuses NUL and other control characters in literals and variables, naming the path', () => {
    expect(problem('{ organization(uscc: "9111\\u0000") { name } }')).toMatchObject({ field: 'uscc', rule: 'CONTROL_CHARACTER' });
    expect(problem('query($u: String!) { organization(uscc: $u) { name } }', { u: 'a\u0007b' })).toMatchObject({ field: '$u', rule: 'CONTROL_CHARACTER' });
    expect(problem('mutation($rows: [R!]!) { importX(rows: $rows) { accepted } }', { rows: [{ name: 'ok' }, { name: 'x\u0000' }] })).toMatchObject({ field: '$rows[1].name', rule: 'CONTROL_CHARACTER' });
    expect(problem('{ x(input: { list: ["a", "\\u001b[31m"] }) }')).toMatchObject({ field: 'input.list[1]', rule: 'CONTROL_CHARACTER' });
    expect(problem('{ x(a: "\\u0085") }')).toMatchObject({ rule: 'CONTROL_CHARACTER' });
  });

  it('keeps tab, line breaks, RTL marks, combining characters and CJK as text', () => {
    expect(problem('query($t: String!) { x(t: $t) }', { t: '第一行\n第二行\r\n\t缩进 \u202Eטקסט\u202C e\u0301 %_' })).toBeNull();
  });

  it('limits every string to 20,000 characters, at the boundary', () => {
    expect(problem('query($t: String!) { x(t: $t) }', { t: '字'.repeat(20_000) })).toBeNull();
    expect(problem('query($t: String!) { x(t: $t) }', { t: '字'.repeat(20_001) })).toMatchObject({ field: '$t', rule: 'TOO_LONG' });
  });

  it('limits search patterns to 50 characters, as a literal or through a variable under any name', () => {
    expect(problem(`{ organizations(filter: { nameContains: "${'局'.repeat(50)}" }) { totalCount } }`)).toBeNull();
    expect(problem(`{ organizations(filter: { nameContains: "${'局'.repeat(51)}" }) { totalCount } }`)).toMatchObject({ field: 'filter.nameContains', rule: 'SEARCH_PATTERN' });
    expect(problem('query($n: String) { organizations(filter: { nameContains: $n }) { totalCount } }', { n: 'x'.repeat(50_000) })).toMatchObject({ field: '$n', rule: 'SEARCH_PATTERN' });
    expect(problem('query($f: OrganizationFilter) { organizations(filter: $f) { totalCount } }', { f: { nameContains: 'x'.repeat(51) } })).toMatchObject({ field: '$f.nameContains', rule: 'SEARCH_PATTERN' });
  });

  it('refuses values nested past 32 levels, in variables and literals, without overflowing the stack (found by the fuzzer)', () => {
    const nested = (depth: number): unknown => (depth === 0 ? 1 : [nested(depth - 1)]);
    expect(problem('query($v: [Int]) { x(v: $v) }', { v: nested(32) })).toBeNull();
    expect(problem('query($v: [Int]) { x(v: $v) }', { v: nested(33) })).toMatchObject({ rule: 'TOO_DEEP' });
    expect(problem('query($v: [Int]) { x(v: $v) }', { v: JSON.parse(`${'['.repeat(5000)}1${']'.repeat(5000)}`) })).toMatchObject({ field: expect.stringMatching(/^\$v(\[0\])+$/), rule: 'TOO_DEEP' });
    expect(problem(`{ x(v: ${'['.repeat(40)}1${']'.repeat(40)}) }`)).toMatchObject({ rule: 'TOO_DEEP' });
  });

  it('writes its message in Chinese, then English', () => {
    expect(problem('{ x(a: "\\u0000") }')!.message).toMatch(/^a：[^(]*[\u4e00-\u9fff].* \(a: must not contain NUL/);
  });
});
