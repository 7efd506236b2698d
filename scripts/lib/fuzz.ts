// The fuzzer of security issue 13: hostile HTTP and GraphQL against a real, seeded stack — the
// gateway and every subgraph called directly. Requests are generated from a seed (request i
// from its own generator, so the run does not depend on concurrency) and from the schema each
// process reports by introspection. What counts as a failure: any HTTP 5xx, an answer that
// takes longer than 15 s, a process that exits. Every 4xx is an acceptable refusal.
//
// Used by scripts/fuzz.ts (the full run, figures in docs/security.md) and by
// test/e2e/fuzz.e2e.test.ts (a small run in CI).
import { request as httpRequest, Agent, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { gzipSync, deflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { getIntrospectionQuery, type IntrospectionQuery, type IntrospectionTypeRef } from 'graphql';
import { buildDemoCommitments } from '../demo-data/commitments.js';
import { buildDemoContracts } from '../demo-data/contracts.js';
import { buildDemoCourtDebtors } from '../demo-data/court-debtors.js';
import { buildDemoTraining } from '../demo-data/training.js';
import { buildDemoRegistry, weighted } from '../demo-data/heihe.js';
import { gatewaySignature, gatewaySignedBody, officialPseudonym, signToken, SIGNATURE_EXTENSION, type Role } from '../../subgraphs/kit/index.js';
import type { Stack, StackProcess } from './stack.js';

// ───────────────────────────── randomness ─────────────────────────────

/** mulberry32: small, fast, and the same sequence on every machine for a seed. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Request i's own generator: independent of how many requests ran before or beside it. */
  static forRequest(seed: number, index: number): Rng {
    const digest = createHash('sha256').update(`${seed}:${index}`).digest();
    return new Rng(digest.readUInt32LE(0));
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** 0 … n − 1 */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    return weighted(() => this.next(), entries);
  }

  subset<T>(items: readonly T[], max: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    const n = Math.min(copy.length, this.between(1, Math.max(1, max)));
    for (let i = 0; i < n; i++) out.push(copy.splice(this.int(copy.length), 1)[0]!);
    return out;
  }

  identifier(): string {
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_';
    let name = letters[this.int(letters.length)]!;
    for (let i = this.int(12); i > 0; i--) name += (letters + '0123456789')[this.int(63)]!;
    return name;
  }
}

// ───────────────────────────── HTTP on the wire ─────────────────────────────

/** One request as it goes on the wire. Headers are pairs: a name may repeat. */
export interface WireRequest {
  index: number;
  target: string;
  kind: string;
  method: string;
  path: string;
  headers: Array<[string, string]>;
  body?: Buffer;
  /** Bytes written to a socket as they are (malformed HTTP); method/path/headers then only describe it. */
  raw?: Buffer;
  /** The body carries the gateway's signature (a subgraph then treats it as coming through the gateway). */
  signed?: boolean;
}

export interface WireResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  ms: number;
  /** No complete answer within the timeout. */
  hang?: boolean;
  /** The connection failed without an HTTP answer (ECONNRESET after a refusal, …). */
  error?: string;
}

export const HANG_MS = 15_000;
const MAX_KEPT_BODY = 1024 * 1024;

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** Sends a request with node:http (any method, repeated headers, latin-1 header bytes). */
export function send(baseUrl: string, req: WireRequest, timeoutMs = HANG_MS): Promise<WireResponse> {
  if (req.raw) return sendRaw(baseUrl, req.raw, timeoutMs);
  const url = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (response: Omit<WireResponse, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...response, ms: performance.now() - started });
    };
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of req.headers) {
      const existing = headers[name];
      headers[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    }
    if (req.body && !req.headers.some(([n]) => n.toLowerCase() === 'content-length' || n.toLowerCase() === 'transfer-encoding')) {
      headers['content-length'] = String(req.body.length);
    }
    let outgoing: ReturnType<typeof httpRequest>;
    try {
      outgoing = httpRequest({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent, insecureHTTPParser: false });
    } catch (error) {
      // node refused to send it (an invalid header byte): a request that never left this process.
      resolve({ status: 0, headers: {}, body: Buffer.alloc(0), ms: 0, error: `CLIENT_${(error as NodeJS.ErrnoException).code ?? 'INVALID'}` });
      return;
    }
    const timer = setTimeout(() => {
      outgoing.destroy();
      finish({ status: 0, headers: {}, body: Buffer.alloc(0), hang: true });
    }, timeoutMs);
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        if (size < MAX_KEPT_BODY) chunks.push(chunk);
        size += chunk.length;
      });
      incoming.on('end', () => finish({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) }));
      incoming.on('error', (error) => finish({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks), error: (error as NodeJS.ErrnoException).code ?? error.message }));
      incoming.on('aborted', () => finish({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks), error: 'ABORTED' }));
    });
    outgoing.on('error', (error) => finish({ status: 0, headers: {}, body: Buffer.alloc(0), error: (error as NodeJS.ErrnoException).code ?? error.message }));
    outgoing.end(req.body);
  });
}

/** Raw bytes over a fresh socket; the answer is read until it is complete or the server closes. */
function sendRaw(baseUrl: string, raw: Buffer, timeoutMs: number): Promise<WireResponse> {
  const url = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (extra: Partial<WireResponse> = {}) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parseRawResponse(received), ms: performance.now() - started, ...extra });
    };
    const timer = setTimeout(() => finish(received.length ? {} : { hang: true, status: 0 }), timeoutMs);
    socket.on('connect', () => socket.end(raw));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (rawResponseComplete(received)) finish();
    });
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', (error: NodeJS.ErrnoException) => finish(received.length ? {} : { status: 0, error: error.code ?? error.message }));
  });
}

function splitRaw(buffer: Buffer): { head: string; body: Buffer } | null {
  let offset = 0;
  // 1xx answers come before the final one.
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n', offset);
    if (end < 0) return null;
    const head = buffer.subarray(offset, end).toString('latin1');
    if (/^HTTP\/1\.[01] 1\d\d/.test(head)) {
      offset = end + 4;
      continue;
    }
    return { head, body: buffer.subarray(end + 4) };
  }
}

function rawResponseComplete(buffer: Buffer): boolean {
  const parts = splitRaw(buffer);
  if (!parts) return false;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(parts.head);
  if (length) return parts.body.length >= Number(length[1]);
  if (/\r\ntransfer-encoding:\s*chunked/i.test(parts.head)) return parts.body.includes('0\r\n\r\n');
  return false;
}

function parseRawResponse(buffer: Buffer): Omit<WireResponse, 'ms'> {
  const parts = splitRaw(buffer);
  const head = parts?.head ?? buffer.toString('latin1');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  const headers: IncomingHttpHeaders = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = parts?.body ?? Buffer.alloc(0);
  if (/chunked/i.test(String(headers['transfer-encoding'] ?? ''))) body = dechunk(body);
  return status ? { status, headers, body } : { status: 0, headers, body, error: buffer.length ? 'UNPARSEABLE_RESPONSE' : 'EMPTY_RESPONSE' };
}

function dechunk(body: Buffer): Buffer {
  const out: Buffer[] = [];
  let offset = 0;
  while (offset < body.length) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(out);
}

/** `extensions.code` of every error in a JSON answer (a batch answer too), or null when the body is not JSON. */
export function errorCodes(response: WireResponse): string[] | null {
  const text = response.body.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const codes: string[] = [];
  for (const answer of Array.isArray(json) ? json : [json]) {
    const errors = (answer as { errors?: unknown })?.errors;
    if (!Array.isArray(errors)) continue;
    for (const error of errors) codes.push(String((error as { extensions?: { code?: unknown } })?.extensions?.code ?? '(no code)'));
  }
  return codes;
}

