// The validation rules of platform/validation one case at a time (issue 21, mutation testing):
// USCC (GB 32100-2015), ID numbers (GB 11643-1999), region codes (GB/T 2260), phone numbers and the
// public masking of personal data. test/kit/validation.test.ts has the published examples; this file
// adds the boundaries and the messages. Check characters are worked out by hand from the standards,
// the weighted sums in the comments.
import { describe, expect, it } from 'vitest';
import { idNumberProblem, isValidIdNumber } from '../../platform/validation/id-number.js';
import { maskEmail, maskIdNumber, maskPersonName, maskPhone } from '../../platform/validation/masking.js';
import { isMobileNumber, isPhoneNumber } from '../../platform/validation/phone.js';
import { isWithinRegion, parentRegionCode, regionCodeProblem, regionCodeRange, regionLevel, regionPrefix } from '../../platform/validation/region-code.js';
import { isUsccShaped, isValidUscc, orgCodeCheckCharacter, usccCheckCharacter, usccProblem, usccRegistrant, usccVerdict } from '../../platform/validation/uscc.js';

/** The published example of GB 32100-2015: weighted sum 538, 538 mod 31 = 11, 31 − 11 = 20 → "L". */
const VALID_USCC = '91110000600037341L';
/**
 * The same code with the organization code's check character 2 instead of 1 and the outer check
 * character worked out again: the sum grows by 1 × 28 (the 17th weight) to 566, 566 mod 31 = 8,
 * 31 − 8 = 23 → "P". The outer check passes; the GB 11714 check (60003734 → 1) does not.
 */
const WRONG_ORG_CHECK = '91110000600037342P';

describe('USCC: check characters', () => {
  it('works out the outer check character over the 31 symbols', () => {
    expect(usccCheckCharacter('91110000600037341')).toBe('L');
    expect(usccCheckCharacter('91110000600037342')).toBe('P');
  });

  it('works out the GB 11714 check character, 10 as X and 11 as 0', () => {
    // weights 3 7 9 10 5 8 4 2: 60003734 → 18 + 15 + 56 + 12 + 8 = 109, 109 mod 11 = 10, 11 − 10 = 1
    expect(orgCodeCheckCharacter('60003734')).toBe('1');
    // 40000000 → 12, 12 mod 11 = 1, 11 − 1 = 10 → X
    expect(orgCodeCheckCharacter('40000000')).toBe('X');
    // 00000000 → 0, 11 − 0 = 11 → 0
    expect(orgCodeCheckCharacter('00000000')).toBe('0');
    // A counts 10: 30, 30 mod 11 = 8, 11 − 8 = 3
    expect(orgCodeCheckCharacter('A0000000')).toBe('3');
  });
});

describe('USCC: the first rule a code breaks, with its message', () => {
  it('LENGTH, with the length it has', () => {
    expect(usccProblem('9111000060003734')).toEqual({
      rule: 'LENGTH',
      message: '统一社会信用代码应为18位，实际为16位 (a unified social credit code has 18 characters, got 16)',
    });
    expect(usccProblem('')?.rule).toBe('LENGTH');
  });

  it('CHARSET, naming the position and the character, first or last', () => {
    expect(usccProblem('I1110000600037341L')).toEqual({
      rule: 'CHARSET',
      message: '统一社会信用代码第1位"I"不是允许的字符（数字或除I、O、S、V、Z外的大写字母） (character 1 "I" is not allowed: digits and upper-case letters except I, O, S, V, Z)',
    });
    expect(usccProblem('91110000600037341Z')?.message).toContain('character 18 "Z"');
    for (const ch of ['O', 'S', 'V', 'Z', 'a', ' ', '-']) expect(usccProblem(`${ch}1110000600037341L`)?.rule, ch).toBe('CHARSET');
  });

  it('CHECK_DIGIT, naming the expected and the given character', () => {
    expect(usccProblem('91110000600037341M')).toEqual({
      rule: 'CHECK_DIGIT',
      message: '统一社会信用代码校验位错误：第18位应为"L"，实际为"M" (check digit is wrong: character 18 should be "L", got "M")',
    });
  });

  it('ORG_CODE_CHECK once the outer check passes', () => {
    expect(usccProblem(WRONG_ORG_CHECK)).toEqual({
      rule: 'ORG_CODE_CHECK',
      message: '组织机构代码校验位错误：第17位应为"1"，实际为"2" (organization code check character is wrong: character 17 should be "1", got "2")',
    });
    expect(isValidUscc(WRONG_ORG_CHECK)).toBe(false);
    expect(isValidUscc(VALID_USCC)).toBe(true);
  });
});

