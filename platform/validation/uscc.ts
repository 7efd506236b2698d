/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 * 18 characters: registration authority (1), organization type (1), region code (6),
 * GB 11714 organization code (9, with its own check character), check character (1).
 */

/** The 31 symbols of GB 32100-2015, in value order (I, O, S, V, Z never occur). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type UsccRule = 'LENGTH' | 'CHARSET' | 'CHECK_DIGIT' | 'ORG_CODE_CHECK';

export interface UsccProblem {
  rule: UsccRule;
  /** Chinese first, then English: the sentence a caller reads. */
  message: string;
}

function symbolValue(ch: string): number {
  return USCC_ALPHABET.indexOf(ch);
}

/** The check character (position 18) for the first 17 characters. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += symbolValue(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** The GB 11714 check character (position 9 of the organization code) for its first 8. */
export function orgCodeCheckCharacter(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += symbolValue(first8[i]!) * ORG_CODE_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * The first rule a code breaks, or null when it is a valid USCC. Structural rules
 * (length, character set) come before the check digits, so the message names the
 * most basic problem.
 */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) {
    return {
      rule: 'LENGTH',
      message: `统一社会信用代码应为18位，实际为${code.length}位 (a unified social credit code has 18 characters, got ${code.length})`,
    };
  }
  for (let i = 0; i < 18; i++) {
    if (symbolValue(code[i]!) < 0) {
      return {
        rule: 'CHARSET',
        message: `统一社会信用代码第${i + 1}位"${code[i]}"不是允许的字符（数字或除I、O、S、V、Z外的大写字母） (character ${i + 1} "${code[i]}" is not allowed: digits and upper-case letters except I, O, S, V, Z)`,
      };
    }
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) {
    return {
      rule: 'CHECK_DIGIT',
      message: `统一社会信用代码校验位错误：第18位应为"${expected}"，实际为"${code[17]}" (check digit is wrong: character 18 should be "${expected}", got "${code[17]}")`,
    };
  }
  const orgCheck = orgCodeCheckCharacter(code.slice(8, 16));
  if (code[16] !== orgCheck) {
    return {
      rule: 'ORG_CODE_CHECK',
      message: `组织机构代码校验位错误：第17位应为"${orgCheck}"，实际为"${code[16]}" (organization code check character is wrong: character 17 should be "${orgCheck}", got "${code[16]}")`,
    };
  }
  return null;
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}

/**
 * What the pilot-code rule makes of a code, as given (not trimmed): `refused` is the
 * structural problem (LENGTH, CHARSET) that refuses it; otherwise `pilotProblem` is the
 * message of the check-digit problem (CHECK_DIGIT, ORG_CODE_CHECK) that flags an early pilot
 * code, accepted because such codes are real, or null for a valid code.
 */
export type UsccVerdict = { refused: UsccProblem; pilotProblem?: never } | { refused: null; pilotProblem: string | null };

/**
 * The pilot-code rule for a USCC, decided here and nowhere else: reject on LENGTH or CHARSET,
 * accept and flag on a check-digit failure. Resolvers and import rows use `readUscc`
 * (kit/input.ts), which trims and throws BAD_USER_INPUT naming the field and rule.
 */
export function usccVerdict(code: string): UsccVerdict {
  const problem = usccProblem(code);
  if (problem && (problem.rule === 'LENGTH' || problem.rule === 'CHARSET')) return { refused: problem };
  return { refused: null, pilotProblem: problem?.message ?? null };
}

/**
 * Whether a code has the shape of a USCC (length and character set) even if its
 * check digits fail: early pilot codes are like that and are real.
 */
export function isUsccShaped(code: string): boolean {
  return usccVerdict(code).refused === null;
}

/**
 * 登记管理部门码 + 机构类别码 (positions 1–2): who registered the body. Courts and the
 * government-body ledger classify debtors by it.
 */
export type UsccRegistrant =
  | 'ORGAN' // 11 机关
  | 'PUBLIC_INSTITUTION' // 12 事业单位
  | 'MASS_ORGANIZATION' // 13 中央编办直接管理机构编制的群众团体
  | 'OTHER_ESTABLISHMENT' // 19 机构编制 其他
  | 'SOCIAL_ORGANIZATION' // 51 社会团体, 52 民办非企业单位, 53 基金会, 59
  | 'GRASSROOTS_SELF_GOVERNANCE' // 54 村民委员会、居民委员会 (民政)
  | 'ENTERPRISE' // 91 企业, 92 个体工商户, 93 农民专业合作社
  | 'RURAL_COLLECTIVE' // N1–N3 农村集体经济组织
  | 'OTHER';

const REGISTRANTS: Record<string, UsccRegistrant> = {
  '11': 'ORGAN',
  '12': 'PUBLIC_INSTITUTION',
  '13': 'MASS_ORGANIZATION',
  '19': 'OTHER_ESTABLISHMENT',
  '51': 'SOCIAL_ORGANIZATION',
  '52': 'SOCIAL_ORGANIZATION',
  '53': 'SOCIAL_ORGANIZATION',
  '54': 'GRASSROOTS_SELF_GOVERNANCE',
  '59': 'SOCIAL_ORGANIZATION',
  '91': 'ENTERPRISE',
  '92': 'ENTERPRISE',
  '93': 'ENTERPRISE',
  N1: 'RURAL_COLLECTIVE',
  N2: 'RURAL_COLLECTIVE',
  N3: 'RURAL_COLLECTIVE',
};

export function usccRegistrant(code: string): UsccRegistrant {
  return REGISTRANTS[code.slice(0, 2)] ?? 'OTHER';
}

/** Positions 3–8: the GB/T 2260 code of the registering region. */
export function usccRegionCode(code: string): string {
  return code.slice(2, 8);
}