export function isJson(response: WireResponse): boolean {
  if (response.body.length === 0) return false;
  try {
    JSON.parse(response.body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

// ───────────────────────────── the schema, as each process reports it ─────────────────────────────

interface TypeInfo {
  kind: string;
  name: string;
  fields: Array<{ name: string; args: InputInfo[]; type: IntrospectionTypeRef }>;
  inputFields: InputInfo[];
  enumValues: string[];
  possibleTypes: string[];
}
interface InputInfo {
  name: string;
  type: IntrospectionTypeRef;
}

export interface SchemaModel {
  types: Map<string, TypeInfo>;
  query?: string;
  mutation?: string;
  /** Types the subgraph resolves through `_entities` (members of `_Entity`). */
  entities: string[];
  /** Where the schema came from: introspection of the target itself, or the gateway's. */
  source: string;
}

export function schemaModel(introspection: IntrospectionQuery, source: string): SchemaModel {
  const types = new Map<string, TypeInfo>();
  for (const t of introspection.__schema.types) {
    const any = t as any;
    types.set(t.name, {
      kind: t.kind,
      name: t.name,
      fields: (any.fields ?? []).map((f: any) => ({ name: f.name, args: f.args.map((a: any) => ({ name: a.name, type: a.type })), type: f.type })),
      inputFields: (any.inputFields ?? []).map((f: any) => ({ name: f.name, type: f.type })),
      enumValues: (any.enumValues ?? []).map((v: any) => v.name),
      possibleTypes: (any.possibleTypes ?? []).map((p: any) => p.name),
    });
  }
  return {
    types,
    query: introspection.__schema.queryType?.name,
    mutation: introspection.__schema.mutationType?.name ?? undefined,
    entities: types.get('_Entity')?.possibleTypes ?? [],
    source,
  };
}

/**
 * Introspects a GraphQL endpoint; null when it does not answer introspection (e.g. production).
 * A subgraph answers only what the gateway signed: `signed` signs the request as the gateway does.
 */
export async function introspect(url: string, options: { signed?: boolean } = {}): Promise<IntrospectionQuery | null> {
  const base = new URL(url);
  const response = await send(base.origin, {
    index: -1, target: 'introspection', kind: 'setup', method: 'POST', path: base.pathname,
    headers: [['content-type', 'application/json']],
    body: Buffer.from(options.signed ? gatewaySignedBody(getIntrospectionQuery()) : JSON.stringify({ query: getIntrospectionQuery() })),
  }, 60_000);
  try {
    const json = JSON.parse(response.body.toString('utf8')) as { data?: IntrospectionQuery };
    return json.data?.__schema ? json.data : null;
  } catch {
    return null;
  }
}

// ───────────────────────────── values from the demo world ─────────────────────────────

/** Real keys of the demo data (deterministic), so some fuzzed requests reach real rows. */
export interface ValuePools {
  usccs: string[];
  regionCodes: string[];
  pseudonyms: string[];
  idNumbers: string[];
  phones: string[];
  ids: string[];
  caseNumbers: string[];
  names: string[];
}

export function demoPools(): ValuePools {
  const registry = buildDemoRegistry();
  const commitments = buildDemoCommitments(registry);
  const contracts = buildDemoContracts(registry);
  const courts = buildDemoCourtDebtors(registry);
  const training = buildDemoTraining(registry);
  const every = <T>(items: readonly T[], n: number) => items.filter((_, i) => i % Math.max(1, Math.floor(items.length / n)) === 0).slice(0, n);
  const officials = every(registry.officials, 200);
  return {
    usccs: every(registry.organizations, 300).map((o) => o.uscc).concat(registry.pilotCodes.slice(0, 5)),
    regionCodes: registry.regions.map((r) => r.code),
    pseudonyms: officials.map((o) => officialPseudonym(o.idNumber)),
    idNumbers: officials.slice(0, 50).map((o) => o.idNumber),
    phones: officials.slice(0, 20).map((o) => o.phone),
    names: officials.slice(0, 20).map((o) => o.name),
    ids: [
      ...every(commitments.letters, 40).map((l) => l.id),
      ...every(commitments.items, 40).map((i) => i.id),
      ...every(commitments.complaints, 20).map((c) => c.id),
      ...every(contracts.contracts, 40).map((c) => c.id),
      ...every(contracts.complaints, 20).map((c) => c.id),
      ...every(training.sessions, 30).map((s) => s.id),
      ...every(training.plans, 20).map((p) => p.id),
    ].filter((id): id is string => typeof id === 'string'),
    caseNumbers: every(courts.records, 60).map((r) => r.row.caseCode),
  };
}

// ───────────────────────────── hostile values ─────────────────────────────

const HOSTILE_STRINGS = [
  '', ' ', 'a', '0', '-1', '1e309', 'NaN', 'null', 'undefined', 'true', '{}', '[]', '{"a":1}',
  '%', '_', '%%', '%_%', '\\', '\\\\', "'", '"', '`', "' OR 1=1 --", '"; DROP TABLE organization; --', "1'; select sqlite_version(); --",
  '../../etc/passwd', '..\\..\\windows\\win.ini', '${jndi:ldap://127.0.0.1/a}', '{{7*7}}', '<script>alert(1)</script>', '<!--', ']]>',
  '\u0000', 'a\u0000b', '\u0007', '\u001b[31m', '\t', '\n', '\r\n', '\u2028', '\u202e黑河市\u202d', 'e\u0301\u0301\u0301', '\ufeff', '\ud800', '\udfff\ud800',
  '黑河市', '黑龙江省黑河市爱辉区人民政府', '王*明', '😀', '𠮷', 'Ａ', '９１', 'İ', 'ß', '\u00a0',
  '91231100MB1A00000X', '9123110', '91231100MB1A00000', '91231100MB1A000000X', '91231100mb1a00000x', '00000000000000000O', 'ZZZZZZZZZZZZZZZZZZ',
  '231100', '2311', '999999', '000000', '23110O', '-231100',
  '230102199001011234', '23010219900101123X', '000000000000000000',
  '2026-02-30', '2026-13-01', '9999-12-31', '0000-00-00', '2026-11-22T25:61:61Z', '1970-01-01', 'yesterday', '2026-11-22',
  '12345678.91', '-0.01', '0.001', '1e21', '99999999999999999999.99', '¥100',
  'AAAAAAAAAAAAAAAAAAAAAA==', 'eyJpZCI6IngifQ==', 'bnVsbA', '////', '=',
];

const SPOOF_HEADERS = [
  'x-role', 'x-roles', 'x-user-role', 'x-user-roles', 'x-credit-role', 'x-credit-roles', 'x-caller-roles', 'x-auth-roles',
  'x-forwarded-user', 'x-user-id', 'x-uscc', 'x-caller', 'x-hasura-role', 'remote-user', 'x-remote-user', 'x-authenticated-userid',
  'x-apollo-caller', 'x-gateway-verified', 'x-internal', 'x-credit-caller',
];
const SPOOF_VALUES = ['ADMIN', 'AUDITOR', 'ADMIN,AUDITOR', '["ADMIN"]', '{"roles":["ADMIN"],"sub":"root"}', 'root', 'true', '1', '91231100MB1A00000X'];

const ROUTES = [
  '/graphql', '/graphql/', '/GRAPHQL', '/Graphql', '//graphql', '/graphql//', '/graphql%00', '/graphql;a=b', '/graphql.json', '/graphql?',
  '/healthz', '/readyz', '/metrics', '/metrics?name[]=x', '/audit', '/audit?after=-1', '/audit?after=1e3&limit=9999', '/audit?after[]=1&limit[x]=2', '/audit?limit=abc',
  '/explorer', '/explorer/', '/explorer/../package.json', '/explorer/%2e%2e/%2e%2e/package.json', '/explorer/..%2f..%2fpackage.json', '/explorer/index.html', '/explorer/assets/x.js',
  '/', '/%', '/%E0%A4%A', '/%ff', '/%c0%ae%c0%ae/', '/.env', '/.git/config', '/package.json', '/favicon.ico', '/admin', '/_entities', '/*', '/graphql#x',
  '/%E9%BB%91%E6%B2%B3', '/graphql?query=%7B__typename%7D', '/graphql?query={__typename}&variables=%7B%7D', '/graphql?extensions=%7B%22persistedQuery%22%3A1%7D',
  '/graphql?query=%7B__schema%7Btypes%7Bname%7D%7D%7D', '/graphql?query=mutation%7B__typename%7D',
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'FOO', 'M-SEARCH', 'PURGE'];

// ───────────────────────────── GraphQL documents from the schema ─────────────────────────────

class EnumValue {
  constructor(readonly name: string) {}
}

function unwrap(ref: IntrospectionTypeRef): { name: string; kind: string } {
  let t: any = ref;
  while (t.ofType) t = t.ofType;
  return { name: t.name, kind: t.kind };
}

function printType(ref: IntrospectionTypeRef): string {
  const t = ref as any;
  if (t.kind === 'NON_NULL') return `${printType(t.ofType)}!`;
  if (t.kind === 'LIST') return `[${printType(t.ofType)}]`;
  return t.name;
}

function printLiteral(value: unknown, rng: Rng): string {
  if (value instanceof EnumValue) return value.name;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return rng.chance(0.05) && !value.includes('"""') && !value.includes('\\') ? `"""${value}"""` : JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '1e999';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => printLiteral(v, rng)).join(', ')}]`;
  return `{${Object.entries(value as object).map(([k, v]) => `${k}: ${printLiteral(v, rng)}`).join(', ')}}`;
}

/** As JSON for `variables`: enum values become their names. */
function toJson(value: unknown): unknown {
  if (value instanceof EnumValue) return value.name;
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
}

/** Fields in one generated document at most (besides deliberate alias floods). */
const MAX_FIELDS = 80;

class DocumentBuilder {
  private variables: Array<{ name: string; type: string; value: unknown; provided: boolean }> = [];
  private fragments: string[] = [];
  private fields = 0;

  constructor(
    private readonly rng: Rng,
    private readonly schema: SchemaModel,
    private readonly pools: ValuePools,
    /** Probability that a generated value has the wrong type or shape. */
    private readonly wrongness: number,
    /**
     * Hostile documents get unknown fields and arguments, wrong variable types, fragment cycles,
     * unknown directives, limits overrun …; the others are meant to be valid, so that they reach
     * the resolvers with plausible and hostile values.
     */
    private readonly hostile: boolean,
  ) {}

  /** A chance taken only in hostile documents. */
  private inject(p: number): boolean {
    return this.hostile && this.rng.chance(p);
  }

  /** A value for an argument or input field, usually plausible, sometimes of the wrong type. */
  value(ref: IntrospectionTypeRef, name: string, depth = 0): unknown {
    const rng = this.rng;
    const t = ref as any;
    if (this.hostile && rng.chance(this.wrongness / (depth + 1))) return this.wrongValue(ref, name);
    if (t.kind === 'NON_NULL') return this.value(t.ofType, name, depth);
    if (t.kind === 'LIST') {
      const n = rng.weighted([[0, 2], [1, 5], [rng.between(2, 5), 3], [rng.between(20, 120), this.hostile ? 0.3 : 0]] as const);
      return Array.from({ length: n }, () => this.value(t.ofType, name, depth + 1));
    }
    const type = this.schema.types.get(t.name);
    if (!type) return this.scalar('String', name);
    if (type.kind === 'ENUM') return new EnumValue(!this.inject(0.05) ? rng.pick(type.enumValues.length ? type.enumValues : ['X']) : rng.identifier().toUpperCase());
    if (type.kind === 'INPUT_OBJECT') {
      if (depth > 4) return null;
      const out: Record<string, unknown> = {};
      for (const field of type.inputFields) {
        const required = (field.type as any).kind === 'NON_NULL';
        if (required ? !this.inject(0.03) : rng.chance(0.45)) out[field.name] = this.value(field.type, field.name, depth + 1);
      }
      if (this.inject(0.04)) out[rng.identifier()] = this.scalar('String', 'x');
      return out;
    }
    return this.scalar(type.name, name);
  }

  private wrongValue(ref: IntrospectionTypeRef, name: string): unknown {
    const rng = this.rng;
    return rng.weighted<() => unknown>([
      [() => null, 3],
      [() => rng.pick(HOSTILE_STRINGS), 4],
      [() => rng.pick([0, -1, 1, 2147483647, 2147483648, -2147483649, 9007199254740993, 1.5, -0.0001, 1e308]), 3],
      [() => rng.chance(0.5), 1],
      [() => [this.scalar('String', name), null], 1],
      [() => ({ [rng.identifier()]: rng.pick(HOSTILE_STRINGS) }), 1],
      [() => new EnumValue(rng.chance(0.5) ? 'ADMIN' : rng.identifier()), 1],
      [() => nestedList(rng.between(2, 40)), 0.5],
      [() => 'x'.repeat(rng.pick([51, 2000, 20_001])), 0.5],
      [() => this.value(unwrapList(ref), name, 5), 0.5],
    ] as const)();
  }

  private scalar(type: string, name: string): unknown {
    const rng = this.rng;
    const lower = name.toLowerCase();
    const p = this.pools;
    switch (type) {
      case 'Int':
        if (/first|last|limit|size/.test(lower)) return this.hostile ? rng.weighted([[rng.between(0, 5), 6], [100, 1], [101, 1], [-1, 0.5], [1_000_000, 0.3]] as const) : rng.between(0, 5);
        if (/year/.test(lower)) return rng.weighted([[rng.between(2019, 2027), 8], [0, 0.5], [-2026, 0.3], [99999, 0.3]] as const);
        if (/half/.test(lower)) return rng.pick([1, 2, 1, 2, 0, 3, -1]);
        return rng.pick([0, 1, 2, 10, 100, -1, 2147483647, rng.between(0, 1000)]);
      case 'Float':
        return rng.pick([0, 0.5, 1, -1, 99.99, 1e21, 3.4e38, rng.next() * 1000]);
      case 'Boolean':
        return rng.chance(0.5);
      default:
        break;
    }
    if (/uscc/.test(lower)) return rng.chance(0.85) ? rng.pick(p.usccs) : rng.pick(HOSTILE_STRINGS.filter((s) => s.length >= 6 && s.length <= 20));
    if (/region|^code$|parentcode|areacode/.test(lower)) return rng.chance(0.85) ? rng.pick(p.regionCodes) : rng.pick(['2311', '999999', '23110O', '231100 ', '']);
    if (/casenumber|casecode/.test(lower)) return rng.chance(0.85) ? rng.pick(p.caseNumbers) : rng.pick(HOSTILE_STRINGS);
    if (/idnumber|cardnum/.test(lower)) return rng.chance(0.6) ? rng.pick(p.idNumbers) : rng.pick(['230102199001011234', '23010219900101123X', '000000000000000000', '2301021990010112']);
    if (/phone|contact/.test(lower)) return rng.chance(0.5) ? rng.pick(p.phones) : rng.pick(['13800000000', '138****5678', '+86 138 0000 0000']);
    if (/after|before|cursor/.test(lower)) return rng.pick([
      Buffer.from(JSON.stringify({ id: rng.pick(p.ids.length ? p.ids : ['x']) })).toString('base64'),
      Buffer.from(rng.pick(HOSTILE_STRINGS)).toString('base64'),
      Buffer.from(`${rng.int(10_000)}`).toString('base64url'),
      rng.pick(HOSTILE_STRINGS),
    ]);
    if (/date|at$|from$|to$|time|start|end|due/.test(lower)) return rng.pick(['2026-11-22', '2026-01-01', '2025-06-30', '2026-11-22T08:00:00Z', '2026-02-30', '9999-12-31', '', 'not a date']);
    if (/amount|value|fen|money|price|paid/.test(lower)) return rng.pick(['12345678.91', '0.01', '0', '-1', '1e9', '0.001', 'abc', '99999999999999999.99']);
    if (type === 'ID' || /id$|^id|ids$/.test(lower)) {
      return rng.weighted([[() => rng.pick(p.pseudonyms), 4], [() => rng.pick(p.ids.length ? p.ids : p.pseudonyms), 4], [() => rng.pick(p.usccs), 1], [() => rng.pick(HOSTILE_STRINGS), 2]] as const)();
    }
    if (/year/.test(lower)) return String(rng.between(2019, 2027));
    return rng.weighted([[() => rng.pick(HOSTILE_STRINGS), 5], [() => rng.pick(p.names), 1], [() => '黑河市'.repeat(rng.between(1, 30)), 1], [() => rng.identifier(), 2]] as const)();
  }

  /** An argument value: inline literal or variable (declared with its type, or sometimes a wrong one). */
  private argument(arg: InputInfo, owner: string): string {
    const rng = this.rng;
    const value = this.value(arg.type, arg.name === 'id' || arg.name === 'ids' ? `${owner}${arg.name}` : arg.name);
    if (rng.chance(0.3)) {
      const name = `v${this.variables.length}`;
      const declared = !this.inject(0.1) ? printType(arg.type) : rng.pick(['String', 'Int!', '[String!]!', 'Boolean', 'ID', `${unwrap(arg.type).name}`, 'Unknown', '[[Int]]']);
      this.variables.push({ name, type: declared, value, provided: !this.inject(0.05) });
      return `${arg.name}: $${name}`;
    }
    return `${arg.name}: ${printLiteral(value, rng)}`;
  }

  private arguments(args: InputInfo[], owner: string): string {
    const rng = this.rng;
    const parts: string[] = [];
    for (const arg of args) {
      const required = (arg.type as any).kind === 'NON_NULL';
      if (required ? !this.inject(0.04) : rng.chance(0.4)) parts.push(this.argument(arg, owner));
    }
    if (this.inject(0.04)) parts.push(`${rng.identifier()}: ${printLiteral(rng.pick(HOSTILE_STRINGS), rng)}`);
    if (this.inject(0.02) && parts.length) parts.push(parts[0]!); // the same argument twice
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  private directives(): string {
    const rng = this.rng;
    if (!rng.chance(0.06)) return '';
    if (!this.hostile) return ` ${rng.pick(['@include(if: true)', '@skip(if: false)', '@include(if: false)', '@skip(if: true)'])}`;
    const one = () => rng.pick([
      `@include(if: ${rng.chance(0.5)})`, `@skip(if: ${rng.chance(0.5)})`, '@include(if: "yes")', '@skip', `@${rng.identifier()}`, '@deprecated',
      '@defer', '@stream(initialCount: 1)', '@specifiedBy(url: "x")', '@include(if: true) @include(if: false)',
    ]);
    const n = rng.chance(0.1) ? rng.between(18, 30) : 1;
    return ' ' + Array.from({ length: n }, one).join(' ');
  }

  /** A selection set for a type, `depth` levels deep at most. */
  selection(typeName: string, depth: number): string {
    const rng = this.rng;
    const type = this.schema.types.get(typeName);
    if (!type) return '__typename';
    const parts: string[] = [];
    if (type.kind === 'UNION' || (type.kind === 'INTERFACE' && rng.chance(0.5))) {
      for (const member of rng.subset(type.possibleTypes, 3)) parts.push(`... on ${member} { ${this.selection(member, depth - 1)} }`);
      if (this.inject(0.1)) parts.push(`... on ${rng.pick([...this.schema.types.keys()])} { __typename }`);
      return parts.length ? `__typename ${parts.join(' ')}` : '__typename';
    }
    const fields = type.fields.filter((f) => !f.name.startsWith('__'));
    if (fields.length === 0) return '__typename';
    const count = this.inject(0.03) ? rng.between(31, 40) : rng.between(1, Math.min(5, fields.length));
    for (let i = 0; i < count && this.fields < MAX_FIELDS; i++) {
      this.fields++;
      const field = rng.pick(fields);
      const alias = rng.chance(0.12) || count > 30 ? `${rng.identifier()}_${i}: ` : '';
      const target = unwrap(field.type);
      const targetType = this.schema.types.get(target.name);
      const composite = targetType && ['OBJECT', 'INTERFACE', 'UNION'].includes(targetType.kind);
      let sub = '';
      if (composite) {
        if (this.inject(0.02)) sub = '';
        else sub = ` { ${depth > 0 ? this.selection(target.name, depth - 1) : '__typename'} }`;
      } else if (this.inject(0.02)) sub = ' { __typename }';
      parts.push(`${alias}${field.name}${this.arguments(field.args, field.name)}${this.directives()}${sub}`);
    }
    if (rng.chance(0.1)) parts.push('__typename');
    if (this.inject(0.03)) parts.push(rng.chance(0.5) ? rng.identifier() : `${rng.pick(fields).name}s`);
    if (rng.chance(0.06) && type.kind === 'OBJECT') {
      const fragment = `F${this.fragments.length}`;
      if (this.inject(0.25)) {
        // a fragment cycle: F → G → F
        this.fragments.push(`fragment ${fragment} on ${typeName} { __typename ...${fragment}b }`, `fragment ${fragment}b on ${typeName} { ...${fragment} }`);
      } else {
        this.fragments.push(`fragment ${fragment} on ${typeName} { ${this.selection(typeName, Math.min(depth - 1, 1))} }`);
      }
      parts.push(`...${fragment}`);
    }
    return parts.join(' ');
  }

  /** A whole operation over the root type; the document text and its variables. */
  operation(options: { entities?: boolean } = {}): { query: string; variables: Record<string, unknown>; operationName?: string } {
    const rng = this.rng;
    const schema = this.schema;
    const useMutation = !!schema.mutation && rng.chance(0.2);
    const rootName = useMutation ? schema.mutation! : schema.query!;
    const depth = this.inject(0.04) ? rng.between(11, 16) : rng.between(1, this.hostile ? 4 : 3);
    let body: string;
    if (options.entities && schema.entities.length) {
      body = this.entitiesField(depth);
    } else if (this.inject(0.03)) {
      body = rng.pick([
        '__schema { types { name fields { name args { name type { name ofType { name ofType { name } } } } } } }',
        `__type(name: ${JSON.stringify(rng.pick([...schema.types.keys()]))}) { name kind fields { name } }`,
        '__schema { queryType { fields { type { fields { type { fields { type { fields { name } } } } } } } } }',
        '_service { sdl }',
      ]);
    } else {
      body = this.selection(rootName, depth);
    }
    const keyword = useMutation ? 'mutation' : this.inject(0.02) ? 'subscription' : 'query';
    const name = rng.chance(0.3) ? rng.identifier() : undefined;
    const declared = this.variables.length ? `(${this.variables.map((v) => `$${v.name}: ${v.type}`).join(', ')})` : '';
    const header = name || declared || keyword !== 'query' || rng.chance(0.5) ? `${keyword}${name ? ` ${name}` : ''}${declared} ` : '';
    let query = `${header}{ ${body} }${this.fragments.length ? ` ${this.fragments.join(' ')}` : ''}`;
    let operationName = name;
    if (this.inject(0.03)) {
      query += ` query Second { __typename }`;
      operationName = rng.pick([name, 'Second', 'Missing', undefined]);
    } else if (this.inject(0.03)) operationName = rng.identifier();
    const variables: Record<string, unknown> = {};
    for (const v of this.variables) if (v.provided) variables[v.name] = toJson(v.value);
    if (this.inject(0.05)) variables[rng.identifier()] = rng.pick(HOSTILE_STRINGS);
    return { query, variables, operationName };
  }

  /** `_entities` with representations of the subgraph's entity types, good and bad. */
  private entitiesField(depth: number): string {
    const rng = this.rng;
    const typenames = this.schema.entities;
    const representations = Array.from({ length: rng.weighted([[1, 4], [rng.between(2, 10), 3], [rng.between(50, 400), 0.5]] as const) }, () => {
      const typename = !this.inject(0.1) ? rng.pick(typenames) : rng.pick(['Nope', '', 'Query', '_Entity', '__proto__']);
      const type = this.schema.types.get(typename);
      const rep: Record<string, unknown> = !this.inject(0.05) ? { __typename: typename } : {};
      const keys = ['uscc', 'code', 'id', 'caseNumber', ...(type?.fields.map((f) => f.name) ?? [])];
      for (const key of rng.subset(keys, 4)) {
        const field = type?.fields.find((f) => f.name === key);
        rep[key] = field ? this.value(field.type, key, 3) : this.scalar('String', key);
      }
      // A "__proto__" key of its own (as JSON.parse would make one), not a prototype.
      if (this.inject(0.02)) Object.defineProperty(rep, '__proto__', { value: { roles: ['ADMIN'] }, enumerable: true, writable: true, configurable: true });
      return rep;
    });
    const name = `v${this.variables.length}`;
    this.variables.push({ name, type: !this.inject(0.05) ? '[_Any!]!' : 'String', value: representations, provided: true });
    const fragments = rng.subset(typenames, 3).map((t) => `... on ${t} { ${this.selection(t, Math.min(depth, 3))} }`).join(' ');
    return `_entities(representations: $${name}) { __typename ${fragments} }`;
  }
}

/** Every byte of the UTF-8 encoding as %XX (encodeURIComponent throws on lone surrogates). */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
}

function nestedList(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function unwrapList(ref: IntrospectionTypeRef): IntrospectionTypeRef {
  let t: any = ref;
  while (t.kind === 'NON_NULL' || t.kind === 'LIST') t = t.ofType;
  return t;
}

/** Small random edits of a document's text: characters dropped, doubled, swapped, braces, unicode. */
function mutateText(text: string, rng: Rng): string {
  let out = text;
  for (let i = rng.between(1, 4); i > 0; i--) {
    const at = rng.int(out.length + 1);
    out = rng.weighted<() => string>([
      [() => out.slice(0, at) + out.slice(at + 1), 3],
      [() => out.slice(0, at) + out[at] + out.slice(at), 1],
      [() => out.slice(0, at) + rng.pick(['{', '}', '(', ')', '[', ']', ':', '$', '@', '...', '"', '"""', '#', '!', ',', '=', '|', '&', '\\', '\u0000', '\ud800', '黑', ' on ', 'fragment ']) + out.slice(at), 4],
      [() => out.slice(0, at), 1],
      [() => out.slice(0, at) + out.slice(rng.int(out.length)), 1],
      [() => out.replace(/\d+/, String(rng.pick([-1, 0, 101, 99999999999, 1.5]))), 1],
    ] as const)();
  }
  return out;
}

// ───────────────────────────── requests ─────────────────────────────

export interface FuzzTarget {
  name: string;
  /** The GraphQL endpoint, http://127.0.0.1:<port>/graphql */
  url: string;
  kind: 'gateway' | 'subgraph';
  schema: SchemaModel;
}

export interface FuzzContext {
  seed: number;
  targets: FuzzTarget[];
  pools: ValuePools;
  /** Tokens of this deployment, one per role (and an ORGANIZATION one with its unit). */
  validAuthorizations: string[];
  /** Authorization values that must be refused (from the forged-token matrix). */
  brokenAuthorizations: string[];
  /** Share of requests sent to the gateway; the rest go to the subgraphs in turn (default 0.4). */
  gatewayShare?: number;
}

const KINDS = [
  ['graphql', 42],
  ['graphql-text', 8],
  ['graphql-get', 5],
  ['batch', 4],
  ['persisted', 3],
  ['entities', 6],
  ['malformed-json', 8],
  ['content-type', 6],
  ['encoding', 3],
  ['method-path', 8],
  ['big-body', 4],
  ['raw-http', 3],
] as const;
export type FuzzKind = (typeof KINDS)[number][0];

function randomHeaders(rng: Rng, ctx: FuzzContext): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  const auth = rng.weighted([['none', 40], ['valid', 35], ['broken', 25]] as const);
  if (auth === 'valid') headers.push(['authorization', rng.pick(ctx.validAuthorizations)]);
  if (auth === 'broken') headers.push(['authorization', rng.pick(ctx.brokenAuthorizations)]);
  if (rng.chance(0.3)) {
    headers.push(['x-forwarded-for', rng.pick([
      `${rng.int(256)}.${rng.int(256)}.${rng.int(256)}.${rng.int(256)}`, '127.0.0.1', '::1', '2001:db8::1', 'unknown', '', 'garbage, , ,',
      Array.from({ length: 60 }, (_, i) => `10.0.${i}.1`).join(', '), '1.1.1.1, 127.0.0.1', '999.999.999.999', '[::1]:80', 'x'.repeat(3000),
    ])]);
  }
  if (rng.chance(0.05)) headers.push(['x-real-ip', '127.0.0.1'], ['forwarded', 'for=127.0.0.1;proto=https']);
  if (rng.chance(0.25)) for (const name of rng.subset(SPOOF_HEADERS, 4)) headers.push([name, rng.pick(SPOOF_VALUES)]);
  if (rng.chance(0.1)) headers.push(['x-request-id', rng.pick(['', 'x'.repeat(5000), 'a b c', '../../etc', 'é'.repeat(10), '\u00ff\u00fe', `${rng.int(1e9)}`])]);
  if (rng.chance(0.1)) headers.push(['apollo-require-preflight', 'true']);
  if (rng.chance(0.2)) headers.push(['accept', rng.pick(['multipart/mixed; deferSpec=20220824, application/json', 'application/graphql-response+json', 'text/html', '*/*', 'application/xml', '', 'text/event-stream', 'application/json;q=0'])]);
  if (rng.chance(0.1)) headers.push(['accept-encoding', rng.pick(['gzip', 'br', 'deflate', 'identity;q=0', '*', 'zstd', 'x'.repeat(200)])]);
  if (rng.chance(0.05)) headers.push(['cookie', rng.pick(['token=x', `session=${rng.identifier()}`, 'a'.repeat(4000)])]);
  if (rng.chance(0.05)) headers.push(['origin', rng.pick(['https://evil.example', 'null', 'http://127.0.0.1'])]);
  if (rng.chance(0.03)) headers.push(['x-apollo-operation-name', rng.identifier()]);
  if (rng.chance(0.02)) headers.push(['connection', 'close']);
  return headers;
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

function pickTarget(rng: Rng, ctx: FuzzContext): FuzzTarget {
  const gateway = ctx.targets.find((t) => t.kind === 'gateway');
  const subgraphs = ctx.targets.filter((t) => t.kind === 'subgraph');
  if (gateway && (subgraphs.length === 0 || rng.chance(ctx.gatewayShare ?? 0.4))) return gateway;
  return rng.pick(subgraphs.length ? subgraphs : ctx.targets);
}

/** Request i of a run: the same for the same seed, whatever ran before it. */
export function generateRequest(ctx: FuzzContext, index: number): WireRequest {
  const rng = Rng.forRequest(ctx.seed, index);
  const target = pickTarget(rng, ctx);
  let kind: FuzzKind = rng.weighted(KINDS);
  if (kind === 'entities' && target.schema.entities.length === 0) kind = 'graphql';
  const path = new URL(target.url).pathname;
  const headers = randomHeaders(rng, ctx);
  // About half of the documents are meant to be valid (they reach the resolvers), the rest hostile.
  // Half of the GraphQL bodies sent to a subgraph are signed as the gateway signs them
  // (CREDIT_GATEWAY_SECRET): what a subgraph does with them is what it does with anything the
  // gateway forwards. The others meet the subgraph's door like any outside caller.
  let signed = false;
  const maybeSigned = <T extends { query?: unknown; variables?: unknown; extensions?: unknown }>(body: T): T => {
    if (target.kind !== 'subgraph' || typeof body.query !== 'string' || !rng.chance(0.5)) return body;
    const variables = body.variables && typeof body.variables === 'object' && !Array.isArray(body.variables) ? (body.variables as Record<string, unknown>) : undefined;
    signed = true;
    const extensions = body.extensions && typeof body.extensions === 'object' ? body.extensions : {};
    return { ...body, extensions: { ...extensions, [SIGNATURE_EXTENSION]: gatewaySignature(body.query, variables) } };
  };
  const request = (method: string, reqPath: string, body?: Buffer, contentType: string | null = 'application/json'): WireRequest => {
    if (contentType !== null) headers.unshift(['content-type', contentType]);
    return { index, target: target.name, kind, method, path: reqPath, headers, body, ...(signed ? { signed } : {}) };
  };
  const doc = () => new DocumentBuilder(rng, target.schema, ctx.pools, rng.pick([0.02, 0.1, 0.3]), rng.chance(0.5)).operation({ entities: kind === 'entities' });

  switch (kind) {
    case 'graphql':
    case 'entities': {
      const op = doc();
      const body: Record<string, unknown> = { query: op.query };
      if (Object.keys(op.variables).length || rng.chance(0.3)) body.variables = op.variables;
      if (op.operationName !== undefined) body.operationName = op.operationName;
      return request('POST', path, json(maybeSigned(body)));
    }
    case 'graphql-text': {
      const op = doc();
      return request('POST', path, json(maybeSigned({ query: mutateText(op.query, rng), variables: op.variables })));
    }
    case 'graphql-get': {
      const op = doc();
      const params = new URLSearchParams({ query: op.query.slice(0, 6000) });
      if (Object.keys(op.variables).length) params.set('variables', JSON.stringify(op.variables).slice(0, 2000));
      if (rng.chance(0.2)) params.set('variables', rng.pick(['{', 'null', '[]', '"x"']));
      if (rng.chance(0.2)) params.set('extensions', rng.pick(['{"persistedQuery":{"version":1,"sha256Hash":"abc"}}', '{', '1']));
      if (rng.chance(0.6)) headers.push(['apollo-require-preflight', 'true']);
      return request('GET', `${path}?${params}`, undefined, rng.chance(0.5) ? 'application/json' : null);
    }
    case 'batch': {
      const n = rng.between(2, 6);
      const ops = Array.from({ length: n }, () => {
        const op = doc();
        return rng.chance(0.9) ? { query: op.query, variables: op.variables } : rng.pick([null, 1, 'x', [], {}]);
      });
      return request('POST', path, json(ops));
    }
    case 'persisted': {
      const op = doc();
      const hash = createHash('sha256').update(op.query).digest('hex');
      const ext = rng.pick([
        { persistedQuery: { version: 1, sha256Hash: hash } },
        { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('other').digest('hex') } },
        { persistedQuery: { version: 2, sha256Hash: hash } },
        { persistedQuery: { version: 1, sha256Hash: 'zz' } },
        { persistedQuery: { version: 1, sha256Hash: 123 } },
        { persistedQuery: null },
        { persistedQuery: 'x' },
        { 'hmac-signature': 'AAAA' },
      ]);
      const withQuery = rng.chance(0.5);
      return request('POST', path, json(maybeSigned({ ...(withQuery ? { query: op.query } : {}), variables: op.variables, extensions: ext })));
    }
    case 'malformed-json': {
      const deep = rng.between(100, 28_000);
      const body = rng.pick<() => string | Buffer>([
        () => '', () => '{', () => '{"query":', () => '{"query": "{ __typename }"', () => 'null', () => '[]', () => '[1,2]', () => '"string"', () => '123', () => 'true',
        () => '{"query": 123}', () => '{"query": null}', () => '{"query": ["{ __typename }"]}', () => '{"query": {}}', () => '{"query": ""}',
        () => '{"query": "{ __typename }", "variables": "x"}', () => '{"query": "{ __typename }", "variables": []}', () => '{"query": "{ __typename }", "variables": 1}',
        () => '{"query": "{ __typename }", "operationName": 123}', () => '{"query": "{ __typename }", "extensions": "x"}', () => '{"query": "{ __typename }"}garbage',
        () => '{"query": "{ nope }", "query": "{ __typename }"}', () => '{"__proto__": {"roles": ["ADMIN"], "isAdmin": true}, "query": "{ __typename }"}',
        () => '{"constructor": {"prototype": {"roles": ["ADMIN"]}}, "query": "{ __typename }"}', () => '\ufeff{"query": "{ __typename }"}',
        () => '{"query": "{ __typename }", "variables": {"a": NaN}}', () => '{"query": "{ __typename }", "variables": {"a": 1e999999}}',
        () => `{"query": "{ __typename }", "variables": {"a": ${'9'.repeat(5000)}}}`, () => '{"query": "\\ud800"}', () => '{"query": "\\u0000"}',
        () => '['.repeat(deep) + ']'.repeat(deep), () => '{"a":'.repeat(Math.min(deep, 10_000)) + '1' + '}'.repeat(Math.min(deep, 10_000)),
        () => `{"query": "query($v: [String]) { __typename }", "variables": {"v": ${'['.repeat(deep)}"x"${']'.repeat(deep)}}}`,
        () => `{"query": "{ __typename }", "variables": {"v": ${'{"a":'.repeat(Math.min(deep, 9000))}1${'}'.repeat(Math.min(deep, 9000))}}}`,
        () => `{"query": "{ __typename }", "extensions": {"x": ${'['.repeat(deep)}${']'.repeat(deep)}}}`,
        () => Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x22, 0x00]), () => Buffer.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
        () => Buffer.from('{"query": "{ __typename }"}', 'utf16le'),
      ])();
      return request('POST', path, Buffer.isBuffer(body) ? body : Buffer.from(body), rng.chance(0.9) ? 'application/json' : 'application/json; charset=utf-8');
    }
    case 'content-type': {
      const op = doc();
      const bodyText = rng.chance(0.7) ? JSON.stringify(maybeSigned({ query: op.query, variables: op.variables })) : op.query;
      const type = rng.pick([
        'text/plain', 'application/graphql', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'multipart/form-data',
        'application/json; charset=latin1', 'application/json; charset=utf-16', 'application/json; charset=klingon', 'application/JSON', 'application/json, text/plain',
        'application/xml', 'application/graphql-response+json', 'application/vnd.api+json', '', 'json', '*/*', 'application/json; boundary=--', 'text/html; charset=utf-8',
        'application/json;' + ' '.repeat(2000), 'application/x-msgpack', 'application/octet-stream',
      ]);
      if (rng.chance(0.5)) headers.push(['apollo-require-preflight', 'true']);
      return request(rng.pick(['POST', 'POST', 'POST', 'PUT', 'GET']), path, Buffer.from(bodyText), type === '' ? null : type);
    }
    case 'encoding': {
      const op = doc();
      const plain = json(maybeSigned({ query: op.query, variables: op.variables }));
      const choice = rng.pick(['gzip', 'gzip-garbage', 'deflate', 'br-garbage', 'identity', 'x-unknown', 'gzip, gzip', 'gzip-bomb-small']);
      let body: Buffer = plain;
      let encoding = choice;
      if (choice === 'gzip') body = gzipSync(plain);
      if (choice === 'gzip-garbage') [body, encoding] = [Buffer.from('not gzip at all'), 'gzip'];
      if (choice === 'deflate') body = deflateSync(plain);
      if (choice === 'br-garbage') [body, encoding] = [Buffer.from([1, 2, 3, 4]), 'br'];
      if (choice === 'gzip, gzip') body = gzipSync(gzipSync(plain));
      // 1 MB of spaces after a valid JSON document, compressed to about 1 kB: over the anonymous 64 kB once inflated.
      if (choice === 'gzip-bomb-small') [body, encoding] = [gzipSync(Buffer.concat([plain, Buffer.alloc(1024 * 1024, 0x20)])), 'gzip'];
      headers.push(['content-encoding', encoding]);
      return request('POST', path, body);
    }
    case 'method-path': {
      const method = rng.pick(METHODS);
      let route = rng.chance(0.85) ? rng.pick(ROUTES) : rng.pick([`/${'a'.repeat(rng.pick([300, 5000, 15_000]))}`, `/graphql?${'a=1&'.repeat(rng.pick([100, 3000]))}`, `/${percentEncode(rng.pick(HOSTILE_STRINGS))}`]);
      if (route.length > 15_000) route = route.slice(0, 15_000);
      const withBody = method !== 'GET' && method !== 'HEAD' && rng.chance(0.6);
      const op = withBody ? doc() : null;
      return request(method, route, op ? json({ query: op.query }) : undefined, withBody ? 'application/json' : rng.chance(0.3) ? 'application/json' : null);
    }
    case 'big-body': {
      const authenticated = headers.some(([n, v]) => n === 'authorization' && ctx.validAuthorizations.includes(v));
      // Mostly within the limits (64 kB without a token, 20 MB with one), sometimes just over.
      const size = authenticated ? rng.pick([50_000, 200_000, 1_000_000, 3_000_000]) : rng.pick([10_000, 40_000, 60_000, 63_000, 66_000, 70_000]);
      const shape = rng.pick(['long-string', 'many-variables', 'long-query', 'many-aliases', 'wide-list', 'comment', 'deep-selection']);
      let body: Buffer;
      if (shape === 'long-string') body = json({ query: 'query($s: String) { __typename }', variables: { s: 'x'.repeat(size) } });
      else if (shape === 'many-variables') body = json({ query: '{ __typename }', variables: Object.fromEntries(Array.from({ length: Math.floor(size / 12) }, (_, i) => [`v${i}`, i])) });
      else if (shape === 'long-query') body = json({ query: `{ ${'__typename '.repeat(Math.floor(size / 11))}}` });
      else if (shape === 'many-aliases') body = json({ query: `{ ${Array.from({ length: Math.floor(size / 16) }, (_, i) => `a${i}: __typename`).join(' ')} }` });
      else if (shape === 'wide-list') body = json({ query: 'query($l: [String]) { __typename }', variables: { l: Array.from({ length: Math.floor(size / 4) }, () => 'x') } });
      else if (shape === 'comment') body = json({ query: `# ${'c'.repeat(size)}\n{ __typename }` });
      else body = json({ query: `{ ${'a: __typename b: __typename '.repeat(10)}${'{'.repeat(0)}${'__typename '.repeat(Math.floor(size / 200))} }` });
      return request('POST', path, body);
    }
    case 'raw-http': {
      const host = new URL(target.url).host;
      const q = JSON.stringify({ query: '{ __typename }' });
      const raw = rng.pick([
        'GARBAGE\r\n\r\n',
        `POST ${path} HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: ${q.length}\r\n\r\n${q}`,
        `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nNoColonHeader\r\nConnection: close\r\n\r\n`,
        `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: ${q.length}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${q}`,
        `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\nConnection: close\r\n\r\nzz\r\n${q}\r\n0\r\n\r\n`,
        `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${q.length.toString(16)}\r\n${q}\r\n0\r\n\r\n`,
        `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: ${q.length}\r\nContent-Length: ${q.length + 5}\r\nConnection: close\r\n\r\n${q}`,
        `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nX-Evil: a\u0001b\r\nConnection: close\r\n\r\n`,
        `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 5\r\nConnection: close\r\n\r\n${q}`,
        `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
        `POST http://evil.example${path} HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\nContent-Length: ${q.length}\r\nConnection: close\r\n\r\n${q}`,
        `GET /\u00e9\u00ff\u0080 HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
        `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nX-Folded: a\r\n b\r\nContent-Length: ${q.length}\r\nConnection: close\r\n\r\n${q}`,
        `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: -1\r\nConnection: close\r\n\r\n`,
        `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: abc\r\nConnection: close\r\n\r\n`,
        `POST ${path} HTTP/2.0\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
        `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`,
        `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer \u00e4\u00f6\u00fc.\u00ff.\u0080\r\nContent-Type: application/json\r\nContent-Length: ${q.length}\r\nConnection: close\r\n\r\n${q}`,
        `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${q.length.toString(16)};ext=1\r\n${q}\r\n0\r\nX-Trailer: 1\r\n\r\n`,
        `GET ${path}?query=%7B__typename%7D HTTP/1.1\r\nHost: ${host}\r\nApollo-Require-Preflight: 1\r\nConnection: close\r\n\r\n`,
      ]);
      const method = /^(\S+)/.exec(raw)?.[1] ?? '?';
      return { index, target: target.name, kind, method, path: /^\S+ (\S+)/.exec(raw)?.[1] ?? '', headers: [], raw: Buffer.from(raw, 'latin1') };
    }
  }
}

