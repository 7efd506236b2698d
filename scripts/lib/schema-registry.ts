// The schema registry of an air-gapped federation: check a proposed subgraph SDL against the
// others and against what clients run, publish it atomically with the previous versions kept, and
// roll back. `npm run schema:check | schema:publish | schema:rollback` (scripts/schema.ts) are its CLI.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { GraphQLError, Kind, parse, print, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import YAML from 'yaml';
import { personalFieldsOf } from '../../platform/index.js';
import { readFederationList } from './subgraphs.js';

/** A subgraph's proposed schema: its name in supergraph.yaml, its SDL, and where the gateway reaches it. */
export interface ProposedSubgraph {
  name: string;
  sdl: string;
  /** Required for a subgraph not yet listed; for a listed one, changes its routing URL. */
  routingUrl?: string;
}

/** An operation a client runs: from the safelist (the portal's contract) or from recorded usage. */
export interface ClientOperation {
  client: string;
  name: string | null;
  document: string;
  source: 'safelist' | 'usage';
  /** Runs in the period read (usage only). */
  count?: number;
  lastSeen?: string;
  /** Callers the audit log saw run it in the period (usage joined with the audit log by query hash). */
  auditedCallers?: string[];
}

export type ChangeLevel = 'BREAKING' | 'DANGEROUS' | 'SAFE';

export interface CheckReport {
  subgraph: string;
  /** The subgraph is not in the list yet: the check is its registration. */
  isNew: boolean;
  compositionErrors: Array<{ code: string; message: string }>;
  /** Changes of the API schema clients see, classified by graphql-inspector. */
  changes: Array<{ level: ChangeLevel; type: string; path: string | null; message: string; reason: string | null }>;
  operations: {
    checked: number;
    /** Valid against today's API schema, invalid against the proposed one. */
    broken: Array<{ client: string; name: string | null; source: ClientOperation['source']; count?: number; auditedCallers?: string[]; errors: string[] }>;
    /** Already invalid today (a stale saved operation): not blamed on this change. */
    alreadyInvalid: number;
  };
  passed: boolean;
}

export interface CheckResult {
  report: CheckReport;
  /** The composed supergraph, when composition passed. */
  supergraphSdl?: string;
}

const LEVELS: Record<string, ChangeLevel> = {
  [CriticalityLevel.Breaking]: 'BREAKING',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'SAFE',
};

/** A few composition errors explained in Chinese; the composer's own message follows in every case. */
const COMPOSITION_HINTS: Record<string, string> = {
  INVALID_GRAPHQL: 'SDL 不是有效的 GraphQL',
  FIELD_TYPE_MISMATCH: '同一字段在两个子图中的类型不一致',
  EXTERNAL_MISSING_ON_BASE: '@external 字段在其他子图中不存在',
  SATISFIABILITY_ERROR: '组合后有查询无法被任何子图满足',
  INVALID_FIELD_SHARING: '非 @shareable 字段由多个子图解析',
  KEY_FIELDS_SELECT_INVALID_TYPE: '@key 选择了不可用作键的字段',
  KEY_INVALID_FIELDS: '@key 引用了不存在的字段',
  TYPE_KIND_MISMATCH: '同名类型在两个子图中种类不同',
  ENUM_VALUE_MISMATCH: '枚举值在各子图间不一致',
};

export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/**
 * Composes the proposed subgraph with the current others (the list in `configPath`), classifies
 * every change of the API schema, and validates every client operation against the proposed API
 * schema. Fails on a composition error or an operation that works today and would break.
 */
