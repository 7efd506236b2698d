import type { Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import { Caller, callerFromAuthorization, headerValue } from '../../platform/index.js';
import { HttpError } from '../http-errors.js';
import type { RateLimitCheck } from '../plugins/rate-limit.js';

/**
 * The first handler of /graphql and /audit, on the headers alone, before any body is read:
 * verifies the token, then spends one unit of a rate budget — the caller's when the token
 * verified, else the client address's (no token, or a token that was refused) — and only then
 * answers 401 for a refused token. So a refused request costs its sender as much as any other,
 * and a flood of bad tokens ends in 429 like any flood.
 */
export function callerGuard(checkRateLimit: RateLimitCheck): RequestHandler {
  return async (req, res, next) => {
    let caller = Caller.anonymous;
    let refusal: GraphQLError | undefined;
    try {
      caller = await callerFromAuthorization(headerValue(req.headers, 'authorization'));
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      refusal = error;
    }
    await checkRateLimit(caller, clientAddress(req));
    if (refusal) throw HttpError.fromGraphQL(refusal, 401);
    res.locals.caller = caller;
    next();
  };
}

/** The caller the guard verified for this request. */
export function guardedCaller(res: Response): Caller {
  const caller = res.locals.caller;
  if (!(caller instanceof Caller)) throw new Error('callerGuard must run before this handler');
  return caller;
}

/**
 * The client's address: the TCP peer, or with trusted proxies configured (express `trust proxy`,
 * CREDIT_TRUSTED_PROXIES) the rightmost X-Forwarded-For address no trusted proxy vouches for.
 */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
