// Walks every query field of the supergraph reachable by PUBLIC, with sample arguments over
// the demo data, and looks for personal values in the answers: no ID number, no person's
// phone, no official's full name may reach an anonymous caller. The same walk as AUDITOR
// must find them (so the walk really reaches the personal fields).
import {
  getIntrospectionQuery, type IntrospectionField, type IntrospectionObjectType, type IntrospectionQuery, type IntrospectionTypeRef,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCommitments } from '../../scripts/demo-data/commitments.js';
import { buildDemoContracts } from '../../scripts/demo-data/contracts.js';
import { buildDemoCourtDebtors } from '../../scripts/demo-data/court-debtors.js';
import { buildDemoTraining } from '../../scripts/demo-data/training.js';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { officialPseudonym } from '../../subgraphs/kit/index.js';
import { bearer, post } from '../helpers.js';
import { sharedTestStack, type ReadOnlyStack } from './test-stack.js';

const registry = buildDemoRegistry();
const commitments = buildDemoCommitments(registry);
const contracts = buildDemoContracts(registry);
const training = buildDemoTraining(registry);
const courts = buildDemoCourtDebtors(registry);
let stack: ReadOnlyStack;
let types: Map<string, IntrospectionObjectType>;

// A unit with data in every domain makes the walk reach the most fields.
const letter = commitments.letters.find((l) => l.year === 2026 && l.status === 'PUBLISHED' && commitments.complaints.some((c) => c.organizationUscc === l.organizationUscc))!;
const sampleOfficial = registry.officials.find((o) => o.organizationUscc === letter.organizationUscc)!;

/** Sample values by "field.argument", then by argument name. */
const SAMPLES: Record<string, unknown> = {
  'official.id': officialPseudonym(sampleOfficial.idNumber),
  'officialsById.ids': [officialPseudonym(sampleOfficial.idNumber)],
  'organizationsByUscc.usccs': [letter.organizationUscc],
  'commitmentLetter.id': letter.id,
  'commitmentItem.id': commitments.items.find((i) => i.letterId === letter.id)!.id,
  'commitmentComplaint.id': commitments.complaints.find((c) => c.organizationUscc === letter.organizationUscc)!.id,
  'contract.id': contracts.responsibilities[0]!.contractId,
  'contractComplaint.id': contracts.complaints.find((c) => c.contactPhone && c.contactName)!.id,
  'trainingSession.id': training.sessions[0]!.id,
  'debtorRecord.caseNumber': courts.records.find((r) => r.status === 'ACTIVE')!.row.caseCode,
  // The lookups of the records an assessment cites (a pending case is null to PUBLIC; the AUDITOR walk reaches it).
  'pendingCase.caseNumber': courts.pendingCases.find((p) => p.status === 'PENDING')!.caseCode,
  'contractMilestone.id': contracts.milestones.find((m) => m.contractId === contracts.responsibilities[0]!.contractId)?.id ?? contracts.milestones[0]!.id,
  'contractBreach.id': contracts.breaches[0]!.id,
  'trainingPlan.organizationUscc': training.plans[0]!.organizationUscc,
  uscc: letter.organizationUscc,
  acceptingUnitUscc: letter.organizationUscc,
  code: '231100',
  regionCode: '231100',
  parentCode: '231100',
  year: 2026,
  half: 1,
  quarter: '2026Q3',
  first: 3,
};

const personal = {
  idNumbers: new Set(registry.officials.map((o) => o.idNumber)),
  phones: new Set([
    ...registry.officials.map((o) => o.phone),
    ...commitments.complaints.map((c) => c.contact),
    ...contracts.complaints.map((c) => c.contactPhone),
  ].filter((p): p is string => !!p)),
  names: new Set([
    ...registry.officials.map((o) => o.name),
    ...contracts.complaints.map((c) => c.contactName),
    ...courts.records.map((r) => r.row.businessEntity),
  ].filter((n): n is string => !!n)),
};