export async function checkSubgraph(proposed: ProposedSubgraph, options: { configPath: string; operations: ClientOperation[] }): Promise<CheckResult> {
  const entries = readFederationList(options.configPath);
  const current = entries.find((e) => e.name === proposed.name);
  const refused = refusedProposal(proposed);
  const report: CheckReport = {
    subgraph: proposed.name,
    isNew: !current,
    compositionErrors: [],
    changes: [],
    operations: { checked: 0, broken: [], alreadyInvalid: 0 },
    passed: false,
  };
  if (refused) {
    report.compositionErrors.push(refused);
    return { report };
  }
  if (!current && !proposed.routingUrl) {
    report.compositionErrors.push({ code: 'ROUTING_URL_REQUIRED', message: `新子图须给出路由地址 (a new subgraph needs --routing-url): ${proposed.name}` });
    return { report };
  }

  let typeDefs: DocumentNode;
  try {
    typeDefs = parse(proposed.sdl);
  } catch (error) {
    report.compositionErrors.push({ code: 'INVALID_GRAPHQL', message: `${COMPOSITION_HINTS.INVALID_GRAPHQL} (${(error as GraphQLError).message})` });
    return { report };
  }
  const services = entries.map((e) =>
    e.name === proposed.name
      ? { name: e.name, url: proposed.routingUrl ?? e.routingUrl, typeDefs }
      : { name: e.name, url: e.routingUrl, typeDefs: parse(readFileSync(e.schemaFile, 'utf8')) },
  );
  if (!current) services.push({ name: proposed.name, url: proposed.routingUrl!, typeDefs });
  const composed = composeServices(services);
  if (composed.errors) {
    report.compositionErrors = composed.errors.map((e) => {
      const code = String(e.extensions?.code ?? 'COMPOSITION_ERROR');
      return { code, message: COMPOSITION_HINTS[code] ? `${COMPOSITION_HINTS[code]} (${e.message})` : e.message };
    });
    return { report };
  }
  const supergraphSdl = `${composed.supergraphSdl.trim()}\n`;

  const supergraphFile = join(options.configPath, '..', 'supergraph.graphql');
  const before = apiSchemaOf(readFileSync(supergraphFile, 'utf8'));
  const after = apiSchemaOf(supergraphSdl);
  report.changes = (await diff(before, after)).map((change: Change) => ({
    level: LEVELS[change.criticality.level] ?? 'DANGEROUS',
    type: change.type,
    path: change.path ?? null,
    message: change.message,
    reason: change.criticality.reason ?? null,
  }));

  for (const operation of options.operations) {
    let document: DocumentNode;
    try {
      document = parse(operation.document);
    } catch {
      report.operations.alreadyInvalid++;
      continue;
    }
    report.operations.checked++;
    if (validate(before, document).length > 0) {
      report.operations.alreadyInvalid++;
      continue;
    }
    const errors = validate(after, document);
    if (errors.length > 0) {
      report.operations.broken.push({
        client: operation.client,
        name: operation.name,
        source: operation.source,
        ...(operation.count !== undefined ? { count: operation.count } : {}),
        ...(operation.auditedCallers?.length ? { auditedCallers: operation.auditedCallers } : {}),
        errors: errors.map((e) => e.message),
      });
    }
  }
  // A field that loses its personal tag is no longer masked-and-audited by the gateway
  // (personalFieldsOf reads the tags from the supergraph): never a silent change.
  const untagged = [...personalFieldsOf(readFileSync(supergraphFile, 'utf8'))].filter((f) => !personalFieldsOf(supergraphSdl).has(f) && fieldExists(after, f));
  for (const coordinate of untagged) {
    report.changes.push({ level: 'BREAKING', type: 'PERSONAL_TAG_REMOVED', path: coordinate, message: `个人信息标记被移除：${coordinate} 将不再计入审计 (the personal tag was removed from ${coordinate}: its reads would no longer be audited)`, reason: 'seed 004 §四: personal data is read only as the caller may see it, and audited' });
  }
  if (current && proposed.routingUrl && proposed.routingUrl !== current.routingUrl) {
    report.changes.push({ level: 'DANGEROUS', type: 'ROUTING_URL_CHANGED', path: proposed.name, message: `路由地址变更：${current.routingUrl} → ${proposed.routingUrl}，网关将把调用方的令牌转发到新地址 (routing URL changed; the gateway will send callers' tokens there)`, reason: null });
  }
  report.passed = report.operations.broken.length === 0 && untagged.length === 0;
  return { report, supergraphSdl };
}

/** Whether "Type.field" still exists in a schema (a field removed outright is the diff's to report). */
function fieldExists(schema: GraphQLSchema, coordinate: string): boolean {
  const [typeName, fieldName] = coordinate.split('.');
  const type = schema.getType(typeName!) as { getFields?: () => Record<string, unknown> } | undefined;
  return Boolean(type?.getFields?.()[fieldName!]);
}

