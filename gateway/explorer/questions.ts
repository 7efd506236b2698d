// The saved audit questions: gateway/explorer/questions/*.graphql, each one named operation under
// a header of comment lines the explorer lists them by:
//   # 标题: 中文标题
//   # Title: English title
//   # 用途 (purpose): what an auditor learns from it (may run on over more "#   " lines)
//   # 依据 (seed): the work plan paragraph it answers to (optional)
//   # 变量 (variables): {"regionCode": "231100"}
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const QUESTIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'questions');

export interface SavedQuestion {
  /** The file's name without .graphql: stable, used in links and tests. */
  id: string;
  title: string;
  titleEn: string;
  purpose: string;
  seed: string | null;
  variables: Record<string, unknown>;
  /** The whole file, header included: it documents the query in the editor too. */
  query: string;
}

const KEYS: Record<string, keyof SavedQuestion> = {
  '标题': 'title',
  'title': 'titleEn',
  '用途 (purpose)': 'purpose',
  '依据 (seed)': 'seed',
  '变量 (variables)': 'variables',
};

/** A question's header, read from its leading comment lines; throws naming what is missing or wrong. */
export function parseQuestion(id: string, text: string): SavedQuestion {
  const fields: Record<string, string> = {};
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('#')) break;
    const match = /^#\s*([^:：]+?)\s*[:：]\s?(.*)$/.exec(line);
    const key = match ? KEYS[match[1].toLowerCase() === 'title' ? 'title' : match[1]] : undefined;
    if (match && key) {
      last = key;
      fields[key] = match[2].trim();
    } else if (last && /^#\s{2,}\S/.test(line)) {
      fields[last] += ' ' + line.replace(/^#\s+/, '').trim(); // a continued value
    }
  }
  for (const key of ['title', 'titleEn', 'purpose', 'variables']) {
    if (!fields[key]) throw new Error(`${id}.graphql: the header has no ${Object.keys(KEYS).find((k) => KEYS[k] === key)} line`);
  }
  let variables: unknown;
  try {
    variables = JSON.parse(fields.variables);
  } catch {
    throw new Error(`${id}.graphql: 变量 (variables) is not JSON: ${fields.variables}`);
  }
  if (!variables || typeof variables !== 'object' || Array.isArray(variables)) throw new Error(`${id}.graphql: 变量 (variables) must be a JSON object`);
  return { id, title: fields.title, titleEn: fields.titleEn, purpose: fields.purpose, seed: fields.seed ?? null, variables: variables as Record<string, unknown>, query: text };
}

/** Every saved question, in file-name order (files are numbered to keep a useful order). */
export function loadQuestions(dir = QUESTIONS_DIR): SavedQuestion[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => parseQuestion(basename(f, '.graphql'), readFileSync(join(dir, f), 'utf8')));
}
