/** 公民身份号码 (resident ID number), GB 11643-1999: 17 digits and a check character. */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export type IdNumberRule = 'LENGTH' | 'CHARSET' | 'BIRTH_DATE' | 'CHECK_DIGIT';

export interface IdNumberProblem {
  rule: IdNumberRule;
  message: string;
}

export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/**
 * The first rule an ID number breaks, or null. The message never repeats the number:
 * it is personal information and error messages end up in logs.
 */
export function idNumberProblem(value: string): IdNumberProblem | null {
  if (value.length !== 18) {
    return {
      rule: 'LENGTH',
      message: `身份号码应为18位，实际为${value.length}位 (an ID number has 18 characters, got ${value.length})`,
    };
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    return {
      rule: 'CHARSET',
      message: '身份号码前17位应为数字，第18位为数字或大写X (an ID number is 17 digits followed by a digit or upper-case X)',
    };
  }
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1900 ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return {
      rule: 'BIRTH_DATE',
      message: '身份号码第7–14位不是有效的出生日期 (characters 7–14 of the ID number are not a valid birth date)',
    };
  }
  const expected = idNumberCheckCharacter(value.slice(0, 17));
  if (value[17] !== expected) {
    return {
      rule: 'CHECK_DIGIT',
      message: '身份号码校验位错误 (the ID number check character is wrong)',
    };
  }
  return null;
}

export function isValidIdNumber(value: string): boolean {
  return idNumberProblem(value) === null;
}
