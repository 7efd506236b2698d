// A GraphQL result as a table: the rows are the first root field's list (or a connection's
// edges.node), the columns are the leaf fields the operation selected under it (nested objects as
// dotted keys), headed by the Chinese part of each field's schema description. The explorer's
// table, its CSV and its .xlsx all come from here, so what is exported is what was shown.
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { CreditError } from '../../platform/index.js';

export interface Column {
  /** Dotted response keys under the row (aliases as the result names them). */
  key: string;
  /** Chinese header: the Chinese part of each field's description, joined by "·". */
  label: string;
}

export type Cell = string | number | null;

export interface Table {
  columns: Column[];
  rows: Cell[][];
}

/** Connection plumbing: no header of its own. */
const PLUMBING = new Set(['edges', 'node', 'nodes']);

/**
 * The header a description gives: its Chinese part (before the English in parentheses), cut at
 * the first top-level clause mark, so "姓名；公众仅见脱敏形式 (name; masked…)" heads a column "姓名".
 */
export function chineseLabel(description: string | null | undefined): string | undefined {
  if (!description) return undefined;
  const english = description.search(/\s\((?=[A-Za-z])/);
  const chinese = (english >= 0 ? description.slice(0, english) : description).trim();
  let depth = 0;
  for (let i = 0; i < chinese.length; i++) {
    const c = chinese[i];
    if (c === '（' || c === '(') depth++;
    else if (c === '）' || c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && '；，：:。;'.includes(c)) return tidy(chinese.slice(0, i));
  }
  return tidy(chinese);
}

/** A header without a trailing format ("决定日期 YYYY-MM-DD") or a long aside in parentheses; units such as （元） stay. */
function tidy(label: string): string | undefined {
  const tidied = label
    .trim()
    .replace(/\s+[\x21-\x7e]+$/, '')
    .replace(/（[^（）]{5,}）$/, '')
    .trim();
  return tidied || label.trim() || undefined;
}

interface RowPlan {
  /** Response keys from data to a row; a list anywhere on the way yields one row per item. */
  rowPath: string[];
  columns: Array<Column & { path: string[] }>;
}

/**
 * Where the rows are and which columns they have, from the operation and the schema alone (so a
 * column an empty result did not fill is still there).
 */
export function planTable(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): RowPlan {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) throw new CreditError('BAD_USER_INPUT', '模式中没有这种操作', `the schema has no ${operation.operation} type`);
  const root = fieldsOf(schema, operation.selectionSet, rootType, fragments).find((f) => f.node.name.value !== '__typename');
  if (!root) throw new CreditError('BAD_USER_INPUT', '查询没有可列成表格的字段', 'the operation selects no field to tabulate');

  const rowPath = [root.key];
  let rowType = getNamedType(root.field.type);
  let rowSelection = root.node.selectionSet;
  // A connection: rows are edges[].node (or nodes[]), when the query selected them.
  if (!isListType(getNullableType(root.field.type)) && isCompositeType(rowType) && rowSelection) {
    const inner = fieldsOf(schema, rowSelection, rowType, fragments);
    const edges = inner.find((f) => f.node.name.value === 'edges' && f.node.selectionSet);
    const node = edges && fieldsOf(schema, edges.node.selectionSet!, getNamedType(edges.field.type) as GraphQLCompositeType, fragments).find((f) => f.node.name.value === 'node');
    const nodes = inner.find((f) => f.node.name.value === 'nodes' && f.node.selectionSet);
    if (edges && node) {
      rowPath.push(edges.key, node.key);
      rowType = getNamedType(node.field.type);
      rowSelection = node.node.selectionSet;
    } else if (nodes) {
      rowPath.push(nodes.key);
      rowType = getNamedType(nodes.field.type);
      rowSelection = nodes.node.selectionSet;
    }
  }
  const columns: RowPlan['columns'] = [];
  if (!rowSelection || !isCompositeType(rowType)) {
    columns.push({ key: root.key, label: chineseLabel(root.field.description) ?? root.key, path: [] });
    return { rowPath, columns };
  }
  const seen = new Set<string>();
  const walk = (selection: SelectionSetNode, type: GraphQLCompositeType, path: string[], labels: string[]) => {
    for (const { key, node, field } of fieldsOf(schema, selection, type, fragments)) {
      const here = [...path, key];
      const name = node.name.value;
      const label = name === '__typename' ? '类型' : (chineseLabel(field.description) ?? key);
      const named = getNamedType(field.type);
      if (node.selectionSet && isCompositeType(named)) {
        if (name === 'pageInfo') continue; // paging, not data
        walk(node.selectionSet, named, here, PLUMBING.has(name) ? labels : [...labels, label]);
      } else if (!seen.has(here.join('.'))) {
        seen.add(here.join('.'));
        columns.push({ key: here.join('.'), label: [...labels, label].join('·'), path: here });
      }
    }
  };
  walk(rowSelection, rowType, [], []);
  return { rowPath, columns };
}

