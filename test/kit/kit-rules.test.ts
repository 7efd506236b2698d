// The kit's rules, one function at a time (issue 21, mutation testing): dates and deadlines
// (dates.ts), exact money (money.ts), the rounding of rates (figures.ts) and who may give a
// complaint's source (complaint-intake.ts). Every expected value is worked out by hand in the
// comment beside it; none is computed by the code under test.
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Caller, type Role } from '../../platform/auth.js';
import { readComplaintSource, writingTickets } from '../../subgraphs/kit/complaint-intake.js';
import { addDays, complaintDueDate, EARLIEST_DATE, isComplaintOverdue, isDate, requireDate, requirePastDate, requireText, requireYear, today } from '../../subgraphs/kit/dates.js';
import { normalizeNumberNotation } from '../../subgraphs/kit/case-number.js';
import { ImportResult, MAX_IMPORT_ROWS, rejectOversizedImport } from '../../subgraphs/kit/import-result.js';
import { importTransaction } from '../../subgraphs/kit/import-pipeline.js';
import { newRowId } from '../../subgraphs/kit/ids.js';
import type { EntityManager } from '../../platform/orm.js';
import { ratio } from '../../subgraphs/kit/figures.js';
import { formatFen, MAX_FEN, parseAmountFen, parseFen, sumFen } from '../../subgraphs/kit/money.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

/** What a call throws: the error's extensions and message (undefined when it does not throw). */
function refusal(run: () => unknown): { extensions: Record<string, unknown>; message: string } | undefined {
  try {
    run();
  } catch (error: any) {
    return { extensions: error.extensions, message: error.message };
  }
  return undefined;
}

describe('today: CREDIT_TODAY when set, else the date in China (UTC+8)', () => {
  it('returns the pinned day', () => {
    vi.stubEnv('CREDIT_TODAY', '2030-02-03');
    expect(today()).toBe('2030-02-03');
  });

  it('turns the day at 16:00 UTC, midnight in Beijing', () => {
    vi.stubEnv('CREDIT_TODAY', '');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-31T15:59:59.999Z')); // 23:59:59.999 in Beijing
    expect(today()).toBe('2026-12-31');
    vi.setSystemTime(new Date('2026-12-31T16:00:00.000Z')); // 00:00 on 1 January in Beijing
    expect(today()).toBe('2027-01-01');
    vi.setSystemTime(new Date('2026-06-15T03:00:00.000Z')); // 11:00 in Beijing, the same day
    expect(today()).toBe('2026-06-15');
  });
});

