import type { IncomingHttpHeaders } from 'node:http';
import type { MikroORM } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import { Caller, callerFromAuthorization } from '../../platform/auth.js';
import { headerValue, requestIdFrom } from '../../platform/request.js';
import { supergraphRoster, type OfficialRoster, type RosterFactory } from './official-roster.js';
import type { EntityManager } from '../../platform/orm.js';

/** Everything a resolver may use, made fresh for each request and never shared. */
export interface SubgraphContext<Loaders = unknown> {
  caller: Caller;
  /** A fork of the ORM's EntityManager: its own identity map and unit of work. */
  em: EntityManager;
  loaders: Loaders;
  requestId: string;
  /** Where writes that take an ID number check that the official is registered in the unit. */
  roster: OfficialRoster;
  /** The request carried the gateway's signature (its guards and audit ran). */
  viaGateway: boolean;
}

export type LoaderFactory<Loaders> = (em: EntityManager, caller: Caller) => Loaders;

/** The caller of a request; a token that does not verify is answered 401 (not Apollo's 500 for a failed context). */
async function callerOf(authorization: string | undefined): Promise<Caller> {
  try {
    return await callerFromAuthorization(authorization);
  } catch (error) {
    if (error instanceof GraphQLError) throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 401 } } });
    throw error;
  }
}

/**
 * Builds the per-request context. The subgraph verifies the caller's token itself: a
 * request that bypasses the gateway is trusted no further than its own token.
 */
export function contextFactory<Loaders>(orm: MikroORM, createLoaders: LoaderFactory<Loaders>, roster: RosterFactory = supergraphRoster()) {
  return async ({ headers, viaGateway = false }: { headers: IncomingHttpHeaders; viaGateway?: boolean }): Promise<SubgraphContext<Loaders>> => {
    const authorization = headerValue(headers, 'authorization');
    const caller = await callerOf(authorization);
    const em = orm.em.fork() as EntityManager;
    return {
      caller,
      em,
      loaders: createLoaders(em, caller),
      requestId: requestIdFrom(headers),
      roster: roster(authorization),
      viaGateway,
    };
  };
}

/** type-graphql's @Authorized('ADMIN', …): the kit's role check, with the kit's error codes. */
export const authChecker: AuthChecker<SubgraphContext> = ({ context }, roles) => {
  context.caller.require(...(roles as Parameters<Caller['require']>));
  return true;
};
