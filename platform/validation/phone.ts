/**
 * Mainland phone numbers, the one pattern: a mobile is 1 and ten more digits; a landline is 0,
 * two or three more digits of area code, an optional hyphen, then seven or eight digits.
 * Callers remove white space first (`13812345678`, `0456-8223344`).
 */

const MOBILE = /^1\d{10}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

/** A mainland mobile number: 13812345678. */
export function isMobileNumber(value: string): boolean {
  return MOBILE.test(value);
}

/** A mainland mobile or landline number: 13812345678, 0456-8223344, 04568223344. */
export function isPhoneNumber(value: string): boolean {
  return isMobileNumber(value) || LANDLINE.test(value);
}