/** Names and routing URLs the list can hold: a name is a file name too, and never the supergraph's. */
export function refusedProposal(proposed: ProposedSubgraph): { code: string; message: string } | undefined {
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(proposed.name) || proposed.name === 'supergraph') {
    return { code: 'INVALID_SUBGRAPH_NAME', message: `子图名称应为小写字母、数字和连字符，且不能是 supergraph (a subgraph name is lower-case letters, digits and hyphens, at most 41, and not "supergraph"): ${JSON.stringify(proposed.name).slice(0, 60)}` };
  }
  if (proposed.routingUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(proposed.routingUrl);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password) {
      return { code: 'INVALID_ROUTING_URL', message: `路由地址应为不含凭据的 http(s) 地址 (the routing URL must be an http(s) URL without credentials): ${JSON.stringify(proposed.routingUrl).slice(0, 120)}` };
    }
  }
  return undefined;
}

/** Every named operation of `dir`/*.graphql (the safelist's source), its client the file's name. */
export function safelistedOperations(dir: string): ClientOperation[] {
  const operations: ClientOperation[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort()) {
    const document = parse(readFileSync(join(dir, file), 'utf8'));
    const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
      operations.push({ client: basename(file, '.graphql'), name: definition.name.value, document: print({ kind: Kind.DOCUMENT, definitions: [definition, ...fragments] }), source: 'safelist' });
    }
  }
  return operations;
}

