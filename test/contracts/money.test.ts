import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { formatFen, MAX_FEN, parseFen, sumFen } from '../../subgraphs/kit/money.js';

function ruleOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
    expect((error as GraphQLError).message).toMatch(/[\u4e00-\u9fff].*\(value: [a-z]/);
    return (error as GraphQLError).extensions.rule as string;
  }
  return undefined;
}

describe('money: integer fen in, decimal strings out', () => {
  it('round-trips amounts exactly, as strings and as JSON numbers', () => {
    for (const [text, fen, shown] of [
      ['12345678.91', 1234567891, '12345678.91'],
      ['0.1', 10, '0.10'],
      ['0.05', 5, '0.05'],
      ['100', 10000, '100.00'],
      ['0', 0, '0.00'],
      ['9999999999999.99', MAX_FEN, '9999999999999.99'],
      [' 42.5 ', 4250, '42.50'],
    ] as const) {
      expect(parseFen(text, 'value'), text).toBe(fen);
      expect(formatFen(parseFen(text, 'value'))).toBe(shown);
      expect(parseFen(shown, 'value')).toBe(fen);
    }
    // JSON numbers arrive as String(n): exact for every amount within range.
    expect(parseFen(String(12345678.91), 'value')).toBe(1234567891);
    expect(parseFen(String(9999999999999.99), 'value')).toBe(MAX_FEN);
    expect(formatFen(-5)).toBe('-0.05');
    expect(formatFen(-123456)).toBe('-1234.56');
  });

  it('adds 0.1 and 0.2 to exactly 0.30, where floats give 0.30000000000000004', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(formatFen(sumFen([parseFen('0.1', 'value'), parseFen('0.2', 'value')]))).toBe('0.30');
    // Ten thousand dimes are exactly a thousand yuan.
    expect(formatFen(sumFen(Array.from({ length: 10_000 }, () => parseFen('0.1', 'value'))))).toBe('1000.00');
    // Totals beyond 2^53 fen stay exact.
    expect(formatFen(sumFen([MAX_FEN, MAX_FEN, MAX_FEN, MAX_FEN, MAX_FEN, MAX_FEN, MAX_FEN, MAX_FEN, MAX_FEN, MAX_FEN]))).toBe('99999999999999.90');
  });

  it('refuses what is not an exact amount, naming the rule', () => {
    expect(ruleOf(() => parseFen(String(0.1 + 0.2), 'value'))).toBe('MONEY_PRECISION');
    expect(ruleOf(() => parseFen('0.001', 'value'))).toBe('MONEY_PRECISION');
    expect(ruleOf(() => parseFen('-1.00', 'value'))).toBe('MONEY_NEGATIVE');
    expect(ruleOf(() => parseFen('10000000000000', 'value'))).toBe('MONEY_RANGE');
    expect(ruleOf(() => parseFen(String(1e21), 'value'))).toBe('MONEY_FORMAT');
    for (const bad of ['1e5', '12,345.00', '¥100', '1.2.3', '', '.5', '5.', '+5', 'NaN']) {
      expect(ruleOf(() => parseFen(bad, 'value')), bad).toBe('MONEY_FORMAT');
    }
    expect(ruleOf(() => parseFen('0.00', 'value', { positive: true }))).toBe('MONEY_POSITIVE');
    expect(parseFen('-0.50', 'value', { allowNegative: true })).toBe(-50);
  });
});
