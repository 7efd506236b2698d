import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The request id to log and pass on: the caller's `x-request-id` when it is a plain id of at most
 * 64 characters (the audit log's column), else a fresh one — a hostile header never reaches a log.
 */
export function requestIdFrom(headers: IncomingHttpHeaders): string {
  const given = headerValue(headers, 'x-request-id');
  return given && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
}
