import { decodeJwt, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { errors } from './errors.js';
import { config } from './config.js';
import { isUsccShaped } from './validation/uscc.js';

/** The roles of API.md. A request without a token is PUBLIC. */
/** CONSUMER: the federation's own readers of the change feeds (read models, the exchange, caches). */
/**
 * PERSONNEL: the discipline inspection and organization-personnel departments (纪检监察、组织人事),
 * which decide disciplinary sanctions and accountability of officials (seed 004 §四(三)) and
 * restrict awards and promotion of officials with a record (seed 004 §四(八)): they import those
 * decisions and read officials' dishonesty records in full (audited, see `auditedForPersonalReads`).
 */
export const ROLES = ['PUBLIC', 'AUDITOR', 'COURT', 'FINANCE', 'TRAINING', 'ORGANIZATION', 'ADMIN', 'CONSUMER', 'PERSONNEL'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is calling, as established by a verified token (or its absence). */
export class Caller {
  constructor(
    readonly id: string,
    readonly roles: ReadonlySet<Role>,
    /** The caller's own organization (ORGANIZATION role). */
    readonly uscc: string | null,
  ) {}

  static readonly anonymous = new Caller('anonymous', new Set<Role>(['PUBLIC']), null);

  get authenticated(): boolean {
    return this !== Caller.anonymous;
  }

  has(...roles: Role[]): boolean {
    return roles.some((role) => this.roles.has(role));
  }

  /** AUDITOR and ADMIN read personal data unmasked (and are audited for it). */
  get seesPersonalData(): boolean {
    return this.has('AUDITOR', 'ADMIN');
  }

  /**
   * Whose reads of personal fields are written to the audit log: those who see personal data
   * unmasked (AUDITOR, ADMIN), and PERSONNEL, which sees officials' dishonesty records in full.
   */
  get auditedForPersonalReads(): boolean {
    return this.seesPersonalData || this.has('PERSONNEL');
  }

  /** Throws unless the caller has one of the roles: UNAUTHENTICATED for anonymous, else FORBIDDEN. */
  require(...roles: Role[]): void {
    if (this.has(...roles)) return;
    const names = roles.join(' / ');
    if (!this.authenticated) {
      throw errors.unauthenticated(`此操作需要登录，角色为 ${names}`, `this operation needs a token with role ${names}`);
    }
    throw errors.forbidden(`此操作需要角色 ${names}`, `this operation needs role ${names}`);
  }

  /** ORGANIZATION callers act for their own unit only; the listed roles may act for any unit. */
  requireOwnUnit(uscc: string, ...privilegedRoles: Role[]): void {
    if (privilegedRoles.length > 0 && this.has(...privilegedRoles)) return;
    this.require('ORGANIZATION');
    if (this.uscc !== uscc) {
      throw errors.forbidden(`只能操作本单位（${this.uscc}）的数据`, `an ORGANIZATION caller may act only for its own unit (${this.uscc})`);
    }
  }
}

let cachedKey: { secret: string; key: Uint8Array } | null = null;
function signingKey(): Uint8Array {
  const secret = config.jwtSecret();
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: new TextEncoder().encode(secret) };
  return cachedKey.key;
}

/** How far ahead of ours an issuer's clock may run: an `iat` later than now + this is refused. */
export const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * Verifies an `Authorization` header value. No header → anonymous PUBLIC caller.
 * A header that is present but not a valid, unexpired HS256 token from this deployment is
 * UNAUTHENTICATED: a bad token never silently degrades to a different identity. "From this
 * deployment" means: signed with CREDIT_JWT_SECRET; `iss` and `aud` as configured
 * (CREDIT_JWT_ISSUER, CREDIT_JWT_AUDIENCE); issued (`iat`, required) not in the future; and a
 * lifetime exp − iat of at most CREDIT_JWT_MAX_LIFETIME (24 h by default), so a stolen token
 * cannot be minted to last for centuries.
 */
export async function callerFromAuthorization(header: string | undefined | null): Promise<Caller> {
  if (!header) return Caller.anonymous;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) {
    throw errors.unauthenticated('Authorization 头格式应为 "Bearer <令牌>"', 'the Authorization header must be "Bearer <token>"');
  }
  const payload = await verifiedClaims(match[1]!);
  const roles = Array.isArray(payload.roles) ? payload.roles : [];
  // PUBLIC is the absence of a token, never a role a token may claim.
  if (roles.length === 0 || !roles.every((role) => isRole(role) && role !== 'PUBLIC')) {
    throw errors.unauthenticated('令牌中的角色无效', `the token's roles are invalid; allowed: ${ROLES.join(', ')}`);
  }
  const uscc = typeof payload.uscc === 'string' ? payload.uscc : null;
  if (roles.includes('ORGANIZATION') && (uscc === null || !isUsccShaped(uscc))) {
    throw errors.unauthenticated('ORGANIZATION 角色的令牌必须带有本单位统一社会信用代码 (uscc)', 'an ORGANIZATION token must carry the unit\'s USCC in the uscc claim');
  }
  return new Caller(payload.sub!, new Set<Role>(['PUBLIC', ...roles]), uscc);
}

