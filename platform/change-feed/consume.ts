import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import YAML from 'yaml';
import { signToken } from '../auth.js';
import type { ChangeEntry } from './change-entry.js';

/** A subgraph whose change feed a consumer reads: its name and the base URL of its HTTP server. */
export interface FeedSource {
  name: string;
  /** e.g. http://127.0.0.1:4003 (the feed is at /changes). */
  baseUrl: string;
}

/** One entry as consumers receive it (the feed's JSON). */
export type FeedEntry = Pick<ChangeEntry, 'seq' | 'at' | 'entity' | 'operation' | 'ids' | 'organizations' | 'officials' | 'regions'>;

export interface FeedPageJson {
  entries: FeedEntry[];
  head: number;
  next: number;
}

/**
 * Why a feed cannot be read from a cursor: the consumer must rebuild from scratch rather than
 * silently start again from zero (the source was reseeded, or the cursor is past retention).
 */
export class FeedCursorLost extends Error {
  constructor(
    readonly source: string,
    readonly code: 'FEED_CURSOR_EXPIRED' | 'CURSOR_AHEAD',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The subgraphs that publish feeds, from the supergraph the gateway serves (every
 * `join__graph` but the reader's own), each overridable as at the gateway with
 * CREDIT_SUBGRAPH_URL_<NAME>. A subgraph added to schema/supergraph.yaml is read without
 * any change here. Subgraphs run by other systems (`external: true` in the supergraph.yaml beside
 * the supergraph, registered by `npm run schema:publish`) keep no feed and are not read.
 */
export function feedSourcesFromSupergraph(
  except: string,
  env: NodeJS.ProcessEnv = process.env,
  supergraphFile = resolve(env.CREDIT_SUPERGRAPH ?? 'schema/supergraph.graphql'),
): FeedSource[] {
  const sdl = readFileSync(supergraphFile, 'utf8');
  const sources: FeedSource[] = [];
  const external = externalSubgraphsBeside(supergraphFile);
  for (const match of sdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    const [, name, url] = match as unknown as [string, string, string];
    if (name === except || external.has(name)) continue;
    const override = env[`CREDIT_SUBGRAPH_URL_${name.toUpperCase().replace(/-/g, '_')}`];
    sources.push({ name, baseUrl: new URL(override ?? url).origin });
  }
  return sources.sort((a, b) => a.name.localeCompare(b.name));
}

/** Names listed `external: true` in the supergraph.yaml beside a supergraph file, if there is one. */
function externalSubgraphsBeside(supergraphFile: string): Set<string> {
  const list = join(dirname(supergraphFile), 'supergraph.yaml');
  if (!existsSync(list)) return new Set();
  const config = YAML.parse(readFileSync(list, 'utf8')) as { subgraphs?: Record<string, { external?: boolean }> };
  return new Set(Object.entries(config.subgraphs ?? {}).filter(([, entry]) => entry?.external === true).map(([name]) => name));
}

/**
 * A service token for the federation's own readers (role CONSUMER), signed with this
 * deployment's secret and renewed well before it expires.
 */
export function serviceToken(subject: string): () => Promise<string> {
  let token: { value: string; renewAt: number } | undefined;
  return async () => {
    if (!token || Date.now() > token.renewAt) token = { value: await signToken({ sub: subject, roles: ['CONSUMER'], expiresIn: '1h' }), renewAt: Date.now() + 30 * 60_000 };
    return token.value;
  };
}

/** Reads subgraphs' feeds over HTTP (GET /changes), as a consumer with a CONSUMER token. */
export class FeedClient {
  constructor(
    private readonly token: () => Promise<string>,
    private readonly timeoutMs = 10_000,
  ) {}

  private async get(source: FeedSource, path: string, waitMs = 0, signal?: AbortSignal): Promise<any> {
    const timeout = AbortSignal.timeout(this.timeoutMs + waitMs);
    const response = await fetch(`${source.baseUrl}${path}`, { headers: { authorization: `Bearer ${await this.token()}` }, signal: signal ? AbortSignal.any([timeout, signal]) : timeout });
    const body = (await response.json().catch(() => ({}))) as any;
    if (response.ok) return body;
    const extensions = body?.errors?.[0]?.extensions ?? {};
    if (extensions.code === 'FEED_CURSOR_EXPIRED' || extensions.rule === 'CURSOR_AHEAD') {
      throw new FeedCursorLost(source.name, extensions.code === 'FEED_CURSOR_EXPIRED' ? 'FEED_CURSOR_EXPIRED' : 'CURSOR_AHEAD', `${source.name}: ${body.errors[0].message}`);
    }
    throw new Error(`${source.name} feed answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }

  /**
   * Entries after `after`, at most `limit`. With `waitMs`, a feed with nothing newer holds the
   * answer until something arrives or the wait is over (long polling); `signal` gives up waiting.
   */
  page(source: FeedSource, after: number, limit: number, options: { waitMs?: number; signal?: AbortSignal } = {}): Promise<FeedPageJson> {
    const waitMs = Math.max(0, Math.floor(options.waitMs ?? 0));
    return this.get(source, `/changes?after=${after}&limit=${limit}${waitMs > 0 ? `&wait=${waitMs}` : ''}`, waitMs, options.signal);
  }

  /** The newest sequence number of a source's feed (0 when empty). */
  async head(source: FeedSource): Promise<number> {
    return Number((await this.get(source, '/changes/head')).head);
  }
}