describe('USCC: the pilot-code rule', () => {
  it('refuses a code of the wrong length or characters', () => {
    expect(usccVerdict('9111000060003734')).toEqual({ refused: { rule: 'LENGTH', message: expect.any(String) } });
    expect(usccVerdict('9111000060003734IL')).toEqual({ refused: { rule: 'CHARSET', message: expect.any(String) } });
    expect(isUsccShaped('9111000060003734')).toBe(false);
    expect(isUsccShaped('9111000060003734IL')).toBe(false);
  });

  it('accepts a code whose check characters fail, flagging it with the problem\'s message', () => {
    expect(usccVerdict('91110000600037341M')).toEqual({ refused: null, pilotProblem: '统一社会信用代码校验位错误：第18位应为"L"，实际为"M" (check digit is wrong: character 18 should be "L", got "M")' });
    expect(usccVerdict(WRONG_ORG_CHECK)).toEqual({ refused: null, pilotProblem: '组织机构代码校验位错误：第17位应为"1"，实际为"2" (organization code check character is wrong: character 17 should be "1", got "2")' });
    expect(isUsccShaped('91110000600037341M')).toBe(true);
    expect(isUsccShaped(WRONG_ORG_CHECK)).toBe(true);
  });

  it('accepts a valid code without a flag', () => {
    expect(usccVerdict(VALID_USCC)).toEqual({ refused: null, pilotProblem: null });
    expect(isUsccShaped(VALID_USCC)).toBe(true);
  });
});

describe('USCC: the registrant (positions 1–2, GB 32100-2015 table)', () => {
  it.each([
    ['11', 'ORGAN'], ['12', 'PUBLIC_INSTITUTION'], ['13', 'MASS_ORGANIZATION'], ['19', 'OTHER_ESTABLISHMENT'],
    ['51', 'SOCIAL_ORGANIZATION'], ['52', 'SOCIAL_ORGANIZATION'], ['53', 'SOCIAL_ORGANIZATION'], ['59', 'SOCIAL_ORGANIZATION'],
    ['54', 'GRASSROOTS_SELF_GOVERNANCE'],
    ['91', 'ENTERPRISE'], ['92', 'ENTERPRISE'], ['93', 'ENTERPRISE'],
    ['N1', 'RURAL_COLLECTIVE'], ['N2', 'RURAL_COLLECTIVE'], ['N3', 'RURAL_COLLECTIVE'],
    ['14', 'OTHER'], ['21', 'OTHER'], ['99', 'OTHER'], ['N9', 'OTHER'],
  ])('%s → %s', (prefix, registrant) => {
    expect(usccRegistrant(`${prefix}231100003364870H`)).toBe(registrant);
  });
});

describe('ID numbers: boundaries of the birth date, and the messages', () => {
  it('accepts 1 January 1900 and 29 February of a leap year', () => {
    // 11010519000101000: 7 + 9 + 5 + 20 + 2 + 9 + 9 + 5 = 66, 66 mod 11 = 0 → "1"
    expect(idNumberProblem('110105190001010001')).toBeNull();
    // 11010520000229000: 7 + 9 + 5 + 20 + 4 + 18 + 20 + 45 = 128, 128 mod 11 = 7 → "5"
    expect(idNumberProblem('110105200002290005')).toBeNull();
    expect(isValidIdNumber('110105200002290005')).toBe(true);
  });

  it('refuses a birth before 1900 and days that do not exist', () => {
    // 1899; 29 February 1900 (not a leap year); 31 April; month 00 and 13; day 00 and 32
    for (const value of ['110105189912310000', '110105190002290000', '110105194904310000', '110105194900010000', '110105194913010000', '110105194901000000', '110105194901320000']) {
      expect(idNumberProblem(value)?.rule, value).toBe('BIRTH_DATE');
    }
    expect(idNumberProblem('110105189912310000')?.message).toBe('身份号码第7–14位不是有效的出生日期 (characters 7–14 of the ID number are not a valid birth date)');
  });

  it('names the other rules without repeating the number', () => {
    expect(idNumberProblem('1101051949')).toEqual({ rule: 'LENGTH', message: '身份号码应为18位，实际为10位 (an ID number has 18 characters, got 10)' });
    expect(idNumberProblem('11010519491231002x')).toEqual({
      rule: 'CHARSET',
      message: '身份号码前17位应为数字，第18位为数字或大写X (an ID number is 17 digits followed by a digit or upper-case X)',
    });
    expect(idNumberProblem('X10105194912310021')?.rule).toBe('CHARSET');
    expect(idNumberProblem('110105194912310021')).toEqual({ rule: 'CHECK_DIGIT', message: '身份号码校验位错误 (the ID number check character is wrong)' });
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });
});

