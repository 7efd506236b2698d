import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';
import { signToken, type Role } from '../../subgraphs/kit/index.js';

export interface ImportTotals {
  accepted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** `rule` when the mutation selects it (errors { row field code rule message }). */
  errors: Array<{ row: number; field: string | null; code: string; rule?: string | null; message: string }>;
}

export interface ImportCliOptions<Row> {
  /** The npm script, for help texts: import:court */
  name: string;
  description: string;
  /** A mutation taking `$rows` and selecting `accepted updated unchanged rejected errors { row field code message }` (and `rule`, printed when selected). */
  mutation: string;
  /** The mutation's field name in `data`. */
  resultField: string;
  /**
   * The role of the development token used when neither --token nor CREDIT_TOKEN is given. None: a
   * token is required, because no one role is the sender (import:dishonesty: the court, a unit,
   * PERSONNEL or the credit office each send their own decisions; a default would send as the
   * credit office, which may send any kind).
   */
  role?: Exclude<Role, 'PUBLIC'>;
  /** Without `role`: who the token must be, for the error when none is given. */
  tokenHint?: string;
  /** Turns the parsed file (JSON value, or CSV records with string values) into rows for the mutation. */
  toRows(content: unknown, format: 'json' | 'csv'): Row[];
  defaultBatchSize?: number;
}

/** Reads a JSON or CSV file into a JSON value or an array of records (CSV header = field names). */
export function readImportFile(path: string, format?: 'json' | 'csv'): { content: unknown; format: 'json' | 'csv' } {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const kind = format ?? (extname(path).toLowerCase() === '.csv' ? 'csv' : 'json');
  return kind === 'csv'
    ? { content: parseCsv(text, { columns: true, skip_empty_lines: true, trim: true }), format: 'csv' }
    : { content: JSON.parse(text), format: 'json' };
}

/**
 * Posts rows to an import mutation in batches, one transaction each on the server, with a
 * progress bar. Row numbers in errors are those of the file (from 1). A batch the server has
 * committed stays committed; the imports are idempotent, so a re-run after an interruption
 * completes the file.
 */
export async function postInBatches<Row>(
  rows: Row[],
  options: { url: string; token: string; mutation: string; resultField: string; batchSize: number; onBatch?: (done: number) => void },
): Promise<ImportTotals> {
  const totals: ImportTotals = { accepted: 0, updated: 0, unchanged: 0, rejected: 0, errors: [] };
  for (let start = 0; start < rows.length; start += options.batchSize) {
    const batch = rows.slice(start, start + options.batchSize);
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
      body: JSON.stringify({ query: options.mutation, variables: { rows: batch } }),
    });
    const body = (await response.json()) as { data?: Record<string, ImportTotals>; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    if (body.errors?.length || !body.data?.[options.resultField]) {
      const first = body.errors?.[0];
      throw new Error(`batch from row ${start + 1} failed: ${first?.extensions?.code ?? response.status} ${first?.message ?? ''}`);
    }
    const result = body.data[options.resultField]!;
    totals.accepted += result.accepted;
    totals.updated += result.updated;
    totals.unchanged += result.unchanged;
    totals.rejected += result.rejected;
    totals.errors.push(...result.errors.map((e) => ({ ...e, row: e.row + start })));
    options.onBatch?.(start + batch.length);
  }
  return totals;
}

/** The command-line front of an import: `npm run <name> -- FILE [--url] [--token] [--batch-size]`. */
export async function runImportCli<Row>(options: ImportCliOptions<Row>): Promise<void> {
  const program = new Command()
    .name(options.name)
    .description(options.description)
    .argument('<file>', 'JSON or CSV file (by extension, or --format)')
    .option('--url <url>', 'GraphQL endpoint (the gateway, or the subgraph itself)', process.env.CREDIT_IMPORT_URL ?? 'http://127.0.0.1:4000/graphql')
    .option('--token <jwt>', options.role ? 'bearer token (default: CREDIT_TOKEN, else a development token)' : 'bearer token (default: CREDIT_TOKEN; one of them is required)')
    .option('--format <format>', 'json or csv', (value: string) => {
      if (value !== 'json' && value !== 'csv') throw new InvalidArgumentError('json or csv');
      return value;
    })
    .option('--batch-size <n>', 'rows per request (one transaction each)', (value: string) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError('1 to 10000');
      return n;
    }, options.defaultBatchSize ?? 1_000)
    .option('--quiet', 'no progress bar', false)
    .parse();

  const [file] = program.args;
  const cli = program.opts<{ url: string; token?: string; format?: 'json' | 'csv'; batchSize: number; quiet: boolean }>();
  const { content, format } = readImportFile(file!, cli.format);
  const rows = options.toRows(content, format);
  let token = cli.token ?? process.env.CREDIT_TOKEN;
  if (!token && !options.role) {
    // Exits 1 before anything is read from the server or sent to it.
    program.error(`error: ${options.name} needs the sender's own token: --token <jwt> or CREDIT_TOKEN${options.tokenHint ? ` (${options.tokenHint})` : ''}; \`npm run token -- --role <ROLE>\` prints one for development`);
  }
  if (!token) {
    console.error(`no --token or CREDIT_TOKEN: using a development ${options.role} token`);
    token = await signToken({ sub: `${options.name}-cli`, roles: [options.role!], expiresIn: '1h' });
  }
  const bar = !cli.quiet && rows.length > 0 ? new SingleBar({ format: `  ${options.name} {bar} {percentage}% | {value}/{total} rows | {duration}s` }, Presets.shades_classic) : null;
  bar?.start(rows.length, 0);
  const started = Date.now();
  try {
    const totals = await postInBatches(rows, { url: cli.url, token, mutation: options.mutation, resultField: options.resultField, batchSize: cli.batchSize, onBatch: (done) => bar?.update(done) });
    bar?.stop();
    console.log(JSON.stringify({ file, rows: rows.length, accepted: totals.accepted, updated: totals.updated, unchanged: totals.unchanged, rejected: totals.rejected, seconds: (Date.now() - started) / 1000 }));
    for (const error of totals.errors.slice(0, 100)) console.error(`row ${error.row}${error.field ? ` [${error.field}]` : ''} ${error.code}${error.rule ? ` ${error.rule}` : ''}: ${error.message}`);
    if (totals.errors.length > 100) console.error(`… and ${totals.errors.length - 100} more rejected rows`);
    // 3: the file was imported but some rows were rejected (reported above)
    process.exitCode = totals.rejected > 0 ? 3 : 0;
  } catch (error) {
    bar?.stop();
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
