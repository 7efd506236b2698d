// Errors of the gateway's HTTP layer, answered as GraphQL-shaped JSON by one final express error
// handler: no route ever answers an HTML page, a stack trace, SQL or a file path. What went wrong
// inside goes to the log, under the request id the client is given.
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import { requestIdFrom } from '../platform/index.js';

/** An error the client is told about: status, code, a message Chinese then English, extensions. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    zh: string,
    en: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(`${zh} (${en})`);
  }

  /** A GraphQLError of the platform (UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, …) as an HTTP answer. */
  static fromGraphQL(error: GraphQLError, fallbackStatus: number): HttpError {
    const { http, code, ...extensions } = error.extensions as { http?: { status?: number; headers?: Map<string, string> }; code?: string; [key: string]: unknown };
    for (const key of Object.keys(extensions)) if (extensions[key] === undefined) delete extensions[key];
    return Object.assign(new HttpError(http?.status ?? fallbackStatus, String(code ?? 'INTERNAL_SERVER_ERROR'), '', '', extensions, Object.fromEntries(http?.headers ?? [])), { message: error.message });
  }
}

export const STATUS_OF: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, RATE_LIMITED: 429 };

export type HttpLog = (line: object) => void;
/** Counts an error answer by code (credit_gateway_errors_total). */
export type CountError = (code: string) => void;

/** body-parser and express refusals, by their `type` or kind, as answers a client can act on. */
function fromFramework(error: unknown, req: Request): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof GraphQLError) return HttpError.fromGraphQL(error, STATUS_OF[String(error.extensions?.code)] ?? 400);
  const e = error as { status?: number; statusCode?: number; type?: string; expose?: boolean; code?: string; limit?: number };
  const status = e?.status ?? e?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  switch (e.type) {
    case 'entity.too.large': {
      const limit = e.limit;
      return new HttpError(413, 'PAYLOAD_TOO_LARGE', `请求体过大，上限 ${limit} 字节`, `the request body is too large: at most ${limit} bytes`, { limit });
    }
    case 'entity.parse.failed':
      return new HttpError(400, 'BAD_REQUEST', '请求体不是有效的 JSON', 'the request body is not valid JSON');
    case 'charset.unsupported':
      return new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的字符集，请使用 UTF-8', 'unsupported charset: send UTF-8');
    case 'encoding.unsupported':
      return new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的内容编码', 'unsupported content-encoding: send gzip, deflate, br or none');
    case 'request.aborted':
    case 'request.size.invalid':
      return new HttpError(400, 'BAD_REQUEST', '请求体不完整', 'the request body is incomplete');
  }
  if (error instanceof URIError) return new HttpError(400, 'BAD_REQUEST', '请求地址无法解码', 'the request URL could not be decoded');
  if (status === 404) return notFound(req);
  return new HttpError(status, 'BAD_REQUEST', '请求无效', 'the request is invalid');
}

function notFound(req: Request): HttpError {
  return new HttpError(404, 'NOT_FOUND', '没有这个地址', `no such route: ${req.method} ${req.path.slice(0, 200)}`);
}

/**
 * Sends an error answer. A request whose body was never read (refused on its headers) is
 * answered with `Connection: close`, so the rest of the upload is not read either.
 */
export function sendHttpError(req: Request, res: Response, error: HttpError): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.complete) res.setHeader('connection', 'close');
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.setHeader('cache-control', 'no-store');
  res.status(error.status).json({ errors: [{ message: error.message, extensions: { code: error.code, ...error.extensions } }] });
}

/**
 * The last two handlers of the app: unknown routes → 404 JSON; any error → JSON (4xx as the
 * framework or route said, anything else 500 INTERNAL_SERVER_ERROR with a request id, the cause
 * logged, never sent).
 */
export function httpErrorHandlers(options: { log: HttpLog; countError?: CountError }): {
  notFound: RequestHandler;
  errorHandler: ErrorRequestHandler;
} {
  const { log, countError } = options;
  const answer = (req: Request, res: Response, error: HttpError, cause?: unknown) => {
    countError?.(error.code);
    const requestId = requestIdFrom(req.headers);
    if (error.status >= 500) {
      error.extensions.requestId = requestId;
      log({ level: 'error', msg: 'request failed', requestId, method: req.method, path: req.path, status: error.status, error: cause instanceof Error ? cause.message : String(cause), stack: (cause as Error)?.stack });
    } else {
      log({ level: 'warn', msg: 'request refused', requestId, method: req.method, path: req.path, ip: req.ip, status: error.status, errors: [error.code] });
    }
    sendHttpError(req, res, error);
  };
  return {
    notFound: (req, res) => answer(req, res, notFound(req)),
    errorHandler: (error, req, res, next) => {
      if (res.headersSent) return next(error); // express closes the connection
      const known = fromFramework(error, req);
      answer(req, res, known ?? new HttpError(500, 'INTERNAL_SERVER_ERROR', '服务器内部错误', 'internal error; the gateway log has the details under this request id'), known ? undefined : error);
    },
  };
}
