import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode, type ValueNode } from 'graphql';

/**
 * Input hygiene for every string a request carries, in argument literals and in variables,
 * checked once before any resolver (and so before any SQL) runs. The resolvers' own rules
 * (a USCC's check digits, a text's length for its column) come after; these are the ones
 * no string of this API may break:
 * - no NUL or other control character (tab, line feed and carriage return are text);
 * - at most `maxLength` characters (no field of the API holds more than 10,000);
 * - search patterns at most `searchPatternLength` characters: a LIKE pattern of 50,000
 *   characters is "too complex" for SQLite and slow for PostgreSQL;
 * - lists and objects nested at most MAX_VALUE_DEPTH levels (a 10 kB body of 5,000 nested
 *   lists overflowed the walk's stack).
 * A string that breaks one is BAD_USER_INPUT naming the argument path and the rule.
 */
export interface InputHygieneSettings {
  /** Any string, anywhere in the arguments. Default 20,000 characters. */
  maxLength: number;
  /** Arguments (or input fields) by name that are search patterns, and their maximum. */
  searchPatterns: Readonly<Record<string, number>>;
}

/** Lists and objects nested deeper than this in one argument are refused (no input of the API nests past a few levels). */
export const MAX_VALUE_DEPTH = 32;

export const DEFAULT_INPUT_HYGIENE: InputHygieneSettings = {
  maxLength: 20_000,
  searchPatterns: { nameContains: 50 },
};

// C0 controls but tab, LF and CR; DEL; C1 controls. U+0000 first among them.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

function refuse(field: string, rule: string, zh: string, en: string): GraphQLError {
  // extensions.http: Apollo answers a plugin's refusal with 400 (and strips it from the body).
  return new GraphQLError(`${field}：${zh} (${field}: ${en})`, { extensions: { code: 'BAD_USER_INPUT', field, rule, http: { status: 400 } } });
}

/** The first problem of one string value at `path` whose own name is `name`, or null. */
export function stringProblem(value: string, path: string, name: string, settings: InputHygieneSettings = DEFAULT_INPUT_HYGIENE): GraphQLError | null {
  if (CONTROL.test(value)) {
    return refuse(path, 'CONTROL_CHARACTER', '不能包含 NUL 或其他控制字符', 'must not contain NUL or other control characters');
  }
  const pattern = settings.searchPatterns[name];
  if (pattern !== undefined && value.length > pattern) {
    return refuse(path, 'SEARCH_PATTERN', `检索词最多${pattern}个字符`, `a search pattern holds at most ${pattern} characters`);
  }
  if (value.length > settings.maxLength) {
    return refuse(path, 'TOO_LONG', `最多${settings.maxLength}个字符`, `at most ${settings.maxLength} characters`);
  }
  return null;
}

function tooDeep(path: string): GraphQLError {
  return refuse(path, 'TOO_DEEP', `嵌套超过${MAX_VALUE_DEPTH}层`, `nested more than ${MAX_VALUE_DEPTH} levels deep`);
}

/** Walks a JSON value (variables) and returns the first problem of any string in it. */
function valueProblem(value: unknown, path: string, name: string, settings: InputHygieneSettings, depth = 0): GraphQLError | null {
  if (typeof value === 'string') return stringProblem(value, path, name, settings);
  if (value && typeof value === 'object' && depth >= MAX_VALUE_DEPTH) return tooDeep(path);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = valueProblem(value[i], `${path}[${i}]`, name, settings, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const problem = stringProblem(key, path, name, settings) ?? valueProblem(inner, `${path}.${key}`, key, settings, depth + 1);
      if (problem) return problem;
    }
  }
  return null;
}

/** The same walk over a literal in the document. */
function literalProblem(node: ValueNode, path: string, name: string, settings: InputHygieneSettings, depth = 0): GraphQLError | null {
  if ((node.kind === Kind.LIST || node.kind === Kind.OBJECT) && depth >= MAX_VALUE_DEPTH) return tooDeep(path);
  switch (node.kind) {
    case Kind.STRING:
      return stringProblem(node.value, path, name, settings);
    case Kind.LIST:
      for (let i = 0; i < node.values.length; i++) {
        const problem = literalProblem(node.values[i]!, `${path}[${i}]`, name, settings, depth + 1);
        if (problem) return problem;
      }
      return null;
    case Kind.OBJECT:
      for (const field of node.fields) {
        const problem = literalProblem(field.value, `${path}.${field.name.value}`, field.name.value, settings, depth + 1);
        if (problem) return problem;
      }
      return null;
    default:
      return null;
  }
}

/** Names of the variables as the arguments that receive them (for the search-pattern rule). */
function variableArgumentNames(document: DocumentNode): Map<string, string> {
  const names = new Map<string, string>();
  visit(document, {
    Argument(node) {
      if (node.value.kind === Kind.VARIABLE) names.set(node.value.name.value, node.name.value);
    },
    ObjectField(node) {
      if (node.value.kind === Kind.VARIABLE) names.set(node.value.name.value, node.name.value);
    },
  });
  return names;
}

/** The first hygiene problem of a request, or null. */
export function requestInputProblem(document: DocumentNode, variables: Record<string, unknown> | undefined, settings: InputHygieneSettings = DEFAULT_INPUT_HYGIENE): GraphQLError | null {
  let found: GraphQLError | null = null;
  visit(document, {
    Argument(node) {
      if (found) return false;
      found = literalProblem(node.value, node.name.value, node.name.value, settings);
      return false; // the argument's value was walked whole
    },
  });
  if (found || !variables) return found;
  const receivers = variableArgumentNames(document);
  for (const [name, value] of Object.entries(variables)) {
    const problem = valueProblem(value, `$${name}`, receivers.get(name) ?? name, settings);
    if (problem) return problem;
  }
  return null;
}

/**
 * useInputHygiene: the checks above as an Apollo plugin, for the gateway and every subgraph
 * (a subgraph reached without the gateway guards itself). Runs once the operation is parsed
 * and validated, before it is planned or executed.
 */
export function useInputHygiene(settings: InputHygieneSettings = DEFAULT_INPUT_HYGIENE): ApolloServerPlugin<any> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operation }) {
          // An operationName the document does not define: the client's mistake, said as such
          // (Apollo Gateway would otherwise fail later and answer 500).
          if (!operation) {
            throw new GraphQLError(
              request.operationName ? `文档中没有名为 ${request.operationName} 的操作 (the document has no operation named ${request.operationName})` : '请指明要执行的操作 (name the operation to run)',
              { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
            );
          }
          const problem = requestInputProblem(document, request.variables, settings);
          if (problem) throw problem;
        },
      };
    },
  };
}