describe('calendar dates', () => {
  it('accepts real YYYY-MM-DD dates', () => {
    for (const date of ['2026-11-22', '2024-02-29', '2000-02-29', '2026-12-31', '2027-01-01']) expect(isDate(date), date).toBe(true);
  });

  it('refuses days that do not exist and other shapes', () => {
    // 2026 and 1900 are not leap years; April has 30 days; month 13 and day 0 do not exist; a year
    // or a month alone is not a day (JavaScript's Date reads "2026" as 1 January)
    for (const date of ['2026', '2026-11', '2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', '20261122', '2026/11/22', '2026-11-22T00:00', '', '26-11-22']) {
      expect(isDate(date), date).toBe(false);
    }
  });

  it('refuses a date with anything before or after its ten characters', () => {
    for (const date of [' 2026-01-01', '2026-01-01 ', 'x2026-01-01', '12026-01-01', '2026-01-011', '2026-01-01\n']) {
      expect(isDate(date), JSON.stringify(date)).toBe(false);
    }
  });

  it('requireDate returns the date, or BAD_USER_INPUT naming the field and the rule DATE', () => {
    expect(requireDate('2026-11-22', 'dueDate')).toBe('2026-11-22');
    const refused = refusal(() => requireDate('2026-02-30', 'dueDate'));
    expect(refused?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'dueDate', rule: 'DATE' });
    expect(refused?.message).toBe('dueDate 应为有效日期，格式 YYYY-MM-DD (dueDate must be a valid date, YYYY-MM-DD)');
  });

  it('requirePastDate: a real date from 1949-10-01 to the given day, else DATE, DATE_TOO_EARLY or DATE_IN_FUTURE naming the field', () => {
    expect(EARLIEST_DATE).toBe('1949-10-01');
    expect(requirePastDate('1949-10-01', 'decisionDate', '2026-11-22')).toBe('1949-10-01');
    expect(requirePastDate('2026-11-22', 'decisionDate', '2026-11-22')).toBe('2026-11-22');
    // 0000-01-01 is a calendar date to isDate: the floor is what refuses it.
    expect(isDate('0000-01-01')).toBe(true);
    for (const [value, rule] of [['0000-01-01', 'DATE_TOO_EARLY'], ['1949-09-30', 'DATE_TOO_EARLY'], ['2026-11-23', 'DATE_IN_FUTURE'], ['2026-02-30', 'DATE']] as const) {
      const refused = refusal(() => requirePastDate(value, 'decisionDate', '2026-11-22'));
      expect(refused?.extensions, value).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decisionDate', rule });
      expect(refused?.message, value).toMatch(/^decisionDate [^(]*[\u4e00-\u9fff].*\(decisionDate [a-z]/);
    }
  });

  it('adds and subtracts days across months, leap days and years', () => {
    expect(addDays('2026-11-22', 15)).toBe('2026-12-07'); // 8 more in November, 7 in December
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-22', 0)).toBe('2026-11-22');
  });
});

describe('text and year arguments', () => {
  it('requireText trims, and refuses empty or over-long text naming the field and the limit', () => {
    expect(requireText('  王小明 ', 'name')).toBe('王小明');
    expect(requireText('a'.repeat(2000), 'name')).toHaveLength(2000); // the default limit is 2000
    expect(requireText('abc', 'code', 3)).toBe('abc');
    // no text at all is refused whatever the limit
    for (const value of [null, undefined]) expect(refusal(() => requireText(value, 'name'))?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'name', rule: 'TEXT' });
    for (const [value, max] of [['', 10], ['   ', 10], [null, 10], [undefined, 10], ['abcd', 3], ['a'.repeat(2001), undefined]] as const) {
      const refused = refusal(() => requireText(value, 'name', max));
      expect(refused?.extensions, String(value)).toEqual({ code: 'BAD_USER_INPUT', field: 'name', rule: 'TEXT' });
    }
    expect(refusal(() => requireText('abcd', 'code', 3))?.message).toBe('code 不能为空且不超过3字 (code must be 1–3 characters)');
    expect(refusal(() => requireText('', 'note'))?.message).toBe('note 不能为空且不超过2000字 (note must be 1–2000 characters)');
  });

  it('requireYear accepts 2000 to 2100 inclusive, whole years only', () => {
    for (const year of [2000, 2026, 2100]) expect(requireYear(year)).toBe(year);
    for (const year of [1999, 2101, 2026.5, Number.NaN]) {
      expect(refusal(() => requireYear(year))?.extensions, String(year)).toEqual({ code: 'BAD_USER_INPUT', field: 'year', rule: 'YEAR' });
    }
    expect(refusal(() => requireYear(1999, 'planYear'))?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'planYear', rule: 'YEAR' });
    expect(refusal(() => requireYear(1999))?.message).toBe('年度应在2000到2100之间，实际为1999 (year must be between 2000 and 2100, got 1999)');
  });
});

describe('the complaint deadline (办理期限) and overdue complaints', () => {
  it('is due the given number of days after it was received', () => {
    expect(complaintDueDate('2026-11-22', 15)).toBe('2026-12-07');
    expect(complaintDueDate('2026-12-15', 30)).toBe('2027-01-14'); // 16 days left in December, 14 in January
  });

  it('settled: overdue when settled after the due date, whatever the day', () => {
    expect(isComplaintOverdue('2026-12-07', '2026-12-08', '2026-12-01')).toBe(true);
    expect(isComplaintOverdue('2026-12-07', '2026-12-07', '2027-06-01')).toBe(false);
    expect(isComplaintOverdue('2026-12-07', '2026-11-30', '2027-06-01')).toBe(false);
  });

  it('open: overdue from the day after the due date', () => {
    expect(isComplaintOverdue('2026-12-07', null, '2026-12-07')).toBe(false);
    expect(isComplaintOverdue('2026-12-07', null, '2026-12-08')).toBe(true);
    expect(isComplaintOverdue('2026-12-07', null, '2026-12-01')).toBe(false);
  });

  it('open, without a day: as of today', () => {
    vi.stubEnv('CREDIT_TODAY', '2026-12-08');
    expect(isComplaintOverdue('2026-12-07', null)).toBe(true);
    vi.stubEnv('CREDIT_TODAY', '2026-12-07');
    expect(isComplaintOverdue('2026-12-07', null)).toBe(false);
  });
});

