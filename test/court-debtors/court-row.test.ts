import { describe, expect, it } from 'vitest';
import { parseCaseNumber } from '../../subgraphs/kit/index.js';
import { classifyBehaviours, courtRowsFrom, listingTermEnd, readCourtDate, readDebtorCode } from '../../subgraphs/court-debtors/record.rows.js';
import { DishonestBehaviour } from '../../subgraphs/court-debtors/entities/enums.js';
import { formatFen, parseAmountFen } from '../../subgraphs/kit/money.js';
import { idNumberCheckCharacter, orgCodeCheckCharacter, usccCheckCharacter } from '../../subgraphs/kit/index.js';

describe('case numbers (案号)', () => {
  it('reads the current and the pre-2016 forms and normalizes full-width notation', () => {
    expect(parseCaseNumber('(2019)皖1122执1194号')).toEqual({ caseNumber: '(2019)皖1122执1194号', form: 'CURRENT', year: 2019 });
    expect(parseCaseNumber('（2019）皖1122执恢１９４号')).toEqual({ caseNumber: '(2019)皖1122执恢194号', form: 'CURRENT', year: 2019 });
    expect(parseCaseNumber('(2018)黑11执12号')).toMatchObject({ form: 'CURRENT' });
    expect(parseCaseNumber('(2020)最高法执监1号')).toMatchObject({ form: 'CURRENT' });
    expect(parseCaseNumber('(2015)黑河中法执字第00012号')).toEqual({ caseNumber: '(2015)黑河中法执字第00012号', form: 'PRE_2016', year: 2015 });
    expect(parseCaseNumber(' (2014) 嫩执恢字第5号 ')).toEqual({ caseNumber: '(2014)嫩执恢字第5号', form: 'PRE_2016', year: 2014 });
  });

  it('refuses malformed numbers and a form that does not fit its year', () => {
    for (const bad of ['2019皖1122执1194号', '(2019)皖1122执号', '(2019)皖1122民初1194号', '(19)皖1122执1号', '(2017)黑河中法执字第12号', '(2015)皖1122执1194号', '']) {
      expect(parseCaseNumber(bad), bad).toHaveProperty('problem');
    }
  });
});

describe('court notations', () => {
  it('reads the dates courts write', () => {
    for (const text of ['2019-06-12', '20190612', '2019年6月12日', '2019年06月12日', '2019/6/12', '2019.06.12']) expect(readCourtDate(text, 'regDate')).toBe('2019-06-12');
    for (const text of ['2019-02-30', '2019613', '12/06/2019', '', null]) expect(() => readCourtDate(text, 'regDate')).toThrow(/regDate/);
  });

  it('reads amounts exactly, in 元 or 万元, and only when the text states one', () => {
    expect(parseAmountFen('0')).toBe(0n);
    expect(parseAmountFen('1,234,567.89元')).toBe(123456789n);
    expect(parseAmountFen('未支付工程款1,234,567.89元及利息')).toBe(123456789n);
    expect(parseAmountFen('人民币50.5万元')).toBe(50500000n);
    expect(parseAmountFen('12.345678万元')).toBe(12345678n);
    expect(parseAmountFen('0.1元')).toBe(10n);
    // 0.1 + 0.2 in floats is not 0.3; here it is exact
    expect(formatFen(parseAmountFen('0.1')! + parseAmountFen('0.2')!)).toBe('0.30');
    expect(parseAmountFen('暂无')).toBeNull();
    expect(parseAmountFen('已支付100元，尚欠200元')).toBeNull();
    expect(parseAmountFen('1.234元')).toBeNull();
    expect(parseAmountFen('9,999,999,999,999.99元')).toBe(999_999_999_999_999n);
    expect(parseAmountFen('99999999999999999999元')).toBeNull();
    expect(formatFen(5n)).toBe('0.05');
    expect(formatFen(123456789n)).toBe('1234567.89');
  });

  it('classifies the statutory behaviours, several in one field, and sets the two-year term only for forms (2)–(6)', () => {
    expect(classifyBehaviours('有履行能力而拒不履行生效法律文书确定义务')).toEqual(['REFUSES_DESPITE_ABILITY']);
    expect(classifyBehaviours('违反财产报告制度,其他有履行能力而拒不履行生效法律文书确定义务')).toEqual(['REFUSES_DESPITE_ABILITY', 'VIOLATES_PROPERTY_REPORTING']);
    expect(classifyBehaviours('以伪造证据、暴力、威胁等方法妨碍、抗拒执行；违反限制消费令')).toEqual(['OBSTRUCTS_EXECUTION', 'VIOLATES_CONSUMPTION_RESTRICTION']);
    expect(classifyBehaviours('无正当理由拒不履行执行和解协议')).toEqual(['BREACHES_SETTLEMENT']);
    expect(classifyBehaviours('以虚假诉讼方法规避执行，其他情形')).toEqual(['EVADES_EXECUTION', 'OTHER']);
    const { VIOLATES_PROPERTY_REPORTING, REFUSES_DESPITE_ABILITY, BREACHES_SETTLEMENT } = DishonestBehaviour;
    expect(listingTermEnd('2024-02-29', [VIOLATES_PROPERTY_REPORTING])).toBe('2026-03-01');
    expect(listingTermEnd('2025-05-10', [REFUSES_DESPITE_ABILITY, BREACHES_SETTLEMENT])).toBe('2027-05-10');
    expect(listingTermEnd('2025-05-10', [REFUSES_DESPITE_ABILITY])).toBeNull();
  });

  it('takes USCCs, flags pilot codes, and refuses a person\'s ID number without repeating it', () => {
    expect(readDebtorCode('91110000600037341L')).toMatchObject({ checkPassed: true, debtorType: 'ENTERPRISE', regionCode: '110000' });
    const first17 = `1223112312345678${orgCodeCheckCharacter('12345678')}`;
    const valid = first17 + usccCheckCharacter(first17);
    expect(readDebtorCode(valid)).toMatchObject({ checkPassed: true, debtorType: 'PUBLIC_INSTITUTION', regionCode: '231123' });
    const pilot = `${valid.slice(0, 17)}${valid[17] === '0' ? '1' : '0'}`;
    expect(readDebtorCode(pilot)).toMatchObject({ checkPassed: false, pilotProblem: expect.stringContaining('check digit') });
    const idNumber = `23010219900101123${idNumberCheckCharacter('23010219900101123')}`;
    for (const person of [idNumber, '3209231969****1513']) {
      let message = '';
      try {
        readDebtorCode(person);
      } catch (error) {
        message = (error as Error).message;
        expect((error as any).extensions).toMatchObject({ field: 'cardNum', rule: 'NATURAL_PERSON' });
      }
      expect(message).not.toBe('');
      expect(message).not.toContain(person.slice(6, 14));
    }
    expect(() => readDebtorCode('12345678-9')).toThrow(/18/);
  });

  it('turns a file into rows of the list\'s own fields (extra fields dropped, numbers as text, blanks as null)', () => {
    expect(courtRowsFrom({ records: [{ caseCode: '(2019)皖1122执1194号', regDate: 20190612, age: 0, performedPart: '' }, 'junk'] })).toEqual([
      expect.objectContaining({ caseCode: '(2019)皖1122执1194号', regDate: '20190612', performedPart: null, iname: null }),
      expect.objectContaining({ caseCode: null }),
    ]);
    expect(Object.keys(courtRowsFrom([{ age: 3 }])[0]!)).toHaveLength(15);
    expect(() => courtRowsFrom({ total: 3 })).toThrow(/no rows/);
  });
});