// ───────────────────────────── running and recording ─────────────────────────────

export interface FailureRecord {
  index: number;
  target: string;
  kind: string;
  /** Sent with the gateway's signature. */
  signed?: boolean;
  method: string;
  path: string;
  status: number;
  /** First 200 characters of what was sent and received. */
  sent: string;
  received: string;
  json: boolean;
  /** The first `extensions.code` of the answer's errors. */
  code?: string;
  /** The open finding (OPEN_FINDINGS) this 5xx is an instance of, if any. */
  finding?: string;
  hang?: boolean;
  ms: number;
}

export interface TargetFigures {
  requests: number;
  statuses: Record<string, number>;
  codes: Record<string, number>;
  /** Answers whose body is not JSON, by status. */
  nonJson: Record<string, number>;
  /** Requests that got no HTTP answer, by error. */
  noAnswer: Record<string, number>;
  maxMs: number;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  concurrency: number;
  durationMs: number;
  byTarget: Record<string, TargetFigures>;
  byKind: Record<string, Record<string, number>>;
  statuses: Record<string, number>;
  codes: Record<string, number>;
  fiveHundreds: FailureRecord[];
  hangs: FailureRecord[];
  /** Answers below 500 that carry INTERNAL_SERVER_ERROR: an unexpected exception, masked (not a failure by the rules, but worth a look). */
  internalErrors: FailureRecord[];
  /** 5xx answers by the open finding they are an instance of (OPEN_FINDINGS). */
  findings: Record<string, number>;
  /** Answers whose body is not JSON, by "target status kind", with the first example of each. */
  nonJson: Record<string, { count: number; example: { index: number; method: string; path: string; contentType: string; received: string } }>;
  /** Requests to subgraphs that carried the gateway's signature, by status. */
  signed: { requests: number; statuses: Record<string, number> };
  /** Gateway or subgraph, by target name. */
  targetKinds: Record<string, 'gateway' | 'subgraph'>;
  /** Processes that exited during the run (name, when, exit code or signal). */
  exits: Array<{ name: string; atRequest: number; code: number | null; signal: string | null }>;
}

