// The forged-token matrix of security issue 13: tokens an attacker can make (or bend), sent to
// the gateway and to every subgraph directly. Each one must be refused — 401 / 403 or
// UNAUTHENTICATED / FORBIDDEN without data — never served as any identity, never answered with
// a 5xx. Tokens in places the platform does not read (query string, cookie) and role headers
// must change nothing: the answer equals the one without them.
import { createHmac, randomBytes } from 'node:crypto';
import { EncryptJWT, SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { buildDemoRegistry } from '../demo-data/heihe.js';
import { config, DEVELOPMENT_JWT_SECRET, gatewaySignedBody, officialPseudonym, signToken } from '../../subgraphs/kit/index.js';
import { send, table, HANG_MS, type WireRequest, type WireResponse } from './fuzz.js';

export type Expectation =
  /** 401/403, or UNAUTHENTICATED/FORBIDDEN without data. */
  | 'refused'
  /** Not read at all: the answer equals the baseline's (anonymous unless said otherwise). */
  | 'ignored'
  /** A token of this deployment in an odd form: refused, or served as exactly its own identity — never another. */
  | 'own-identity-or-refused';

export interface TokenVariant {
  id: string;
  description: string;
  expect: Expectation;
  /** Authorization header value(s); two values are sent as two headers. */
  authorization?: string | string[];
  headers?: Array<[string, string]>;
  /** Appended to the path (e.g. ?access_token=…). */
  query?: string;
  /** For 'ignored' and 'own-identity-or-refused': the Authorization whose answer is the baseline (none: anonymous). */
  baseline?: string;
}

const enc = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function hmac(alg: 'HS256' | 'HS384' | 'HS512', key: string | Buffer, signingInput: string): string {
  return createHmac(`sha${alg.slice(2)}`, key).update(signingInput).digest('base64url');
}

/** A compact JWS with any header and payload, signed by HMAC with any key. */
function hmacToken(header: Record<string, unknown>, payload: unknown, key: string | Buffer, alg: 'HS256' | 'HS384' | 'HS512' = 'HS256'): string {
  const input = `${enc(header)}.${enc(payload)}`;
  return `${input}.${hmac(alg, key, input)}`;
}

export interface MatrixContext {
  /** The deployment's secret, issuer and audience (as the stack under test uses them). */
  secret: string;
  issuer?: string;
  audience?: string;
  /** A registered unit, and another one. */
  uscc: string;
  otherUscc: string;
}

/** Every variant. Built fresh (iat = now) right before it is sent. */
export async function tokenVariants(ctx: MatrixContext): Promise<TokenVariant[]> {
  const now = Math.floor(Date.now() / 1000);
  const registered = { ...(ctx.issuer ? { iss: ctx.issuer } : {}), ...(ctx.audience ? { aud: ctx.audience } : {}) };
  const claims = (extra: Record<string, unknown> = {}) => ({ sub: 'attacker', roles: ['ADMIN'], iat: now, exp: now + 600, ...registered, ...extra });
  const without = (key: string, extra: Record<string, unknown> = {}) => {
    const c: Record<string, unknown> = claims(extra);
    delete c[key];
    return c;
  };
  const hs = { alg: 'HS256', typ: 'JWT' };
  const genuine = (payload: Record<string, unknown>) => hmacToken(hs, payload, ctx.secret);
  const auditor = await signToken({ sub: 'real-auditor', roles: ['AUDITOR'] });
  const organization = await signToken({ sub: 'real-unit', roles: ['ORGANIZATION'], uscc: ctx.uscc });
  const [aH, aP, aS] = auditor.split('.') as [string, string, string];
  const [oH, , oS] = organization.split('.') as [string, string, string];
  const auditorClaims = JSON.parse(Buffer.from(aP, 'base64url').toString('utf8')) as Record<string, unknown>;
  const forgedAdmin = hmacToken(hs, claims(), 'guessed-secret');

  const rsa = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256', { extractable: true });
  const rsaJwk = await exportJWK(rsa.publicKey);
  const rsaPem = await exportSPKI(rsa.publicKey);
  const rs = (header: Record<string, unknown>) => new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', ...header }).sign(rsa.privateKey);
  const tamperedAdmin = `${aH}.${enc({ ...auditorClaims, roles: ['ADMIN'] })}.${aS}`;

  const bearer = (token: string) => `Bearer ${token}`;
  const v = (id: string, description: string, authorization: string | string[], extra: Partial<TokenVariant> = {}): TokenVariant => ({ id, description, expect: 'refused', authorization, ...extra });

  return [
    // The signature and its algorithm.
    v('alg-none', 'alg "none", no signature', bearer(`${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims())}.`)),
    v('alg-none-mixed-case', 'alg "nOnE", no signature', bearer(`${enc({ alg: 'nOnE', typ: 'JWT' })}.${enc(claims())}.`)),
    v('alg-none-with-signature', 'alg "none" over a genuine token\'s signature', bearer(`${enc({ alg: 'none' })}.${aP}.${aS}`)),
    v('hs512-genuine-secret', 'HS512 with the deployment\'s secret (only HS256 is accepted)', bearer(hmacToken({ alg: 'HS512', typ: 'JWT' }, claims(), ctx.secret, 'HS512'))),
    v('hs384-genuine-secret', 'HS384 with the deployment\'s secret', bearer(hmacToken({ alg: 'HS384', typ: 'JWT' }, claims(), ctx.secret, 'HS384'))),
    v('rs256-attacker-key', 'RS256 signed with the attacker\'s RSA key', bearer(await rs({}))),
    v('rs256-embedded-jwk', 'RS256 with the attacker\'s public key embedded in the header (jwk)', bearer(await rs({ jwk: rsaJwk }))),
    v('hs256-public-key-as-secret', 'HS256 keyed with an RSA public key (PEM) — the RS/HS confusion', bearer(hmacToken({ alg: 'HS256', typ: 'JWT', jwk: rsaJwk }, claims(), rsaPem))),
    v('es256-attacker-key', 'ES256 signed with the attacker\'s EC key', bearer(await new SignJWT(claims()).setProtectedHeader({ alg: 'ES256' }).sign(ec.privateKey))),
    v('wrong-secret', 'HS256 with a guessed secret', bearer(forgedAdmin)),
    v('development-default-secret', 'HS256 with the development default secret from the repository', bearer(hmacToken(hs, claims(), DEVELOPMENT_JWT_SECRET))),
    v('empty-secret', 'HS256 with an empty key', bearer(hmacToken(hs, claims(), Buffer.alloc(0)))),
    v('null-signature', 'HS256 header, empty signature', bearer(`${enc(hs)}.${enc(claims())}.`)),
    v('zero-signature', 'HS256, 32 zero bytes as signature', bearer(`${enc(hs)}.${enc(claims())}.${Buffer.alloc(32).toString('base64url')}`)),
    v('literal-null-signature', 'the signature "null"', bearer(`${enc(hs)}.${enc(claims())}.null`)),
    // A genuine token, bent.
    v('tampered-roles', 'a genuine AUDITOR token with roles changed to ADMIN, original signature', bearer(tamperedAdmin)),
    v('tampered-uscc', 'a genuine ORGANIZATION token moved to another unit, original signature', bearer(`${oH}.${enc({ ...JSON.parse(Buffer.from(organization.split('.')[1]!, 'base64url').toString('utf8')), uscc: ctx.otherUscc })}.${oS}`)),
    v('tampered-sub', 'a genuine token with another subject, original signature', bearer(`${aH}.${enc({ ...auditorClaims, sub: 'someone-else' })}.${aS}`)),
    v('tampered-exp', 'a genuine token with exp pushed a day later, original signature', bearer(`${aH}.${enc({ ...auditorClaims, exp: (auditorClaims.exp as number) + 86400 })}.${aS}`)),
    v('swapped-signature', 'forged ADMIN claims with a genuine token\'s signature', bearer(`${enc(hs)}.${enc(claims())}.${aS}`)),
    v('padding-tampered', 'the tampered ADMIN token with base64 "=" padding on every part', bearer(tamperedAdmin.split('.').map((p) => `${p}=`).join('.'))),
    v('standard-base64-tampered', 'the tampered ADMIN token in standard base64 (+ / =)', bearer(tamperedAdmin.split('.').map((p) => Buffer.from(p, 'base64url').toString('base64')).join('.'))),
    // Claims this deployment refuses, signed with its own secret.
    v('expired', 'expired a minute ago', bearer(genuine(claims({ iat: now - 660, exp: now - 60 })))),
    v('exp-year-2500', 'exp in the year 2500', bearer(genuine(claims({ exp: Date.UTC(2500, 0, 1) / 1000 })))),
    v('lifetime-one-second-over', 'exp − iat one second over the 24 h maximum', bearer(genuine(claims({ exp: now + 86401 })))),
    v('missing-exp', 'no exp', bearer(genuine(without('exp')))),
    v('missing-iat', 'no iat', bearer(genuine(without('iat')))),
    v('iat-future', 'iat an hour in the future', bearer(genuine(claims({ iat: now + 3600, exp: now + 4000 })))),
    v('iat-string', 'iat as a string', bearer(genuine(claims({ iat: String(now) })))),
    v('exp-string', 'exp as a string', bearer(genuine(claims({ exp: String(now + 600) })))),
    v('nbf-future', 'nbf an hour in the future', bearer(genuine(claims({ nbf: now + 3600 })))),
    v('unknown-role', 'roles ["SUPERUSER"]', bearer(genuine(claims({ roles: ['SUPERUSER'] })))),
    v('empty-roles', 'roles []', bearer(genuine(claims({ roles: [] })))),
    v('roles-not-array', 'roles "ADMIN" (a string)', bearer(genuine(claims({ roles: 'ADMIN' })))),
    v('roles-object', 'roles {"0": "ADMIN"}', bearer(genuine(claims({ roles: { 0: 'ADMIN' } })))),
    v('roles-mixed', 'roles ["ADMIN", "ROOT"]', bearer(genuine(claims({ roles: ['ADMIN', 'ROOT'] })))),
    v('organization-without-uscc', 'ORGANIZATION without uscc', bearer(genuine(claims({ roles: ['ORGANIZATION'] })))),
    v('organization-uscc-short', 'ORGANIZATION with uscc "9123" (LENGTH)', bearer(genuine(claims({ roles: ['ORGANIZATION'], uscc: '9123' })))),
    v('organization-uscc-charset', 'ORGANIZATION with a uscc of forbidden characters (CHARSET)', bearer(genuine(claims({ roles: ['ORGANIZATION'], uscc: '91231100MB1A0000OI' })))),
    v('organization-uscc-number', 'ORGANIZATION with uscc as a number', bearer(genuine(claims({ roles: ['ORGANIZATION'], uscc: 912311001 })))),
    v('missing-sub', 'no sub', bearer(genuine(without('sub')))),
    ...(ctx.issuer ? [
      v('foreign-iss', 'iss of another issuer', bearer(genuine(claims({ iss: 'https://evil.example' })))),
      v('missing-iss', 'no iss', bearer(genuine(without('iss')))),
    ] : []),
    ...(ctx.audience ? [
      v('foreign-aud', 'aud of another system', bearer(genuine(claims({ aud: 'another-system' })))),
      v('missing-aud', 'no aud', bearer(genuine(without('aud')))),
    ] : []),
    v('payload-not-object', 'a JSON array as the claims, deployment secret', bearer(hmacToken(hs, ['ADMIN'], ctx.secret))),
    v('crit-unknown', 'an unknown critical header parameter, deployment secret', bearer(hmacToken({ alg: 'HS256', crit: ['x-evil'], 'x-evil': 1 }, claims(), ctx.secret))),
    v('b64-false', 'unencoded payload (b64: false), deployment secret', bearer(hmacToken({ alg: 'HS256', b64: false, crit: ['b64'] }, claims(), ctx.secret))),
    // Header tricks.
    v('kid-path-traversal', 'kid "../../../../dev/null", empty key', bearer(hmacToken({ ...hs, kid: '../../../../dev/null' }, claims(), Buffer.alloc(0)))),
    v('kid-sql-injection', 'kid with SQL, signed with the value the SQL would select', bearer(hmacToken({ ...hs, kid: "x' UNION SELECT 'k' --" }, claims(), 'k'))),
    v('jku-header', 'RS256 with jku pointing at a key set the attacker controls', bearer(await rs({ jku: 'http://127.0.0.1:9/jwks.json', kid: 'attacker' }))),
    v('x5u-header', 'RS256 with x5u pointing at a certificate the attacker controls', bearer(await rs({ x5u: 'http://127.0.0.1:9/cert.pem' }))),
    v('jwe-five-parts', 'an encrypted JWT (JWE, 5 parts, dir + A256GCM)', bearer(await new EncryptJWT(claims()).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(randomBytes(32)))),
    v('jwe-looking-garbage', 'five dot-separated parts of garbage', bearer('eyJhbGciOiJkaXIifQ.a.b.c.d')),
    v('two-parts', 'header and payload only', bearer(`${enc(hs)}.${enc(claims())}`)),
    v('four-parts', 'a genuine token with a fourth part', bearer(`${auditor}.x`)),
    v('very-long', 'an 8 kB forged token', bearer(hmacToken(hs, claims({ pad: 'x'.repeat(6000) }), 'guessed-secret'))),
    v('non-ascii', 'latin-1 bytes inside the token', `Bearer ${enc(hs)}.\u00e4\u00f6\u00fc${enc(claims())}.\u00ff\u00fe`),
    v('json-as-token', 'a JSON object instead of a token', 'Bearer {"roles":["ADMIN"],"sub":"root"}'),
    v('bearer-null', 'the token "null"', 'Bearer null'),
    // The header around the token.
    v('whitespace-inside-token', 'a space inside a genuine token', `Bearer ${aH}. ${aP}.${aS}`),
    v('extra-whitespace-forged', 'spaces and a tab around a forged token', `  Bearer \t  ${forgedAdmin}   `),
    v('lowercase-bearer-forged', 'lowercase "bearer" and a forged token', `bearer ${forgedAdmin}`),
    v('uppercase-bearer-forged', 'uppercase "BEARER" and a forged token', `BEARER ${forgedAdmin}`),
    v('no-scheme', 'a genuine token without "Bearer"', auditor),
    v('basic-scheme', 'a genuine token under the Basic scheme', `Basic ${auditor}`),
    v('token-scheme', 'a genuine token under a "Token" scheme', `Token ${auditor}`),
    v('bearer-only', '"Bearer" without a token', 'Bearer'),
    v('two-tokens', 'a genuine AUDITOR token and a forged ADMIN one in one header', `Bearer ${auditor} ${forgedAdmin}`),
    v('two-tokens-comma', 'two Bearer credentials separated by a comma', `Bearer ${auditor}, Bearer ${forgedAdmin}`),
    v('two-authorization-headers', 'two Authorization headers: a forged ADMIN token first, a genuine AUDITOR one second', [bearer(forgedAdmin), bearer(auditor)]),
    // Where the platform does not look.
    { id: 'token-in-query-string', description: 'a genuine AUDITOR token as ?access_token= (no header)', expect: 'ignored', query: `?access_token=${auditor}&token=${auditor}&jwt=${auditor}` },
    { id: 'token-in-cookie', description: 'a genuine AUDITOR token in cookies (no header)', expect: 'ignored', headers: [['cookie', `token=${auditor}; access_token=${auditor}; jwt=${auditor}`]] },
    {
      id: 'role-headers', description: 'x-role / x-roles / x-user-roles … ADMIN, no token', expect: 'ignored',
      headers: [['x-role', 'ADMIN'], ['x-roles', 'ADMIN,AUDITOR'], ['x-user-roles', '["ADMIN"]'], ['x-credit-roles', 'ADMIN'], ['x-caller', '{"sub":"root","roles":["ADMIN"]}'], ['x-user-id', 'root'], ['x-uscc', ctx.otherUscc]],
    },
    {
      id: 'role-headers-with-token', description: 'role headers ADMIN beside a genuine ORGANIZATION token', expect: 'ignored', authorization: bearer(organization), baseline: bearer(organization),
      headers: [['x-role', 'ADMIN'], ['x-roles', 'ADMIN'], ['x-user-roles', 'ADMIN'], ['x-uscc', ctx.otherUscc]],
    },
    // Tokens of this deployment in odd forms: what they may do is be themselves.
    { id: 'genuine-signature-padding', description: 'a genuine AUDITOR token with "=" after its signature', expect: 'own-identity-or-refused', authorization: bearer(`${auditor}=`), baseline: bearer(auditor) },
    { id: 'genuine-lowercase-bearer', description: 'a genuine AUDITOR token after lowercase "bearer"', expect: 'own-identity-or-refused', authorization: `bearer ${auditor}`, baseline: bearer(auditor) },
    { id: 'public-role-token', description: 'roles ["PUBLIC"], deployment secret', expect: 'own-identity-or-refused', authorization: bearer(genuine(claims({ roles: ['PUBLIC'] }))) },
    { id: 'empty-sub', description: 'sub "" with role AUDITOR, deployment secret', expect: 'own-identity-or-refused', authorization: bearer(genuine(claims({ sub: '', roles: ['AUDITOR'] }))), baseline: bearer(auditor) },
  ];
}

// ───────────────────────────── probes ─────────────────────────────

export interface Probe {
  query: string;
  variables?: Record<string, unknown>;
  /** A role this probe answers with data (the control). */
  controlRole: 'AUDITOR' | 'COURT' | 'FINANCE' | 'TRAINING' | 'ADMIN';
}

/** Per target: a request whose answer shows who the caller was taken for. */
export function probes(sampleOfficialPseudonym: string): Record<string, Probe> {
  const official: Probe = { query: 'query Probe($id: ID!) { official(id: $id) { name idNumber phone } }', variables: { id: sampleOfficialPseudonym }, controlRole: 'AUDITOR' };
  return {
    gateway: official,
    registry: official,
    commitments: { query: '{ commitmentComplaints(first: 1) { totalCount } }', controlRole: 'AUDITOR' },
    'court-debtors': { query: 'mutation { importDebtorRecords(records: []) { accepted } }', controlRole: 'COURT' },
    contracts: { query: 'mutation { importContracts(rows: []) { accepted } }', controlRole: 'FINANCE' },
    training: { query: 'mutation { importTrainingAttendance(rows: []) { accepted } }', controlRole: 'TRAINING' },
    evaluation: { query: '{ integrityRuleSets { __typename } }', controlRole: 'AUDITOR' },
  };
}

// ───────────────────────────── running the matrix ─────────────────────────────

export interface MatrixTarget {
  /** Column name: the process, with " (signed)" for requests signed as the gateway signs them. */
  name: string;
  /** The process (gateway or a subgraph's name): which probe to send. */
  process: string;
  url: string;
  /**
   * Sign the request as the gateway does (CREDIT_GATEWAY_SECRET): what a subgraph does with a
   * token the gateway forwarded. Unsigned requests to a subgraph are an outsider at its door.
   */
  signed?: boolean;
}

export interface MatrixCell {
  variant: string;
  target: string;
  expect: Expectation;
  status: number;
  codes: string[];
  hasData: boolean;
  /** refused | same-as-baseline | answered (differs from the baseline) | server-error | hang | no-answer */
  outcome: string;
  /** A personal value of the probe's official in the answer (only an AUDITOR/ADMIN answer has them). */
  leak: boolean;
  pass: boolean;
  received: string;
}

export interface ControlCell {
  target: string;
  role: string;
  status: number;
  codes: string[];
  /** The probe answered with data for a genuine token (else: refused, e.g. a subgraph that requires the gateway's signature). */
  served: boolean;
  /** For the official probe: the genuine AUDITOR token saw the unmasked ID number (the probe can show a leak). */
  sawPersonalData: boolean | null;
}

export interface MatrixReport {
  variants: Array<{ id: string; description: string; expect: Expectation }>;
  cells: MatrixCell[];
  controls: ControlCell[];
}

interface Parsed {
  status: number;
  codes: string[];
  hasData: boolean;
  canonical: string;
  text: string;
  hang: boolean;
}

function parse(response: WireResponse): Parsed {
  const text = response.body.toString('utf8');
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  const errors: any[] = Array.isArray(json?.errors) ? json.errors : [];
  return {
    status: response.status,
    codes: errors.map((e) => String(e?.extensions?.code ?? '(no code)')),
    hasData: json?.data !== undefined && json?.data !== null,
    // Top-level extensions (the cost estimate and the budget, which depends on whether a token verified) are not the answer.
    canonical: json ? JSON.stringify({ ...json, extensions: undefined }) : text,
    text,
    hang: !!response.hang,
  };
}

async function ask(target: MatrixTarget, probe: Probe, options: { authorization?: string | string[]; headers?: Array<[string, string]>; query?: string }): Promise<Parsed> {
  const url = new URL(target.url);
  const headers: Array<[string, string]> = [['content-type', 'application/json'], ...(options.headers ?? [])];
  for (const value of [options.authorization ?? []].flat()) headers.push(['authorization', value]);
  const req: WireRequest = {
    index: -1, target: target.name, kind: 'token', method: 'POST', path: `${url.pathname}${options.query ?? ''}`, headers,
    body: Buffer.from(target.signed ? gatewaySignedBody(probe.query, probe.variables ?? {}) : JSON.stringify({ query: probe.query, variables: probe.variables ?? {} })),
  };
  return parse(await send(url.origin, req, HANG_MS));
}

export interface MatrixOptions {
  targets: MatrixTarget[];
  variants: TokenVariant[];
  probes: Record<string, Probe>;
  /** Personal values of the probe's official: none may appear in an answer to a refused or ignored variant. */
  personal: string[];
  /** A genuine token per role, to check the probes (controls). */
  tokenFor(role: Probe['controlRole']): Promise<string>;
}

export async function runTokenMatrix(options: MatrixOptions): Promise<MatrixReport> {
  const cells: MatrixCell[] = [];
  const controls: ControlCell[] = [];
  const fallback: Probe = { query: '{ __typename }', controlRole: 'AUDITOR' };
  for (const target of options.targets) {
    const probe = options.probes[target.process] ?? fallback;
    const baselines = new Map<string, Parsed>();
    const baseline = async (authorization?: string) => {
      const key = authorization ?? '';
      if (!baselines.has(key)) baselines.set(key, await ask(target, probe, { authorization }));
      return baselines.get(key)!;
    };
    const control = await ask(target, probe, { authorization: `Bearer ${await options.tokenFor(probe.controlRole)}` });
    controls.push({
      target: target.name, role: probe.controlRole, status: control.status, codes: control.codes,
      served: control.hasData && control.codes.length === 0,
      sawPersonalData: probe.query.includes('idNumber') ? options.personal.some((p) => control.text.includes(p)) : null,
    });
    for (const variant of options.variants) {
      const answer = await ask(target, probe, variant);
      const leak = options.personal.some((p) => answer.text.includes(p));
      const refused = answer.status === 401 || answer.status === 403
        || (!answer.hasData && answer.codes.length > 0 && answer.codes.every((c) => c === 'UNAUTHENTICATED' || c === 'FORBIDDEN'));
      // What the same probe gets without the variant (anonymous, or the genuine token named as baseline).
      const base = variant.expect === 'refused' ? null : await baseline(variant.baseline);
      let outcome: string;
      if (answer.hang) outcome = 'hang';
      else if (answer.status === 0) outcome = 'no-answer';
      else if (answer.status >= 500) outcome = refused ? 'refused-with-5xx' : 'server-error';
      else if (base && answer.status === base.status && answer.canonical === base.canonical) outcome = 'same-as-baseline';
      else if (refused) outcome = 'refused';
      else outcome = 'answered';
      let pass: boolean;
      if (variant.expect === 'refused') pass = outcome === 'refused' && !leak;
      else if (variant.expect === 'ignored') pass = outcome === 'same-as-baseline' && (variant.baseline !== undefined || !leak);
      else pass = (outcome === 'refused' || outcome === 'same-as-baseline') && (variant.baseline !== undefined || !leak);
      cells.push({
        variant: variant.id, target: target.name, expect: variant.expect, status: answer.status, codes: answer.codes, hasData: answer.hasData,
        outcome, leak, pass, received: answer.text.replace(/\s+/g, ' ').slice(0, 200),
      });
    }
  }
  return { variants: options.variants.map(({ id, description, expect }) => ({ id, description, expect })), cells, controls };
}

/**
 * The matrix for a stack started with these settings: variants, probes and controls from the demo
 * data. Each subgraph is asked twice: directly (unsigned) and signed as the gateway signs.
 */
export async function tokenMatrixFor(processes: Array<{ name: string; url: string; kind: 'gateway' | 'subgraph' }>): Promise<MatrixReport> {
  const targets: MatrixTarget[] = processes.flatMap((p) => p.kind === 'gateway'
    ? [{ name: p.name, process: p.name, url: p.url }]
    : [{ name: p.name, process: p.name, url: p.url }, { name: `${p.name} (signed)`, process: p.name, url: p.url, signed: true }]);
  const registry = buildDemoRegistry();
  const official = registry.officials[42]!;
  const units = registry.organizations.filter((o) => !o.classified);
  const variants = await tokenVariants({
    secret: config.jwtSecret(), issuer: config.jwtIssuer(), audience: config.jwtAudience(),
    uscc: official.organizationUscc, otherUscc: units.find((o) => o.uscc !== official.organizationUscc)!.uscc,
  });
  return runTokenMatrix({
    targets, variants, probes: probes(officialPseudonym(official.idNumber)),
    personal: [official.idNumber, official.phone, official.name],
    tokenFor: (role) => signToken({ sub: `control-${role.toLowerCase()}`, roles: [role] }),
  });
}

/** Authorization values of the 'refused' variants, for the fuzzer's broken tokens. */
export function brokenAuthorizations(variants: TokenVariant[]): string[] {
  return variants.filter((v) => v.expect === 'refused' && typeof v.authorization === 'string').map((v) => v.authorization as string);
}

export function formatMatrix(report: MatrixReport): string {
  const targets = [...new Set(report.cells.map((c) => c.target))];
  const rows = report.variants.map((variant) => [
    variant.id, variant.expect,
    ...targets.map((t) => {
      const cell = report.cells.find((c) => c.variant === variant.id && c.target === t)!;
      const mark = cell.pass ? '' : ' ✗';
      return `${cell.status}${cell.outcome === 'same-as-baseline' ? ' =' : ''}${cell.codes[0] ? ` ${cell.codes[0]}` : ''}${mark}`;
    }),
  ]);
  const refused = report.variants.filter((v) => v.expect === 'refused').length;
  const out = [table(['variant', 'expect', ...targets], rows), ''];
  out.push(table(['target', 'forged variants refused', 'of them with HTTP 5xx', 'served or leaked', 'other variants as expected'], targets.map((t) => {
    const mine = report.cells.filter((c) => c.target === t);
    const forged = mine.filter((c) => c.expect === 'refused');
    const others = mine.filter((c) => c.expect !== 'refused');
    return [
      t, `${forged.filter((c) => c.outcome === 'refused' || c.outcome === 'refused-with-5xx').length}/${forged.length}`,
      forged.filter((c) => c.status >= 500).length, forged.filter((c) => c.hasData || c.leak).length, `${others.filter((c) => c.pass).length}/${others.length}`,
    ];
  })));
  out.push('');
  out.push(table(['control (genuine token)', 'role', 'status', 'served', 'saw personal data'], report.controls.map((c) => [c.target, c.role, c.status, c.served ? 'yes' : `no (${c.codes.join(', ')})`, c.sawPersonalData === null ? '' : c.sawPersonalData ? 'yes' : 'no'])));
  out.push('');
  const failed = report.cells.filter((c) => !c.pass);
  out.push(`${report.variants.length} variants (${refused} that must be refused) × ${targets.length} targets = ${report.cells.length} requests; ${report.cells.length - failed.length} as expected, ${failed.length} not`);
  for (const cell of failed) out.push(`  ✗ ${cell.variant} → ${cell.target}: ${cell.status} ${cell.outcome}${cell.leak ? ' LEAK' : ''}: ${cell.received.slice(0, 160)}`);
  return out.join('\n');
}