describe('region codes', () => {
  it('names the problem of a malformed code, quoting at most 20 characters of it', () => {
    expect(regionCodeProblem('23110A')).toBe('行政区划代码应为6位数字 (a GB/T 2260 region code is six digits, got "23110A")');
    expect(regionCodeProblem('1234567890123456789012345')).toBe('行政区划代码应为6位数字 (a GB/T 2260 region code is six digits, got "12345678901234567890")');
    expect(regionCodeProblem('2311020')).not.toBeNull();
    expect(regionCodeProblem('x231102')).not.toBeNull();
    expect(regionCodeProblem('001100')).toBe('行政区划代码的省级部分不能为00 (the province part of a region code cannot be 00)');
    expect(regionCodeProblem('010000')).toBeNull();
  });

  it('gives the region of all-9 prefixes no upper bound (nothing sorts after them)', () => {
    expect(regionCodeRange('990000')).toEqual({ $gte: '99' });
    expect(regionCodeRange('999900')).toEqual({ $gte: '9999' });
    expect(regionCodeRange('999999')).toEqual({ $gte: '999999' });
    expect(regionCodeRange('910000')).toEqual({ $gte: '91', $lt: '92' });
    expect(regionCodeRange('190000')).toEqual({ $gte: '19', $lt: '20' });
    expect(regionCodeRange('199900')).toEqual({ $gte: '1999', $lt: '2000' });
  });

  it('keeps the width of a prefix with leading zeros', () => {
    expect(regionCodeRange('010000')).toEqual({ $gte: '01', $lt: '02' });
    expect(regionCodeRange('000100')).toEqual({ $gte: '0001', $lt: '0002' });
  });

  it('knows a county of a city, and a city of a province', () => {
    expect(regionLevel('231181')).toBe('COUNTY');
    expect(regionLevel('231000')).toBe('CITY');
    expect(regionPrefix('231000')).toBe('2310');
    expect(parentRegionCode('231181')).toBe('231100');
    expect(isWithinRegion('231102', '231100')).toBe(true);
    expect(isWithinRegion('231100', '231100')).toBe(true);
    expect(isWithinRegion('231202', '231100')).toBe(false);
    expect(isWithinRegion('231102', '230000')).toBe(true);
    expect(isWithinRegion('241102', '230000')).toBe(false);
    expect(isWithinRegion('231102', '231102')).toBe(true);
    expect(isWithinRegion('231103', '231102')).toBe(false);
  });
});

describe('phone numbers', () => {
  it('knows a mobile: 1 and ten more digits', () => {
    expect(isMobileNumber('13812345678')).toBe(true);
    for (const value of ['1381234567', '138123456789', '23812345678', 'x13812345678', '13812345678x', '1381234567x', '0456-8223344']) {
      expect(isMobileNumber(value), value).toBe(false);
    }
  });

  it('knows a landline: 0, two or three digits of area code, an optional hyphen, seven or eight digits', () => {
    for (const value of ['13812345678', '0456-8223344', '04568223344', '010-12345678', '01012345678', '021-1234567']) {
      expect(isPhoneNumber(value), value).toBe(true);
    }
    for (const value of ['0456-822334', '0456-822334455', '04567-8223344', '0-8223344', '0456--8223344', 'x0456-8223344', '0456-8223344x', '0456-82233x4', '0x56-8223344', ' 0456-8223344', '12345']) {
      expect(isPhoneNumber(value), value).toBe(false);
    }
  });
});

describe('masking', () => {
  it('keeps the first and last character of a name, one star for a name of one', () => {
    expect(maskPersonName('')).toBe('');
    expect(maskPersonName('   ')).toBe('');
    expect(maskPersonName('王')).toBe('*');
    expect(maskPersonName(' 李四 ')).toBe('李*');
    expect(maskPersonName('司马相如')).toBe('司**如');
    expect(maskPersonName('𠮷野家')).toBe('𠮷*家'); // 𠮷 is one character of two UTF-16 units
  });

  it('stars a malformed ID number whole', () => {
    expect(maskIdNumber('12345')).toBe('*****');
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('1101051949123100')).toBe('****************');
  });

  it('keeps a mobile\'s first three and last four digits, a landline\'s area code and last two', () => {
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('0456-8223456')).toBe('0456-*****56'); // 12 characters: 5 kept in front, 2 at the end
    expect(maskPhone('04568223456')).toBe('045******56'); // no hyphen: 3 in front
    expect(maskPhone('12345')).toBe('123*45'); // at least one star
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone('12')).toBe('**');
  });

  it('keeps an address\'s first character and domain', () => {
    expect(maskEmail('a@b.cn')).toBe('a***@b.cn');
    expect(maskEmail('@example.cn')).toBe('***');
    expect(maskEmail('no-address')).toBe('***');
  });
});