/** The signature first (claims of a token that is not ours are never discussed), then the claims. */
async function verifiedClaims(token: string): Promise<JWTPayload & { sub: string; exp: number; iat: number }> {
  const issuer = config.jwtIssuer();
  const audience = config.jwtAudience();
  const maxLifetime = config.jwtMaxLifetimeSeconds();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, signingKey(), { algorithms: ['HS256'], requiredClaims: ['sub', 'exp', 'iat'], issuer, audience }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      throw errors.unauthenticated('令牌已过期', 'the token has expired');
    }
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      if (error.claim === 'iat') {
        throw errors.unauthenticated('令牌必须带有数值型签发时间 iat', 'the token must carry its issue time as a numeric iat claim');
      }
      if (error.claim === 'iss') {
        throw errors.unauthenticated('令牌的签发方 iss 不是本平台', 'the token\'s iss claim is missing or is not this deployment\'s issuer');
      }
      if (error.claim === 'aud') {
        throw errors.unauthenticated('令牌的受众 aud 不包括本平台', 'the token\'s aud claim is missing or does not name this deployment');
      }
      if (error.claim === 'nbf') {
        throw errors.unauthenticated('令牌尚未生效 nbf', 'the token is not valid yet (nbf)');
      }
    }
    throw errors.unauthenticated('令牌无效（签名或内容无法验证）', 'the token is invalid (signature or claims could not be verified)');
  }
  const { iat, exp } = payload as { iat: number; exp: number };
  // The caller's identity names every audit entry: an empty or blank sub is no identity.
  if (typeof payload.sub !== 'string' || payload.sub.trim() === '' || payload.sub.length > 200) {
    throw errors.unauthenticated('令牌的主体 sub 不能为空且不超过200字符', 'the token\'s sub must be a non-empty identity of at most 200 characters');
  }
  const now = Math.floor(Date.now() / 1000);
  if (iat > now + CLOCK_TOLERANCE_SECONDS) {
    throw errors.unauthenticated(`令牌的签发时间 iat 晚于当前时间 ${iat - now} 秒`, `the token's iat is ${iat - now} s in the future`);
  }
  if (exp - iat > maxLifetime) {
    throw errors.unauthenticated(
      `令牌有效期过长：exp − iat 为 ${exp - iat} 秒，上限为 ${maxLifetime} 秒`,
      `the token's lifetime exp − iat is ${exp - iat} s, longer than the maximum ${maxLifetime} s (CREDIT_JWT_MAX_LIFETIME)`,
    );
  }
  return payload as JWTPayload & { sub: string; exp: number; iat: number };
}

export interface TokenClaims {
  sub: string;
  roles: Role[];
  uscc?: string;
  /** Lifetime, in jose's notation ("8h", "30m") or seconds since the epoch. */
  expiresIn?: string | number;
}

/**
 * Signs a token with this deployment's secret (development tokens, tests), with its `iss` and
 * `aud` when configured. It refuses to sign a lifetime that verification would refuse.
 */
export async function signToken(claims: TokenClaims): Promise<string> {
  const jwt = new SignJWT({ roles: claims.roles, ...(claims.uscc ? { uscc: claims.uscc } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '8h');
  const issuer = config.jwtIssuer();
  const audience = config.jwtAudience();
  if (issuer) jwt.setIssuer(issuer);
  if (audience) jwt.setAudience(audience);
  const token = await jwt.sign(signingKey());
  const { iat, exp } = decodeJwt(token) as { iat: number; exp: number };
  const maxLifetime = config.jwtMaxLifetimeSeconds();
  if (exp - iat > maxLifetime) {
    throw new Error(`a token may live ${maxLifetime} s at most (CREDIT_JWT_MAX_LIFETIME); ${claims.expiresIn} is ${exp - iat} s (令牌有效期超过上限)`);
  }
  return token;
}
