// Every string argument of the supergraph, at the top of a field and inside its input objects,
// given hostile values through the gateway: NUL, 100 kB, LIKE wildcards, right-to-left and
// combining characters. Each answer must be a normal one or a coded error, never
// INTERNAL_SERVER_ERROR and never an HTTP 5xx (issue 13: "input hygiene in the kit").
import {
  buildClientSchema, getIntrospectionQuery, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType,
  isScalarType, type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLSchema, type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { signToken } from '../../subgraphs/kit/index.js';
import { post } from '../helpers.js';
import { startTestStack, type TestStack } from './test-stack.js';

const registry = buildDemoRegistry();
const unit = registry.organizations.find((o) => registry.officials.some((p) => p.organizationUscc === o.uscc))!;
let stack: TestStack;
let schema: GraphQLSchema;
let everyRole: Record<string, string>;

const HOSTILE: Record<string, string> = {
  NUL: 'a\u0000b',
  '100 kB': '字'.repeat(100_000 / 3),
  wildcards: '%_%\\%',
  RTL: '\u202Eتجربة\u202C',
  combining: `e${'\u0301'.repeat(40)}`,
};

/** Plausible values for the arguments that are not under test, so the call gets past them. */
const PLAUSIBLE: Record<string, unknown> = { uscc: unit.uscc, regionCode: '231100', code: '231100', year: 2026, half: 1, first: 3 };

beforeAll(async () => {
  stack = await startTestStack();
  const introspection = await post(stack.gatewayUrl, getIntrospectionQuery());
  schema = buildClientSchema(introspection.data as IntrospectionQuery);
  // One caller with every role reaches the most code paths.
  const jwt = await signToken({ sub: 'hostile-walker', roles: ['ADMIN', 'AUDITOR', 'COURT', 'FINANCE', 'TRAINING', 'ORGANIZATION'], uscc: unit.uscc });
  everyRole = { authorization: `Bearer ${jwt}` };
}, 120_000);

afterAll(() => stack?.close());

/** A minimal value of a type: required input fields only, lists of one. */
function minimal(type: GraphQLInputType, name: string, depth = 0): unknown {
  if (isNonNullType(type)) return minimal(type.ofType, name, depth);
  if (isListType(type)) return depth > 3 ? [] : [minimal(type.ofType, name, depth + 1)];
  if (PLAUSIBLE[name] !== undefined) return PLAUSIBLE[name];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, minimal(f.type, f.name, depth + 1)]));
  }
  if (isScalarType(type)) return { Int: 1, Float: 1, Boolean: true }[type.name] ?? 'x';
  return null;
}

/** Paths (argument, then input fields) to every String or ID position, required or not. */
function stringPaths(type: GraphQLInputType, path: string[], depth = 0): string[][] {
  const named = getNamedType(type);
  if (isScalarType(named)) return named.name === 'String' || named.name === 'ID' ? [path] : [];
  if (isInputObjectType(named) && depth < 3) return Object.values(named.getFields()).flatMap((f) => stringPaths(f.type, [...path, f.name], depth + 1));
  return [];
}

/** Arguments with the value at `path` replaced (lists: their first element). */
function withValue(args: readonly GraphQLArgument[], path: string[], value: string): Record<string, unknown> {
  const variables: Record<string, unknown> = Object.fromEntries(args.map((a) => [a.name, minimal(a.type, a.name)]));
  let holder: any = variables;
  let type: GraphQLInputType = args.find((a) => a.name === path[0])!.type;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const last = i === path.length - 1;
    const bare = isNonNullType(type) ? type.ofType : type;
    if (last) {
      holder[key] = isListType(bare) ? [value] : value;
      break;
    }
    let next = holder[key] ?? minimal(type, key);
    if (Array.isArray(next)) next = next[0] ?? minimal((bare as any).ofType, key);
    holder[key] = isListType(bare) ? [next] : next;
    holder = next;
    const inner = getNamedType(type);
    type = (inner as any).getFields()[path[i + 1]!].type;
  }
  return variables;
}

function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const definitions = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const call = field.args.length ? `(${field.args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  const selection = isObjectType(getNamedType(field.type)) || !isScalarType(getNamedType(field.type)) && !isEnumType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind}${definitions ? `(${definitions})` : ''} { ${field.name}${call}${selection} }`;
}

describe('hostile strings in every string argument of the supergraph', () => {
  it('get a coded error or a normal answer, never an internal error', async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const [kind, root] of [['query', schema.getQueryType()!], ['mutation', schema.getMutationType()!]] as const) {
      for (const field of Object.values(root.getFields())) {
        if (field.name.startsWith('_')) continue;
        const paths = field.args.flatMap((a) => stringPaths(a.type, [a.name]));
        for (const path of paths) {
          for (const [label, value] of Object.entries(HOSTILE)) {
            calls++;
            const result = await post(stack.gatewayUrl, operation(kind, field), withValue(field.args, path, value), everyRole);
            const codes = (result.errors ?? []).map((e) => String(e.extensions?.code));
            if (result.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR') || codes.includes('undefined')) {
              failures.push(`${field.name}(${path.join('.')}) ${label}: HTTP ${result.status} ${codes.join(',')} ${result.errors?.[0]?.message?.slice(0, 120) ?? ''}`);
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(200);
    expect(failures).toEqual([]);
  }, 300_000);

  it('refuses NUL and an over-long search pattern naming the field and rule, also in the portal\'s safelisted operation', async () => {
    const nul = await post(stack.gatewayUrl, '{ organizations(filter: { nameContains: "局\\u0000" }) { totalCount } }');
    expect(nul.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.nameContains', rule: 'CONTROL_CHARACTER' });
    const long = await post(stack.gatewayUrl, 'query($f: OrganizationFilter) { organizations(filter: $f) { totalCount } }', { f: { nameContains: '局'.repeat(50_000) } }, everyRole);
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: '$f.nameContains', rule: 'SEARCH_PATTERN' });
    expect(long.status).toBe(400);
  });
});
