import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';

export const FEDERATION_VERSION = '2.7';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v${FEDERATION_VERSION}", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@override"])`;

/** `__resolveReference` per entity type name: how this subgraph turns a key into an object. */
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any, info: any) => unknown }>;

/**
 * Turns type-graphql classes into a Federation 2 subgraph schema: type-graphql builds the
 * schema (unchecked, since a subgraph may have no Query of its own), its SDL with the
 * @key/@external/@requires directives is handed to @apollo/subgraph, and type-graphql's
 * resolvers are merged with the entities' reference resolvers.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true, validate: false });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference };
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers: resolvers as any,
  });
}

/** The SDL composition consumes: what `schema/<name>.graphql` holds. */
export function printFederatedSdl(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(schema).trim()}\n`;
}

/**
 * Marks a field that carries personal data (a person's name, ID number, phone, e-mail).
 * The tag reaches the supergraph, where the gateway audits reads of these fields and tests
 * check that PUBLIC never receives them unmasked.
 */
export const PERSONAL = '@tag(name: "personal")';