describe('money given as an amount (parseFen)', () => {
  it('reads yuan into fen', () => {
    expect(parseFen('12.3', 'value')).toBe(1230);
    expect(parseFen('0.07', 'value')).toBe(7);
    expect(parseFen('7', 'value')).toBe(700);
    expect(parseFen('0.01', 'value', { positive: true })).toBe(1);
    expect(parseFen('1234567890123.45', 'value')).toBe(123_456_789_012_345); // 13 digits of yuan
    expect(parseFen('9999999999999.99', 'value')).toBe(MAX_FEN); // the largest amount the format admits
  });

  it('reads minus zero as zero, not as a negative amount', () => {
    expect(parseFen('-0', 'value')).toBe(0);
    expect(parseFen('-0.00', 'value')).toBe(0);
    expect(parseFen('-0.00', 'value', { allowNegative: true })).toBe(0);
  });

  it('refuses, naming the rule', () => {
    const rule = (text: string, options = {}) => refusal(() => parseFen(text, 'amount', options))?.extensions.rule;
    expect(rule('1.230')).toBe('MONEY_PRECISION'); // three decimals, even a trailing zero
    expect(rule('-0.01')).toBe('MONEY_NEGATIVE');
    expect(rule('-0', { positive: true })).toBe('MONEY_POSITIVE');
    expect(rule('0', { positive: true, allowNegative: true })).toBe('MONEY_POSITIVE');
    // fourteen digits of yuan or more: out of range, not a format error
    expect(rule('10000000000000')).toBe('MONEY_RANGE');
    expect(rule('-10000000000000')).toBe('MONEY_RANGE');
    expect(rule('10000000000000.5')).toBe('MONEY_RANGE');
    expect(rule('10000000000000.55')).toBe('MONEY_RANGE');
    // a long number inside other text is a format error, not a range error
    expect(rule('x10000000000000')).toBe('MONEY_FORMAT');
    expect(rule('10000000000000x')).toBe('MONEY_FORMAT');
    expect(rule('12 345')).toBe('MONEY_FORMAT');
    expect(rule('1000000000000x0')).toBe('MONEY_FORMAT');
  });

  it('names the field in both languages', () => {
    const refused = refusal(() => parseFen('-5', 'paidAmount'));
    expect(refused?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'paidAmount', rule: 'MONEY_NEGATIVE' });
    expect(refused?.message).toBe('paidAmount：金额不能为负数 (paidAmount: an amount cannot be negative)');
    expect(refusal(() => parseFen('99999999999999', 'price'))?.message).toBe('price：金额超出范围（最多 9999999999999.99 元） (price: an amount is at most 9999999999999.99 yuan)');
  });
});

describe('money stated in a text (parseAmountFen)', () => {
  it('reads a bare number, with or without 人民币, 万 and 元', () => {
    expect(parseAmountFen(' 12.3 ')).toBe(1230n);
    expect(parseAmountFen('1,234')).toBe(123_400n);
    expect(parseAmountFen('人民币 12 元')).toBe(1200n);
    expect(parseAmountFen(' 人民币12 ')).toBe(1200n); // white space around the whole text is trimmed first
    expect(parseAmountFen('50万')).toBe(50_000_000n); // 500,000 yuan
    expect(parseAmountFen('1.5万元')).toBe(1_500_000n); // 15,000 yuan
    expect(parseAmountFen('0.000001万元')).toBe(1n); // 0.01 yuan
  });

  it('reads the single …元 amount of a sentence', () => {
    expect(parseAmountFen('尚欠工程款3,000元整')).toBe(300_000n);
    expect(parseAmountFen('欠款 2.5 万 元，限期支付')).toBe(2_500_000n);
  });

  it('finds no amount where none is stated, or a finer one than a fen, or one over the maximum', () => {
    expect(parseAmountFen(null)).toBeNull();
    expect(parseAmountFen(undefined)).toBeNull();
    expect(parseAmountFen('')).toBeNull();
    expect(parseAmountFen('共12')).toBeNull(); // a number inside text without 元 is no amount
    expect(parseAmountFen('12个')).toBeNull();
    expect(parseAmountFen('0.0000001万元')).toBeNull(); // a tenth of a fen
    expect(parseAmountFen('10,000,000,000,000元')).toBeNull(); // 10^15 fen, one more than the maximum
    expect(parseAmountFen('9999999999999.99')).toBe(999_999_999_999_999n);
  });
});