function preview(buffer: Buffer | undefined): string {
  if (!buffer) return '';
  return buffer.subarray(0, 600).toString('utf8').replace(/\s+/g, ' ').slice(0, 200);
}

function bump(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}

export interface RunFuzzOptions {
  requests: number;
  concurrency: number;
  /** The processes whose exits are watched during the run. */
  processes?: StackProcess[];
  onProgress?: (done: number) => void;
  timeoutMs?: number;
}

/** Sends requests 0 … n − 1 with at most `concurrency` in flight; records every answer. */
export async function runFuzz(ctx: FuzzContext, options: RunFuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const report: FuzzReport = {
    seed: ctx.seed, requests: options.requests, concurrency: options.concurrency, durationMs: 0,
    byTarget: {}, byKind: {}, statuses: {}, codes: {}, fiveHundreds: [], hangs: [], internalErrors: [], exits: [], findings: {}, signed: { requests: 0, statuses: {} }, nonJson: {},
    targetKinds: Object.fromEntries(ctx.targets.map((t) => [t.name, t.kind])),
  };
  for (const target of ctx.targets) report.byTarget[target.name] = { requests: 0, statuses: {}, codes: {}, nonJson: {}, noAnswer: {}, maxMs: 0 };
  let next = 0;
  let done = 0;
  const listeners: Array<() => void> = [];
  for (const p of options.processes ?? []) {
    const onExit = (code: number | null, signal: string | null) => report.exits.push({ name: p.name, atRequest: next, code, signal });
    p.child.once('exit', onExit);
    listeners.push(() => p.child.off('exit', onExit));
  }
  const urls = new Map(ctx.targets.map((t) => [t.name, new URL(t.url).origin]));
  const worker = async () => {
    while (next < options.requests) {
      const index = next++;
      const req = generateRequest(ctx, index);
      const response = await send(urls.get(req.target)!, req, options.timeoutMs ?? HANG_MS);
      record(report, req, response);
      options.onProgress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  for (const off of listeners) off();
  report.durationMs = Date.now() - started;
  return report;
}

function record(report: FuzzReport, req: WireRequest, response: WireResponse): void {
  const figures = report.byTarget[req.target]!;
  figures.requests++;
  figures.maxMs = Math.max(figures.maxMs, Math.round(response.ms));
  const status = response.hang ? 'hang' : response.status ? String(response.status) : 'no answer';
  bump(figures.statuses, status);
  bump(report.statuses, status);
  report.byKind[req.kind] ??= {};
  bump(report.byKind[req.kind]!, status);
  if (req.signed) {
    report.signed.requests++;
    bump(report.signed.statuses, status);
  }
  if (response.error && !response.status) bump(figures.noAnswer, response.error);
  let internal = false;
  let firstCode: string | undefined;
  if (response.status) {
    const codes = errorCodes(response);
    internal = !!codes?.includes('INTERNAL_SERVER_ERROR');
    firstCode = internal ? 'INTERNAL_SERVER_ERROR' : codes?.[0];
    if (codes === null) {
      if (req.method !== 'HEAD' && response.status !== 204) {
        bump(figures.nonJson, String(response.status));
        const key = `${req.target} ${response.status} ${req.kind}`;
        const entry = (report.nonJson[key] ??= {
          count: 0,
          example: { index: req.index, method: req.method, path: req.path.slice(0, 120), contentType: String(response.headers['content-type'] ?? ''), received: preview(response.body) },
        });
        entry.count++;
      }
    } else {
      for (const code of new Set(codes)) {
        bump(figures.codes, code);
        bump(report.codes, code);
      }
    }
  }
  if (response.status >= 500 || response.hang || internal) {
    const failure: FailureRecord = {
      index: req.index, target: req.target, kind: req.kind, ...(req.signed ? { signed: true } : {}), method: req.method, path: req.path.slice(0, 200), status: response.status,
      sent: preview(req.raw ?? req.body), received: preview(response.body), json: isJson(response), code: firstCode, ms: Math.round(response.ms),
      ...(response.hang ? { hang: true } : {}),
    };
    if (response.status >= 500) {
      const kind = report.targetKinds[req.target] ?? 'subgraph';
      const finding = OPEN_FINDINGS.find((f) => f.matches(req, response, kind, firstCode));
      if (finding) {
        failure.finding = finding.id;
        bump(report.findings, finding.id);
      }
    }
    (response.hang ? report.hangs : response.status >= 500 ? report.fiveHundreds : report.internalErrors).push(failure);
  }
}

// ───────────────────────────── open findings ─────────────────────────────

/**
 * 5xx answers the fuzzer has found and docs/security.md records as open findings, each with a
 * precise signature, so that a run can tell them from anything new. A 5xx is still a failure
 * (scripts/fuzz.ts exits 1); the test reproduces each one and expects it to be fixed.
 */
export interface OpenFinding {
  id: string;
  title: string;
  matches(req: WireRequest, response: WireResponse, target: 'gateway' | 'subgraph', code: string | undefined): boolean;
}

/**
 * 5xx answers known and being fixed, each matched by its signature so a run tells them from new
 * ones. Empty: F1–F5 of docs/security.md (found by this fuzzer on 2026-11-30) are fixed, and
 * test/e2e/fuzz.e2e.test.ts reproduces each of them as a passing test.
 */
export const OPEN_FINDINGS: OpenFinding[] = [];

// ───────────────────────────── the stack's health afterwards ─────────────────────────────

export interface ProcessHealth {
  name: string;
  pid: number | undefined;
  alive: boolean;
  exitCode: number | null;
  signal: string | null;
  healthz: number | string;
  rssMb: number | null;
}

function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

/** Each process of the stack: still running (it never exited) and answering /healthz with 200. */
export async function checkProcesses(stack: Stack): Promise<ProcessHealth[]> {
  const all = [...stack.subgraphs, ...(stack.gateway ? [stack.gateway] : [])];
  const out: ProcessHealth[] = [];
  for (const p of all) {
    const alive = p.child.exitCode === null && p.child.signalCode === null;
    let healthz: number | string;
    try {
      const response = await fetch(p.url.replace(/graphql$/, 'healthz'), { signal: AbortSignal.timeout(HANG_MS) });
      healthz = response.status;
    } catch (error) {
      healthz = (error as Error).name;
    }
    out.push({ name: p.name, pid: p.child.pid, alive, exitCode: p.child.exitCode, signal: p.child.signalCode, healthz, rssMb: rssMb(p.child.pid) });
  }
  return out;
}

export function processesHealthy(processes: ProcessHealth[]): boolean {
  return processes.every((p) => p.alive && p.healthz === 200);
}

// ───────────────────────────── setting up a run ─────────────────────────────

/** Settings for a stack that is fuzzed: as `npm start` runs it, with rate budgets out of the way. */
export const FUZZ_STACK_ENV: NodeJS.ProcessEnv = {
  NODE_ENV: 'test',
  CREDIT_JWT_SECRET: 'fuzz-run-jwt-secret-not-the-development-default',
  CREDIT_JWT_ISSUER: 'https://credit.example.gov.cn',
  CREDIT_JWT_AUDIENCE: 'credit-federation',
  CREDIT_PSEUDONYM_SECRET: 'fuzz-run-pseudonym-secret',
  CREDIT_DATA_KEY: 'fuzz-run-data-key',
  CREDIT_GATEWAY_SECRET: 'fuzz-run-gateway-secret',
  // 10,000 requests from one address would otherwise be 429 after the first 600 a minute.
  CREDIT_RATE_LIMIT_PUBLIC: '1000000000',
  CREDIT_RATE_LIMIT_CALLER: '1000000000',
  CREDIT_SAFELIST: 'off',
};

/** Tokens of this deployment for every role, as `Authorization` values. */
export async function validAuthorizations(pools: ValuePools): Promise<string[]> {
  const roles: Array<Exclude<Role, 'PUBLIC'>> = ['AUDITOR', 'COURT', 'FINANCE', 'TRAINING', 'ADMIN'];
  const out: string[] = [];
  for (const role of roles) out.push(`Bearer ${await signToken({ sub: `fuzz-${role.toLowerCase()}`, roles: [role], expiresIn: '8h' })}`);
  out.push(`Bearer ${await signToken({ sub: 'fuzz-organization', roles: ['ORGANIZATION'], uscc: pools.usccs[3]!, expiresIn: '8h' })}`);
  return out;
}

/** The gateway and every subgraph of a stack, each with the schema it reports (the gateway's when it does not). */
export async function fuzzTargets(stack: Stack): Promise<FuzzTarget[]> {
  const gatewayIntrospection = await introspect(stack.gatewayUrl);
  if (!gatewayIntrospection) throw new Error(`the gateway at ${stack.gatewayUrl} does not answer introspection (NODE_ENV=production?)`);
  const gatewaySchema = schemaModel(gatewayIntrospection, 'gateway introspection');
  const targets: FuzzTarget[] = [{ name: 'gateway', url: stack.gatewayUrl, kind: 'gateway', schema: gatewaySchema }];
  for (const subgraph of stack.subgraphs) {
    const own = await introspect(subgraph.url, { signed: true });
    targets.push({ name: subgraph.name, url: subgraph.url, kind: 'subgraph', schema: own ? schemaModel(own, 'own introspection') : gatewaySchema });
  }
  return targets;
}

// ───────────────────────────── printing ─────────────────────────────

/** A plain-text table (Markdown-compatible). */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join(' | ')} |`;
  return [line(cells[0]!), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.slice(1).map(line)].join('\n');
}

export function formatFuzzReport(report: FuzzReport, processes: ProcessHealth[]): string {
  const statuses = [...new Set(Object.values(report.byTarget).flatMap((t) => Object.keys(t.statuses)))].sort();
  const out: string[] = [];
  out.push(`${report.requests} requests, seed ${report.seed}, concurrency ${report.concurrency}, ${(report.durationMs / 1000).toFixed(1)} s`);
  out.push('');
  out.push(table(['target', 'requests', ...statuses, 'non-JSON answers', 'max ms'], Object.entries(report.byTarget).map(([name, t]) => [
    name, t.requests, ...statuses.map((s) => t.statuses[s] ?? 0),
    Object.entries(t.nonJson).map(([s, n]) => `${s}: ${n}`).join(', ') || '0', t.maxMs,
  ])));
  out.push('');
  out.push(table(['kind', 'requests', 'statuses'], [
    ...Object.entries(report.byKind).sort().map(([kind, s]) => [
      kind, Object.values(s).reduce((a, b) => a + b, 0), Object.entries(s).sort().map(([k, v]) => `${k}: ${v}`).join(', '),
    ]),
    ['(to subgraphs, signed as the gateway signs)', report.signed.requests, Object.entries(report.signed.statuses).sort().map(([k, v]) => `${k}: ${v}`).join(', ')],
  ]));
  out.push('');
  out.push(table(['error code', 'answers', ...Object.keys(report.byTarget)], Object.entries(report.codes).sort((a, b) => b[1] - a[1]).map(([code, n]) => [
    code, n, ...Object.values(report.byTarget).map((t) => t.codes[code] ?? 0),
  ])));
  out.push('');
  out.push(table(['process', 'pid', 'alive', '/healthz', 'RSS MB'], processes.map((p) => [p.name, p.pid ?? '', p.alive ? 'yes' : `NO (code ${p.exitCode}, signal ${p.signal})`, p.healthz, p.rssMb ?? ''])));
  out.push('');
  out.push(`5xx answers: ${report.fiveHundreds.length}; answers slower than ${HANG_MS / 1000} s: ${report.hangs.length}; processes that exited: ${report.exits.length}`);
  for (const finding of OPEN_FINDINGS) if (report.findings[finding.id]) out.push(`  open finding ${finding.id} (${report.findings[finding.id]} answers): ${finding.title}`);
  out.push(`  5xx that are none of the open findings: ${report.fiveHundreds.filter((f) => !f.finding).length}`);
  const examples = (failures: FailureRecord[]) => {
    const groups = groupFailures(failures);
    if (groups.length > 15) out.push(`  (the 15 largest of ${groups.length} groups; --json lists them all)`);
    for (const group of groups.slice(0, 15)) {
      out.push(`  ${group.count} × ${group.key}; e.g. request #${group.example.index} ${group.example.method} ${group.example.path}`);
      out.push(`      sent:     ${group.example.sent}`);
      out.push(`      received: ${group.example.received}`);
    }
  };
  examples([...report.fiveHundreds, ...report.hangs]);
  out.push(`answers below 500 carrying INTERNAL_SERVER_ERROR (not failures; unexpected exceptions, masked): ${report.internalErrors.length}`);
  examples(report.internalErrors);
  const nonJson = Object.entries(report.nonJson).sort((a, b) => b[1].count - a[1].count);
  out.push(`answers that are not JSON (HEAD and 204 aside): ${nonJson.reduce((sum, [, v]) => sum + v.count, 0)}`);
  for (const [key, { count, example }] of nonJson.slice(0, 15)) {
    out.push(`  ${count} × ${key}; e.g. #${example.index} ${example.method} ${example.path.slice(0, 60)} → ${example.contentType || '(no content-type)'} ${example.received.slice(0, 60)}`);
  }
  return out.join('\n');
}

/** Failures grouped by where and what: target, status, kind, JSON or not, the error code received. */
export function groupFailures(failures: FailureRecord[]): Array<{ key: string; count: number; example: FailureRecord }> {
  const groups = new Map<string, { key: string; count: number; example: FailureRecord }>();
  for (const f of failures) {
    const code = f.code ?? (f.json ? 'JSON' : f.received ? 'non-JSON' : 'empty body');
    const key = `${f.finding ? `${f.finding}: ` : ''}${f.target} ${f.hang ? 'hang' : f.status} ${code} (${f.kind}${f.signed ? ', signed' : ''})`;
    const group = groups.get(key) ?? { key, count: 0, example: f };
    group.count++;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}
