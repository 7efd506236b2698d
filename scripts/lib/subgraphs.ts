import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import YAML from 'yaml';
import { printFederatedSdl, type Seeder, type SubgraphDefinition } from '../../subgraphs/kit/index.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * The subgraph list. CREDIT_SUPERGRAPH_CONFIG points elsewhere (e.g. a private list while a
 * new subgraph is under construction); its SDL files and supergraph.graphql sit beside it.
 */
export const SUPERGRAPH_CONFIG = resolve(ROOT, process.env.CREDIT_SUPERGRAPH_CONFIG ?? 'schema/supergraph.yaml');
export const SCHEMA_DIR = dirname(SUPERGRAPH_CONFIG);
export const SUPERGRAPH_FILE = join(SCHEMA_DIR, 'supergraph.graphql');

export interface SubgraphEntry {
  name: string;
  routingUrl: string;
  port: number;
  schemaFile: string;
  /**
   * Run by another system (`external: true` in the list, registered by `npm run schema:publish --
   * --url`): no code here, its published SDL file is its schema, and nothing here starts it.
   */
  external: boolean;
}

interface SubgraphListFile {
  subgraphs: Record<string, { routing_url: string; schema: { file: string }; external?: boolean }>;
}

/** Every subgraph of the federation in a supergraph.yaml (default schema/supergraph.yaml), in its order. */
export function readFederationList(configPath = SUPERGRAPH_CONFIG): SubgraphEntry[] {
  const config = YAML.parse(readFileSync(configPath, 'utf8')) as SubgraphListFile;
  return Object.entries(config.subgraphs).map(([name, entry]) => ({
    name,
    routingUrl: entry.routing_url,
    port: Number(new URL(entry.routing_url).port),
    schemaFile: join(dirname(configPath), entry.schema.file),
    external: entry.external === true,
  }));
}

/** The subgraphs this repository runs (every one of the list but those run by other systems). */
export function readSubgraphList(): SubgraphEntry[] {
  return readFederationList().filter((entry) => !entry.external);
}

/** By convention `subgraphs/<name>/schema.ts` exports `subgraph` and `seed.ts` exports `seed`. */
export async function loadDefinition(name: string): Promise<SubgraphDefinition<any>> {
  const module = (await import(pathToFileURL(join(ROOT, 'subgraphs', name, 'schema.ts')).href)) as { subgraph: SubgraphDefinition<any> };
  return module.subgraph;
}

export async function loadSeeder(name: string): Promise<Seeder | null> {
  try {
    return ((await import(pathToFileURL(join(ROOT, 'subgraphs', name, 'seed.ts')).href)) as { seed: Seeder }).seed;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return null;
    throw error;
  }
}

export interface RenderedSchemas {
  /** Absolute path → content, for every subgraph SDL and the supergraph. */
  files: Map<string, string>;
}

/**
 * Prints every listed subgraph's SDL and composes the supergraph; throws on composition errors.
 * A subgraph run by another system is composed from its published SDL file as it is.
 */
export async function renderSchemas(): Promise<RenderedSchemas> {
  const files = new Map<string, string>();
  const services = [];
  for (const entry of readFederationList()) {
    let sdl: string;
    if (entry.external) {
      sdl = readFileSync(entry.schemaFile, 'utf8');
    } else {
      const definition = await loadDefinition(entry.name);
      sdl = printFederatedSdl(await definition.buildSchema());
      files.set(entry.schemaFile, sdl);
    }
    services.push({ name: entry.name, url: entry.routingUrl, typeDefs: parse(sdl) });
  }
  const composed = composeServices(services);
  if (composed.errors) {
    throw new Error(`composition failed (组合失败):\n${composed.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  files.set(SUPERGRAPH_FILE, `${composed.supergraphSdl.trim()}\n`);
  return { files };
}

export function writeSchemas(rendered: RenderedSchemas): void {
  for (const [path, content] of rendered.files) writeFileSync(path, content);
}
