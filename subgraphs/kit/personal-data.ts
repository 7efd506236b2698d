import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { config } from '../../platform/config.js';
import { badInput } from '../../platform/errors.js';
import { requireIdNumber } from './input.js';

/**
 * The official pseudonym: PublicOfficial.id. A keyed hash (HMAC-SHA-256 with the
 * deployment's CREDIT_PSEUDONYM_SECRET) of the ID number, so every domain that receives an
 * ID number derives the same id and they join on it without passing the number around.
 * 128 bits of the MAC, hex: short enough for URLs, far from colliding.
 */
export function officialPseudonym(idNumber: string): string {
  return createHmac('sha256', config.pseudonymSecret()).update(idNumber.toUpperCase()).digest('hex').slice(0, 32);
}

/** The shape of an official pseudonym: 32 lower-case hex characters (officialPseudonym). */
const OFFICIAL_ID = /^[0-9a-f]{32}$/;

/**
 * An official's id (PublicOfficial.id) from an ID number a caller or an import row gives:
 * the number is checked first (BAD_USER_INPUT naming `field` and the rule, never repeating
 * the number), then turned into its pseudonym.
 */
export function officialIdFrom(idNumber: string, field = 'idNumber'): string {
  return officialPseudonym(requireIdNumber(idNumber, field));
}

/**
 * An official's id given as such: BAD_USER_INPUT rule PSEUDONYM unless it is 32 lower-case
 * hex characters. `who` names the person in the Chinese message (e.g. 责任人).
 */
export function requireOfficialId(value: string, field = 'id', who = '公职人员'): string {
  if (!OFFICIAL_ID.test(value)) {
    throw badInput(`${who}化名应为32位十六进制 (${field} is a 32-character hex pseudonym)`, { field, rule: 'PSEUDONYM' });
  }
  return value;
}

let cachedKey: { secret: string; key: Buffer } | null = null;
function dataKey(): Buffer {
  const secret = config.dataKey();
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: createHash('sha256').update(secret).digest() };
  return cachedKey.key;
}

/**
 * Personal data at rest (ID numbers, personal phones) is sealed with AES-256-GCM, so a
 * copied database file does not leak it. Format: base64(iv ‖ tag ‖ ciphertext).
 */
export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function unseal(sealed: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', dataKey(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