function named(ref: IntrospectionTypeRef): { name: string; kind: string } {
  let t: any = ref;
  while (t.ofType) t = t.ofType;
  return { name: t.name, kind: t.kind };
}

function argumentsFor(owner: string, field: IntrospectionField): string | null {
  const parts: string[] = [];
  for (const arg of field.args) {
    const sample = SAMPLES[`${owner}.${arg.name}`] ?? SAMPLES[arg.name];
    // A non-null argument with a default (e.g. integrityRegionRanking's `by`) can be left out.
    const required = arg.type.kind === 'NON_NULL' && arg.defaultValue == null;
    if (sample === undefined) {
      if (required) return null;
      continue;
    }
    parts.push(`${arg.name}: ${JSON.stringify(sample)}`);
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

/** Every field to a depth, objects followed, cycles cut by the depth. */
function selection(typeName: string, depth: number): string {
  const type = types.get(typeName);
  if (!type || depth === 0) return '__typename';
  const fields: string[] = [];
  for (const field of type.fields) {
    const args = argumentsFor(field.name, field);
    if (args === null) continue;
    const target = named(field.type);
    if (target.kind === 'OBJECT') fields.push(`${field.name}${args} { ${selection(target.name, depth - 1)} }`);
    else if (target.kind === 'SCALAR' || target.kind === 'ENUM') fields.push(`${field.name}${args}`);
  }
  return fields.length ? fields.join(' ') : '__typename';
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

async function walk(headers: Record<string, string>): Promise<{ values: string[]; unsampled: string[]; refused: string[] }> {
  const query = types.get('Query')!;
  const values: string[] = [];
  const unsampled: string[] = [];
  const refused: string[] = [];
  for (const field of query.fields) {
    if (field.name.startsWith('_')) continue;
    const args = argumentsFor(field.name, field);
    if (args === null) {
      unsampled.push(field.name);
      continue;
    }
    const target = named(field.type);
    let answered = false;
    for (const depth of [5, 4, 3, 2]) {
      const body = target.kind === 'OBJECT' ? `{ ${selection(target.name, depth)} }` : '';
      const result = await post(stack.gatewayUrl, `{ ${field.name}${args} ${body} }`, {}, headers);
      const limited = result.errors?.some((e) => /_LIMIT$/.test(String(e.extensions?.code)));
      if (limited) continue;
      values.push(...strings(result.data));
      answered = true;
      break;
    }
    if (!answered) refused.push(field.name);
  }
  return { values, unsampled, refused };
}

beforeAll(async () => {
  stack = await sharedTestStack();
  const introspection = await post(stack.gatewayUrl, getIntrospectionQuery());
  types = new Map(
    (introspection.data as IntrospectionQuery).__schema.types.filter((t): t is IntrospectionObjectType => t.kind === 'OBJECT').map((t) => [t.name, t]),
  );
}, 120_000);

afterAll(() => stack?.close());

describe('PUBLIC sees no personal data anywhere in the supergraph', () => {
  it('walks every query field and finds no ID number, phone or official\'s full name', async () => {
    const { values, unsampled, refused } = await walk({});
    expect(unsampled, 'query fields without sample arguments: add them to SAMPLES').toEqual([]);
    expect(refused, 'query fields refused at every depth').toEqual([]);
    expect(values.length).toBeGreaterThan(500);
    expect(values.filter((v) => personal.idNumbers.has(v))).toEqual([]);
    expect(values.filter((v) => personal.phones.has(v))).toEqual([]);
    expect(values.filter((v) => personal.names.has(v))).toEqual([]);
  });

  it('the same walk as AUDITOR finds them (the walk reaches the personal fields)', async () => {
    const { values } = await walk({ authorization: await bearer('AUDITOR') });
    expect(values.some((v) => personal.idNumbers.has(v))).toBe(true);
    expect(values.some((v) => personal.phones.has(v))).toBe(true);
    expect(values.some((v) => personal.names.has(v))).toBe(true);
  });
});