describe('money shown and added', () => {
  it('formats fen as yuan with two places', () => {
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(7)).toBe('0.07');
    expect(formatFen(100)).toBe('1.00');
    expect(formatFen(-100)).toBe('-1.00');
    expect(formatFen(-7n)).toBe('-0.07');
    expect(formatFen(10n ** 20n)).toBe('1000000000000000000.00'); // a total beyond any single amount
    expect(formatFen(MAX_FEN)).toBe('9999999999999.99');
  });

  it('refuses a number that is not a whole, safe amount of fen', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => formatFen(2 ** 53)).toThrow('not an integer amount of fen: 9007199254740992');
  });

  it('adds exactly, numbers and bigints alike', () => {
    expect(sumFen([])).toBe(0n);
    expect(sumFen([1, 2n, -3])).toBe(0n);
    expect(sumFen([MAX_FEN, 1])).toBe(1_000_000_000_000_000n);
  });
});

describe('rates (ratio)', () => {
  it('rounds to four decimals', () => {
    expect(ratio(1, 3, 0)).toBe(0.3333);
    expect(ratio(2, 3, 0)).toBe(0.6667);
    expect(ratio(1, 8, null)).toBe(0.125);
    expect(ratio(7, 7, null)).toBe(1);
    expect(ratio(0, 5, null)).toBe(0);
  });

  it('gives what the caller says for a rate over nothing', () => {
    expect(ratio(0, 0, null)).toBeNull();
    expect(ratio(0, 0, 0)).toBe(0);
    expect(ratio(3, 0, 1)).toBe(1);
  });
});

describe('a complaint\'s source: received date and ticket number from intake systems only', () => {
  const caller = (...roles: Role[]) => new Caller('test', new Set(roles), roles.includes('ORGANIZATION') ? '11231102MA0000001X' : null);

  it('gives anyone else today and no ticket', () => {
    vi.stubEnv('CREDIT_TODAY', '2026-11-22');
    expect(readComplaintSource(caller('PUBLIC'), {})).toEqual({ receivedAt: '2026-11-22', ticketNumber: null });
    expect(readComplaintSource(caller('ORGANIZATION'), { receivedAt: null, ticketNumber: null })).toEqual({ receivedAt: '2026-11-22', ticketNumber: null });
  });

  it('refuses a date or a ticket from anyone else (INTAKE_ONLY)', () => {
    vi.stubEnv('CREDIT_TODAY', '2026-11-22');
    for (const c of [caller('PUBLIC'), caller('ORGANIZATION'), caller('COURT', 'TRAINING')]) {
      expect(refusal(() => readComplaintSource(c, { receivedAt: '2026-11-01' }))?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'receivedAt', rule: 'INTAKE_ONLY' });
      expect(refusal(() => readComplaintSource(c, { ticketNumber: 'T-1' }))?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'ticketNumber', rule: 'INTAKE_ONLY' });
    }
    expect(refusal(() => readComplaintSource(caller('PUBLIC'), { ticketNumber: 'T-1' }))?.message).toBe('ticketNumber 只能由接入系统填写 (ticketNumber is given by intake systems only)');
  });

  it('takes the source\'s date and trimmed ticket from auditors, administrators and the finance bureau', () => {
    vi.stubEnv('CREDIT_TODAY', '2026-11-22');
    for (const role of ['AUDITOR', 'ADMIN', 'FINANCE'] as const) {
      expect(readComplaintSource(caller(role), { receivedAt: '2026-11-01', ticketNumber: ' 12345-0001 ' }), role).toEqual({ receivedAt: '2026-11-01', ticketNumber: '12345-0001' });
    }
    expect(readComplaintSource(caller('FINANCE'), { receivedAt: '2026-11-22' })).toEqual({ receivedAt: '2026-11-22', ticketNumber: null });
  });

  it('refuses a date in the future, a date that is none, and an empty or over-long ticket', () => {
    vi.stubEnv('CREDIT_TODAY', '2026-11-22');
    const auditor = caller('AUDITOR');
    const future = refusal(() => readComplaintSource(auditor, { receivedAt: '2026-11-23' }));
    expect(future?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'receivedAt', rule: 'FUTURE' });
    expect(future?.message).toBe('受理日期不能晚于今天 (receivedAt cannot be in the future)');
    expect(refusal(() => readComplaintSource(auditor, { receivedAt: '2026-11-31' }))?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'receivedAt', rule: 'DATE' });
    expect(refusal(() => readComplaintSource(auditor, { ticketNumber: '  ' }))?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'ticketNumber', rule: 'TEXT' });
    expect(refusal(() => readComplaintSource(auditor, { ticketNumber: 'x'.repeat(65) }))?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'ticketNumber', rule: 'TEXT' });
    expect(readComplaintSource(auditor, { ticketNumber: 'x'.repeat(64) }).ticketNumber).toHaveLength(64);
  });
});

