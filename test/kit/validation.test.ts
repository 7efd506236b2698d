import { describe, expect, it } from 'vitest';
import {
  idNumberCheckCharacter, idNumberProblem, isValidIdNumber, isValidUscc, maskEmail, maskIdNumber, maskPersonName,
  maskPhone, orgCodeCheckCharacter, parentRegionCode, regionCodeProblem, regionCodeRange, regionLevel, regionPrefix, requireIdNumber,
  requireUscc, usccCheckCharacter, usccProblem, usccRegionCode, usccRegistrant,
} from '../../subgraphs/kit/index.js';

describe('USCC (GB 32100-2015)', () => {
  it('accepts the published example and computes its check character', () => {
    expect(usccProblem('91110000600037341L')).toBeNull();
    expect(usccCheckCharacter('91110000600037341')).toBe('L');
    expect(orgCodeCheckCharacter('60003734')).toBe('1');
  });

  it('names the check digit when only the last character is wrong', () => {
    const problem = usccProblem('91110000600037341M');
    expect(problem?.rule).toBe('CHECK_DIGIT');
    expect(problem?.message).toContain('"L"');
    expect(problem?.message).toMatch(/校验位.*check digit/);
  });

  it('rejects every near miss of one character', () => {
    const valid = '91110000600037341L';
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let position = 0; position < 18; position++) {
      for (const ch of alphabet) {
        if (ch === valid[position]) continue;
        const nearMiss = valid.slice(0, position) + ch + valid.slice(position + 1);
        expect(isValidUscc(nearMiss), nearMiss).toBe(false);
      }
    }
  });

  it('names the length and character-set rules', () => {
    expect(usccProblem('91110000600037341')?.rule).toBe('LENGTH');
    expect(usccProblem('91110000600037341LL')?.rule).toBe('LENGTH');
    expect(usccProblem('9111000060003734IL')?.rule).toBe('CHARSET'); // I never occurs
    expect(usccProblem('91110000600037341l')?.rule).toBe('CHARSET'); // lower case
    expect(usccProblem('9111000060003734OL')?.message).toContain('第17位');
  });

  it('checks the embedded GB 11714 organization code when the outer check passes', () => {
    const first16 = '9111000060003734';
    const wrongOrgCheck = first16 + '2';
    const code = wrongOrgCheck + usccCheckCharacter(wrongOrgCheck);
    expect(usccProblem(code)?.rule).toBe('ORG_CODE_CHECK');
  });

  it('reads registrant and region from the code', () => {
    expect(usccRegistrant('11231100003364870H')).toBe('ORGAN');
    expect(usccRegistrant('12231100003364870H')).toBe('PUBLIC_INSTITUTION');
    expect(usccRegistrant('91110000600037341L')).toBe('ENTERPRISE');
    expect(usccRegistrant('54231102MA1234567X')).toBe('GRASSROOTS_SELF_GOVERNANCE');
    expect(usccRegistrant('Y1231100003364870H')).toBe('OTHER');
    expect(usccRegionCode('11231100003364870H')).toBe('231100');
  });

  it('requireUscc raises BAD_USER_INPUT naming field and rule', () => {
    expect(requireUscc(' 91110000600037341L ')).toBe('91110000600037341L');
    try {
      requireUscc('91110000600037341M', 'debtorUscc');
      expect.unreachable();
    } catch (error: any) {
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'debtorUscc', rule: 'CHECK_DIGIT' });
    }
  });
});

describe('ID number (GB 11643-1999)', () => {
  it('accepts the published example', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
  });

  it('rejects near misses by rule, without echoing the number', () => {
    expect(idNumberProblem('110105194912310021')?.rule).toBe('CHECK_DIGIT');
    expect(idNumberProblem('11010519491231002')?.rule).toBe('LENGTH');
    expect(idNumberProblem('1101051949123100AX')?.rule).toBe('CHARSET');
    expect(idNumberProblem('11010519491331002X')?.rule).toBe('BIRTH_DATE'); // month 13
    expect(idNumberProblem('11010519490230002X')?.rule).toBe('BIRTH_DATE'); // 30 February
    expect(idNumberProblem('110105194912310021')?.message).not.toContain('110105');
  });

  it('normalises a lower-case x', () => {
    expect(requireIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });
});

describe('region codes (GB/T 2260)', () => {
  it('knows levels, prefixes and parents', () => {
    expect(regionLevel('230000')).toBe('PROVINCE');
    expect(regionLevel('231100')).toBe('CITY');
    expect(regionLevel('231102')).toBe('COUNTY');
    expect(regionPrefix('230000')).toBe('23');
    expect(regionPrefix('231100')).toBe('2311');
    expect(regionPrefix('231183')).toBe('231183');
    expect(parentRegionCode('231183')).toBe('231100');
    expect(parentRegionCode('231100')).toBe('230000');
    expect(parentRegionCode('230000')).toBeNull();
  });

  it('turns a region into a range of codes holding exactly it and its subregions', () => {
    const inside = (code: string, region: string) => {
      const range = regionCodeRange(region);
      return code >= range.$gte && (range.$lt === undefined || code < range.$lt);
    };
    expect(regionCodeRange('231100')).toEqual({ $gte: '2311', $lt: '2312' });
    expect(regionCodeRange('230000')).toEqual({ $gte: '23', $lt: '24' });
    expect(regionCodeRange('231109')).toEqual({ $gte: '231109', $lt: '231110' });
    expect(regionCodeRange('230900')).toEqual({ $gte: '2309', $lt: '2310' });
    for (const code of ['231100', '231102', '231183', '231199']) expect(inside(code, '231100'), code).toBe(true);
    for (const code of ['231000', '231200', '230199', '241100']) expect(inside(code, '231100'), code).toBe(false);
    expect(inside('231102', '231102')).toBe(true);
    expect(inside('231103', '231102')).toBe(false);
  });

  it('rejects malformed codes', () => {
    expect(regionCodeProblem('23110')).not.toBeNull();
    expect(regionCodeProblem('23110A')).not.toBeNull();
    expect(regionCodeProblem('001100')).not.toBeNull();
    expect(regionCodeProblem('231102')).toBeNull();
  });
});

describe('masking', () => {
  it('masks names, ID numbers, phones and e-mail', () => {
    expect(maskPersonName('王小明')).toBe('王*明');
    expect(maskPersonName('李四')).toBe('李*');
    expect(maskPersonName('欧阳娜娜')).toBe('欧**娜');
    expect(maskIdNumber('230102199001011234')).toBe('230102************');
    expect(maskIdNumber('11010519491231002X')).toBe('110105************');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0456-8223456')).not.toContain('8223456');
    expect(maskEmail('zhang.san@example.cn')).toBe('z***@example.cn');
  });
});
