import type { RequestHandler } from 'express';
import { callerFromAuthorization } from '../../platform/auth.js';
import { config } from '../../platform/config.js';
import { headerValue } from '../../platform/request.js';
import { hasGatewaySignature } from '../../platform/gateway-signature.js';

/** Set on the request by `requireGatewayOrDirectRole`: whether the gateway signed it. */
export const VIA_GATEWAY = Symbol('viaGateway');

function refuse(res: Parameters<RequestHandler>[1], status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * The subgraph's side of the trust boundary: a request passes when the gateway signed it
 * (its guards ran: limits, rate limits, safelist, audit), or when its token carries a role
 * that may call subgraphs directly (CREDIT_DIRECT_ROLES: the contributing systems' import
 * CLIs). Anyone else, anonymous callers and auditors included, is refused with 403 JSON.
 * Runs after the body is parsed (the signature covers query and variables).
 */
export function requireGatewayOrDirectRole(): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'POST' && hasGatewaySignature(req.body)) {
      (req as any)[VIA_GATEWAY] = true;
      next();
      return;
    }
    callerFromAuthorization(headerValue(req.headers, 'authorization')).then(
      (caller) => {
        if (caller.authenticated && config.directRoles().some((role) => caller.roles.has(role as never))) {
          next();
          return;
        }
        refuse(res, 403, 'FORBIDDEN', `子图只接受经网关转发的请求，或角色为 ${config.directRoles().join('、')} 的直接请求 (a subgraph answers only requests through the gateway, or direct requests of the roles ${config.directRoles().join(', ')})`);
      },
      (error) => refuse(res, 401, 'UNAUTHENTICATED', String((error as Error).message)),
    );
  };
}