describe('tickets written twice at once', () => {
  it('passes the write\'s result through', async () => {
    await expect(writingTickets(async () => 42)).resolves.toBe(42);
  });

  it('turns the store\'s unique-index violation into CONFLICT', async () => {
    const write = async () => {
      throw new UniqueConstraintViolationException(new Error('UNIQUE constraint failed: complaint.channel, complaint.ticket_number'));
    };
    const error: any = await writingTickets(write).catch((e) => e);
    expect(error.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(error.message).toBe('工单已登记 (a ticket of this channel and number is already in the ledger)');
  });

  it('lets any other failure through unchanged', async () => {
    const failure = new Error('disk full');
    await expect(writingTickets(async () => {
      throw failure;
    })).rejects.toBe(failure);
  });
});

describe('an import\'s transaction that loses a race for a new key (importTransaction)', () => {
  /** An EntityManager whose transactions run `work` on itself (the race is the store's; here it is thrown). */
  const em = { transactional: async (work: (tx: unknown) => Promise<void>) => work(em) } as unknown as EntityManager;
  const raced = () => new UniqueConstraintViolationException(new Error('duplicate key value violates unique constraint "dishonesty_record_authority_uscc_document_number_unique"'));

  it('runs again from the start with the result as it was before the attempt, and keeps the attempt that wins', async () => {
    vi.stubEnv('CREDIT_DB_DRIVER', 'postgresql');
    const result = new ImportResult();
    result.reject(1, new Error('a bad row before the transaction'));
    let attempt = 0;
    await importTransaction(em, result, async () => {
      attempt++;
      result.accepted += 3;
      result.reject(2, new Error('stored under another kind'));
      result.warn(3, 'flagged', 'organizationUscc', 'PILOT_CODE');
      if (attempt < 3) throw raced();
    });
    expect(attempt).toBe(3);
    expect([result.accepted, result.rejected, result.errors.map((e) => e.row), result.warnings.map((w) => w.row)]).toEqual([3, 2, [1, 2], [3]]);
  });

  it('after three lost races refuses the import with CONFLICT, Chinese then English, the result as before', async () => {
    vi.stubEnv('CREDIT_DB_DRIVER', 'postgresql');
    const result = new ImportResult();
    let attempts = 0;
    const error: any = await importTransaction(em, result, async () => {
      attempts++;
      result.accepted += 3;
      throw raced();
    }).catch((e) => e);
    expect(attempts).toBe(3);
    expect(error.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(error.message).toMatch(/^另一导入同时写入了相同的记录.*\(another import wrote the same records at the same time/);
    expect(result.accepted).toBe(0);
  });

  it('on SQLite, where imports cannot race, lets a unique violation through at once: a fault of the import\'s own key checks', async () => {
    vi.stubEnv('CREDIT_DB_DRIVER', 'sqlite');
    let attempts = 0;
    const violation = raced();
    await expect(importTransaction(em, new ImportResult(), async () => {
      attempts++;
      throw violation;
    })).rejects.toBe(violation);
    expect(attempts).toBe(1);
  });

  it('lets any other failure through at once', async () => {
    const failure = new Error('disk full');
    let attempts = 0;
    await expect(importTransaction(em, new ImportResult(), async () => {
      attempts++;
      throw failure;
    })).rejects.toBe(failure);
    expect(attempts).toBe(1);
  });
});

describe('new row ids (newRowId)', () => {
  it('are UUIDs whose order is the order they were made in, within one millisecond too, and never repeat', () => {
    const ids = Array.from({ length: 20_000 }, () => newRowId());
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('case and document numbers in one notation', () => {
  it('puts every bracket form around the year as the pair asked for, drops spaces and reads full-width digits', () => {
    for (const raw of ['(2026)', '（2026）', '[2026]', '［2026］', '【2026】', '〔2026〕', '﹝2026﹞', '〖2026〗', '〘2026〙', '﹙2026﹚', ' （２０２６） ']) {
      expect(normalizeNumberNotation(raw, '〔', '〕'), raw).toBe('〔2026〕');
      expect(normalizeNumberNotation(raw, '(', ')'), raw).toBe('(2026)');
    }
  });
});

describe('an oversized import', () => {
  it('names the mutation\'s own argument', () => {
    expect(refusal(() => rejectOversizedImport(new Array(MAX_IMPORT_ROWS + 1), 'records'))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'records', rule: 'TOO_MANY_ROWS' });
    expect(refusal(() => rejectOversizedImport(new Array(MAX_IMPORT_ROWS), 'records'))).toBeUndefined();
  });
});