/** A selection @skip(if: true) or @include(if: false) drops; with a variable the condition is unknown here, so it is kept. */
function skipped(selection: SelectionSetNode['selections'][number]): boolean {
  for (const directive of selection.directives ?? []) {
    const condition = directive.arguments?.find((a) => a.name.value === 'if')?.value;
    if (condition?.kind !== Kind.BOOLEAN) continue;
    if (directive.name.value === 'skip' && condition.value) return true;
    if (directive.name.value === 'include' && !condition.value) return true;
  }
  return false;
}

/**
 * The fields a selection set selects on a type, through inline fragments and fragment spreads,
 * one entry per response key (as graphql-js's collectFields: a fragment is expanded once per
 * selection set, so a chain of fragments that spread each other twice costs linear time, and a
 * fragment cycle ends).
 */
function fieldsOf(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  type: GraphQLCompositeType,
  fragments: Map<string, FragmentDefinitionNode>,
  visited = new Set<string>(),
  out = new Map<string, { key: string; node: FieldNode; field: GraphQLField<unknown, unknown> }>(),
): Array<{ key: string; node: FieldNode; field: GraphQLField<unknown, unknown> }> {
  for (const selection of selectionSet.selections) {
    if (skipped(selection)) continue;
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      const key = selection.alias?.value ?? name;
      if (out.has(key)) continue;
      const field = name === '__typename' ? { description: '类型', type: schema.getType('String') } : isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
      if (field) out.set(key, { key, node: selection, field: field as GraphQLField<unknown, unknown> });
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      if (visited.has(selection.name.value)) continue;
      visited.add(selection.name.value);
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
    if (!fragment) continue;
    const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
    if (condition && isCompositeType(condition)) fieldsOf(schema, fragment.selectionSet, condition, fragments, visited, out);
  }
  return [...out.values()];
}

/** Lists inside lists deeper than this are not followed (a result never nests so deep; a posted one might). */
const MAX_LIST_NESTING = 16;

/** Every value at `path` under `value`, lists on the way flattened, nulls dropped. */
function collect(value: unknown, path: readonly string[], nesting = 0): unknown[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return nesting >= MAX_LIST_NESTING ? [] : value.flatMap((item) => collect(item, path, nesting + 1));
  if (path.length === 0) return [value];
  if (typeof value !== 'object') return [];
  return collect((value as Record<string, unknown>)[path[0]], path.slice(1), 0);
}

/** One cell: a single number stays a number (Excel sums it), booleans read 是/否, several values join with "；". */
function cellOf(values: unknown[]): Cell {
  if (values.length === 0) return null;
  if (values.length === 1 && typeof values[0] === 'number') return values[0];
  return values.map((v) => (v === true ? '是' : v === false ? '否' : typeof v === 'object' ? JSON.stringify(v) : String(v))).join('；');
}

/** A table's bounds: columns, and cells in all (a spreadsheet of more is not a question an auditor reads). */
export const MAX_COLUMNS = 300;
export const MAX_CELLS = 1_000_000;

/** The table of a result's data, by the plan of the operation that produced it. */
export function tabulate(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, data: unknown): Table {
  const plan = planTable(schema, document, operation);
  if (plan.columns.length > MAX_COLUMNS) {
    throw new CreditError('BAD_USER_INPUT', `表格列数超过 ${MAX_COLUMNS}，请少选字段`, `the table would have more than ${MAX_COLUMNS} columns: select fewer fields`);
  }
  const found = collect(data, plan.rowPath);
  if (found.length * Math.max(1, plan.columns.length) > MAX_CELLS) {
    throw new CreditError('BAD_USER_INPUT', `表格超过 ${MAX_CELLS} 个单元格，请分页导出`, `the table would have more than ${MAX_CELLS} cells: export page by page`);
  }
  const rows = found.map((row) => plan.columns.map((column) => cellOf(collect(row, column.path))));
  return { columns: plan.columns.map(({ key, label }) => ({ key, label })), rows };
}
