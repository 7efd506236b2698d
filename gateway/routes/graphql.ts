import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type RequestHandler } from 'express';
import { createGatewayContext, type GatewayContext } from '../context.js';
import { clientAddress, guardedCaller } from './guard.js';

/**
 * A JSON body parser sized for the verified caller (a token that did not verify never gets here):
 * a body declared larger than the limit is refused on its content-length before a byte of it is
 * read, and a chunked one when it passes the limit.
 */
export function callerSizedJson(maxBody: { anonymous: number; authenticated: number }): RequestHandler {
  const parsers = { anonymous: express.json({ limit: maxBody.anonymous }), authenticated: express.json({ limit: maxBody.authenticated }) };
  return (req, res, next) => {
    const kind = guardedCaller(res).authenticated ? 'authenticated' : 'anonymous';
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBody[kind]) {
      throw Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large', limit: maxBody[kind] });
    }
    parsers[kind](req, res, next);
  };
}

/** POST/GET /graphql after the guard: the body sized for the caller, then Apollo Server. */
export function graphqlHandlers(server: ApolloServer<GatewayContext>, maxBody: { anonymous: number; authenticated: number }): RequestHandler[] {
  return [
    callerSizedJson(maxBody),
    expressMiddleware(server, {
      context: async ({ req, res }) => createGatewayContext(req.headers, clientAddress(req), guardedCaller(res)),
    }),
  ];
}
