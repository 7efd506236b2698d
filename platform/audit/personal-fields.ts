import {
  getNamedType, getNullableType, isAbstractType, isInputObjectType, isListType, isObjectType, isUnionType, Kind, parse, typeFromAST, type DocumentNode,
  type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLInputType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { isMobileNumber } from '../validation/phone.js';

const TYPES_WITH_FIELDS = new Set<string>([Kind.OBJECT_TYPE_DEFINITION, Kind.OBJECT_TYPE_EXTENSION, Kind.INPUT_OBJECT_TYPE_DEFINITION, Kind.INPUT_OBJECT_TYPE_EXTENSION]);

/**
 * "Type.field" of every field the supergraph tags @tag(name: "personal"): fields of object types
 * (reads of them are counted and audited) and of input types (their values are redacted from the
 * audit log's variables, redactVariables).
 */
export function personalFieldsOf(supergraphSdl: string): Set<string> {
  const fields = new Set<string>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (!TYPES_WITH_FIELDS.has(definition.kind) || !('fields' in definition)) continue;
    for (const field of definition.fields ?? []) {
      const tagged = field.directives?.some(
        (d) => d.name.value === 'tag' && d.arguments?.some((a) => a.name.value === 'name' && a.value.kind === Kind.STRING && a.value.value === 'personal'),
      );
      if (tagged) fields.add(`${definition.name.value}.${field.name.value}`);
    }
  }
  return fields;
}

/**
 * Walks the operation and the response together and counts the non-null values returned for
 * personal fields, by "Type.field". Aliases, fragments and lists are followed.
 */
export function personalValuesReturned(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  data: unknown,
  personal: Set<string>,
): Record<string, number> {
  const counts: Record<string, number> = {};
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return counts;
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return counts;

  // A fragment on a type the value is not (an abstract field's other members) is not followed:
  // __typename tells, and federation's _entities answers always carry it.
  const applies = (condition: GraphQLCompositeType, object: Record<string, unknown>) =>
    typeof object.__typename !== 'string' || object.__typename === condition.name || isAbstractType(condition);
  const walk = (selectionSet: SelectionSetNode, type: GraphQLCompositeType, value: unknown): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(selectionSet, type, item);
      return;
    }
    const object = value as Record<string, unknown>;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (isUnionType(type)) continue; // only __typename is selectable on a union
        const field = type.getFields()[selection.name.value];
        if (!field) continue;
        const key = selection.alias?.value ?? selection.name.value;
        const fieldValue = object[key];
        const coordinate = `${type.name}.${field.name}`;
        if (personal.has(coordinate)) {
          const n = countNonNull(fieldValue);
          if (n > 0) counts[coordinate] = (counts[coordinate] ?? 0) + n;
        }
        const named = getNamedType(field.type);
        if (selection.selectionSet && (isObjectType(named) || isAbstractType(named))) walk(selection.selectionSet, named, fieldValue);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (condition && (isObjectType(condition) || isAbstractType(condition)) && applies(condition, object)) walk(selection.selectionSet, condition, object);
      } else {
        const fragment = fragments.get(selection.name.value);
        const condition = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && condition && (isObjectType(condition) || isAbstractType(condition)) && applies(condition, object)) walk(fragment.selectionSet, condition, object);
      }
    }
  };
  walk(operation.selectionSet, root, data);
  return counts;
}

function countNonNull(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countNonNull(item), 0);
  return 1;
}

const PERSONAL_KEY = /idnumber|cardnum|phone|contact|email|mobile|^i?name$|complainant|representative/i;
const ID_NUMBER = /^\d{17}[\dXx]$/;

/**
 * A string as a log may keep it: control characters (NUL, which PostgreSQL's jsonb refuses,
 * among them) and lone surrogates become U+FFFD, so a hostile value is recorded as sent rather
 * than failing the log.
 */
export function printable(value: string): string {
  // Lone surrogates too (PostgreSQL: "invalid input syntax for type json"): toWellFormed makes them U+FFFD.
  return (value as string & { toWellFormed(): string }).toWellFormed().replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '\uFFFD');
}

const REDACTED = '[REDACTED]';

/** What redactVariables knows of the operation: the schema, the operation (its variables' types) and the personal fields' coordinates. */
export interface VariableTypes {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  personal: ReadonlySet<string>;
}

/**
 * Variables as they may be logged, personal values replaced by "[REDACTED]":
 * - the values of input fields the schema tags personal (`DishonestyRecordInput.officialName`),
 *   found by the variables' declared types;
 * - as a floor, by key and by shape (ID numbers, mobile numbers, keys such as `idNumber` or
 *   `phone`), which needs no schema and catches inputs nobody tagged;
 * - and each value so removed also wherever it recurs in a text beside it in the same input object
 *   (an official's name repeated in the decision's `facts`), where it is at least two characters.
 */
export function redactVariables(variables: unknown, types?: VariableTypes): unknown {
  const declared = new Map<string, GraphQLInputType | undefined>(
    (types?.operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, typeFromAST(types!.schema, d.type as never) as GraphQLInputType | undefined]),
  );
  const walk = (value: unknown, key: string, type: GraphQLInputType | undefined, personal: boolean, fieldType: (k: string) => GraphQLInputType | undefined): unknown => {
    if (value === null || value === undefined) return value;
    const nullable = type && getNullableType(type);
    if (Array.isArray(value)) return value.map((item) => walk(item, key, isListType(nullable) ? nullable.ofType : nullable, personal, fieldType));
    if (typeof value === 'object') {
      const input = isInputObjectType(nullable) ? nullable : undefined;
      const removed: string[] = [];
      const entries = Object.entries(value as Record<string, unknown>).map(([k, v]): [string, unknown] => {
        const tagged = personal || (!!input && !!types?.personal.has(`${input.name}.${k}`));
        const shown = walk(v, k, input ? input.getFields()[k]?.type : fieldType(k), tagged, () => undefined);
        if (shown === REDACTED && typeof v === 'string' && v.trim().length >= 2) removed.push(v.trim());
        return [printable(k), shown];
      });
      // Longest first, so that a name inside a longer removed value does not leave its rest behind.
      removed.sort((a, b) => b.length - a.length);
      return Object.fromEntries(entries.map(([k, v]) => [k, typeof v === 'string' ? removed.reduce((text, r) => text.replaceAll(r, REDACTED), v) : v]));
    }
    if (typeof value === 'string' && (personal || PERSONAL_KEY.test(key) || ID_NUMBER.test(value) || isMobileNumber(value))) return REDACTED;
    return typeof value === 'string' ? printable(value) : value;
  };
  return walk(variables, '', undefined, false, (name) => declared.get(name));
}