/** A report a person can read: Chinese, then English. */
export function formatReport(report: CheckReport): string {
  const lines: string[] = [];
  const count = (level: ChangeLevel) => report.changes.filter((c) => c.level === level).length;
  lines.push(`子图 ${report.subgraph} 的架构检查${report.isNew ? '（新子图注册）' : ''} (schema check of subgraph ${report.subgraph}${report.isNew ? ', a new subgraph' : ''})`);
  if (report.compositionErrors.length > 0) {
    lines.push(`组合：失败，${report.compositionErrors.length} 个错误 (composition failed: ${report.compositionErrors.length} errors)`);
    for (const e of report.compositionErrors) lines.push(`  ✗ [${e.code}] ${e.message}`);
  } else {
    lines.push('组合：通过 (composition: passed)');
    lines.push(`变更：${report.changes.length} 项，破坏性 ${count('BREAKING')}，危险 ${count('DANGEROUS')}，安全 ${count('SAFE')} (changes: ${report.changes.length}; breaking ${count('BREAKING')}, dangerous ${count('DANGEROUS')}, safe ${count('SAFE')})`);
    const label: Record<ChangeLevel, string> = { BREAKING: '破坏性 BREAKING', DANGEROUS: '危险 DANGEROUS', SAFE: '安全 SAFE' };
    for (const c of report.changes) lines.push(`  [${label[c.level]}] ${c.message}${c.reason ? ` — ${c.reason}` : ''}`);
    const { checked, broken, alreadyInvalid } = report.operations;
    lines.push(`客户端操作：检查 ${checked} 个，将失效 ${broken.length} 个${alreadyInvalid ? `，现已无效 ${alreadyInvalid} 个（不计入）` : ''} (client operations: ${checked} checked, ${broken.length} would break${alreadyInvalid ? `, ${alreadyInvalid} invalid already (not counted)` : ''})`);
    for (const b of broken) {
      const from = b.source === 'safelist' ? '白名单 safelisted' : `近期运行 ${b.count ?? 0} 次 (run ${b.count ?? 0} times recently)`;
      lines.push(`  ✗ ${b.name ?? '(匿名 anonymous)'} — 客户端 client ${b.client}, ${from}${b.auditedCallers ? `, 审计所见调用方 audited callers: ${b.auditedCallers.join(', ')}` : ''}`);
      for (const e of b.errors) lines.push(`      ${e}`);
    }
  }
  lines.push(report.passed ? '结果：通过 (result: passed)' : '结果：未通过 (result: failed)');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Publishing and rolling back
// ---------------------------------------------------------------------------------------------

export interface VersionMeta {
  id: string;
  at: string;
  /** What made this version: the state found before the first publish, a publish, or a rollback's target. */
  action: 'initial' | 'publish';
  subgraph: string | null;
  /** The version served before this one. */
  previous: string | null;
}

const CURRENT = 'CURRENT';
const KEEP_VERSIONS = 50;

/** Writes a file so that a reader sees the old content or the new, never a part: a temporary file, fsync, rename. */
export function writeFileAtomic(path: string, content: string): void {
  // A fresh, unpredictable name opened exclusively: a link planted at the temporary name is not followed.
  const temporary = `${path}.${randomBytes(8).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

/** Every file of the schema folder a version holds: the list, each SDL, the supergraph. */
function schemaFiles(schemaDir: string): string[] {
  return readdirSync(schemaDir).filter((f) => f === 'supergraph.yaml' || f.endsWith('.graphql')).sort();
}

function snapshot(schemaDir: string, historyDir: string, meta: Omit<VersionMeta, 'id'>): VersionMeta {
  const stamp = meta.at.replace(/[-:.]/g, '');
  let id = stamp;
  for (let n = 2; existsSync(join(historyDir, id)); n++) id = `${stamp}-${n}`;
  const dir = join(historyDir, id);
  mkdirSync(dir, { recursive: true });
  for (const file of schemaFiles(schemaDir)) writeFileSync(join(dir, file), readFileSync(join(schemaDir, file)));
  const full = { id, ...meta };
  writeFileSync(join(dir, 'meta.json'), `${JSON.stringify(full, null, 2)}\n`);
  return full;
}

export function listVersions(historyDir: string): { versions: VersionMeta[]; current: string | null } {
  if (!existsSync(historyDir)) return { versions: [], current: null };
  const versions = readdirSync(historyDir)
    .filter((d) => existsSync(join(historyDir, d, 'meta.json')))
    .map((d) => JSON.parse(readFileSync(join(historyDir, d, 'meta.json'), 'utf8')) as VersionMeta)
    .sort((a, b) => a.id.localeCompare(b.id));
  const current = existsSync(join(historyDir, CURRENT)) ? readFileSync(join(historyDir, CURRENT), 'utf8').trim() : null;
  return { versions, current };
}

/** One publisher at a time per schema folder: a lock file made exclusively, taken over when older than 10 minutes. */
function withLock<T>(schemaDir: string, run: () => Promise<T>): Promise<T> {
  const lock = join(schemaDir, '.publish.lock');
  try {
    closeSync(openSync(lock, 'wx'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (Date.now() - statSync(lock).mtimeMs < 600_000) {
      throw new Error(`另一次发布正在进行 (another publish holds ${lock}; remove it if no publish is running)`);
    }
    // A stale lock is taken over by one publisher only: each renames it away, one rename wins.
    const stale = `${lock}.${randomBytes(8).toString('hex')}`;
    try {
      renameSync(lock, stale);
    } catch {
      throw new Error(`另一次发布正在进行 (another publish took over ${lock})`);
    }
    rmSync(stale, { force: true });
    closeSync(openSync(lock, 'wx'));
  }
  return run().finally(() => rmSync(lock, { force: true }));
}

/**
 * Replaces the served files by `files` (name → content): the SDLs and the list first, the
 * supergraph last (it is what running gateways watch), each atomically; SDL files that are no
 * longer listed are removed.
 */
function writeSchemaFiles(schemaDir: string, files: Map<string, string>): void {
  const ordered = [...files.keys()].sort((a, b) => Number(a === 'supergraph.graphql') - Number(b === 'supergraph.graphql'));
  for (const name of ordered) writeFileAtomic(join(schemaDir, name), files.get(name)!);
  for (const name of schemaFiles(schemaDir)) if (!files.has(name)) rmSync(join(schemaDir, name));
}

export interface PublishResult extends CheckResult {
  version?: VersionMeta;
}

/**
 * Publishes a proposed subgraph after a passing check: its SDL file, its entry in the list (a
 * new subgraph, or a changed routing URL; one run by another system is marked `external`), and
 * the supergraph, written atomically. The state before and the state after are kept in
 * `historyDir`; `rollbackTo` returns to any of them.
 */
export async function publishSubgraph(
  proposed: ProposedSubgraph & { external?: boolean },
  options: { configPath: string; historyDir: string; operations: ClientOperation[]; now?: () => Date },
): Promise<PublishResult> {
  const schemaDir = join(options.configPath, '..');
  const now = options.now ?? (() => new Date());
  return withLock(schemaDir, async () => {
    const checked = await checkSubgraph(proposed, options);
    if (!checked.report.passed || !checked.supergraphSdl) return checked;

    let { current } = listVersions(options.historyDir);
    if (!current) current = snapshot(schemaDir, options.historyDir, { at: now().toISOString(), action: 'initial', subgraph: null, previous: null }).id;

    const list = YAML.parseDocument(readFileSync(options.configPath, 'utf8'));
    const entryPath = ['subgraphs', proposed.name];
    const file = `${proposed.name}.graphql`;
    if (!list.hasIn(entryPath)) {
      list.setIn(entryPath, list.createNode({ routing_url: proposed.routingUrl, schema: { file: `./${file}` }, ...(proposed.external ? { external: true } : {}) }));
    } else if (proposed.routingUrl) {
      list.setIn([...entryPath, 'routing_url'], proposed.routingUrl);
    }
    const sdlFile = basename(String(list.getIn([...entryPath, 'schema', 'file']) ?? file));
    const files = new Map<string, string>();
    for (const name of schemaFiles(schemaDir)) files.set(name, readFileSync(join(schemaDir, name), 'utf8'));
    files.set(sdlFile, proposed.sdl.endsWith('\n') ? proposed.sdl : `${proposed.sdl}\n`);
    files.set('supergraph.yaml', list.toString());
    files.set('supergraph.graphql', checked.supergraphSdl);
    writeSchemaFiles(schemaDir, files);

    const version = snapshot(schemaDir, options.historyDir, { at: now().toISOString(), action: 'publish', subgraph: proposed.name, previous: current });
    writeFileAtomic(join(options.historyDir, CURRENT), `${version.id}\n`);
    prune(options.historyDir, version.id);
    return { ...checked, version };
  });
}

/** Restores a kept version (default: the one served before the current one) and makes it current. */
export async function rollbackTo(options: { configPath: string; historyDir: string; to?: string }): Promise<VersionMeta> {
  const schemaDir = join(options.configPath, '..');
  return withLock(schemaDir, async () => {
    const { versions, current } = listVersions(options.historyDir);
    const currentMeta = versions.find((v) => v.id === current);
    const target = options.to ?? currentMeta?.previous ?? undefined;
    const meta = versions.find((v) => v.id === target);
    if (!meta) {
      throw new Error(target ? `没有这个版本 (no such version): ${target}` : '没有可回滚的上一版本 (no previous version to roll back to)');
    }
    const dir = join(options.historyDir, meta.id);
    const files = new Map<string, string>();
    for (const name of readdirSync(dir).filter((f) => f !== 'meta.json')) files.set(name, readFileSync(join(dir, name), 'utf8'));
    apiSchemaOf(files.get('supergraph.graphql') ?? ''); // a kept version that is not a supergraph is not restored
    writeSchemaFiles(schemaDir, files);
    writeFileAtomic(join(options.historyDir, CURRENT), `${meta.id}\n`);
    return meta;
  });
}

/** Keeps the newest KEEP_VERSIONS versions, and always the current one and its predecessor. */
function prune(historyDir: string, currentId: string): void {
  const { versions } = listVersions(historyDir);
  const keep = new Set(versions.slice(-KEEP_VERSIONS).map((v) => v.id));
  keep.add(currentId);
  const previous = versions.find((v) => v.id === currentId)?.previous;
  if (previous) keep.add(previous);
  for (const v of versions) if (!keep.has(v.id)) rmSync(join(historyDir, v.id), { recursive: true, force: true });
}

/** A running subgraph's SDL, as federation serves it (`{ _service { sdl } }`). */
export const MAX_SDL_ANSWER_BYTES = 5 * 1024 * 1024;

export async function fetchSubgraphSdl(url: string, timeoutMs = 10_000): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error', // the SDL is read from the URL given, nowhere else
  });
  const text = await readCapped(response, MAX_SDL_ANSWER_BYTES, url);
  const body = (() => {
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  })() as { data?: { _service?: { sdl?: string } }; errors?: Array<{ message: string }> } | null;
  const sdl = body?.data?._service?.sdl;
  if (!response.ok || typeof sdl !== 'string' || sdl.trim() === '') {
    throw new Error(`无法从 ${url} 读取子图 SDL (could not read the subgraph's SDL from ${url}: HTTP ${response.status}${body?.errors ? `, ${String(body.errors[0]?.message).slice(0, 200)}` : ''})`);
  }
  return sdl;
}

/** A response's body as text, refused past `max` bytes. */
async function readCapped(response: Response, max: number, url: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > max) throw new Error(`子图 SDL 应答超过 ${max} 字节 (the answer from ${url} is larger than ${max} bytes)`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
