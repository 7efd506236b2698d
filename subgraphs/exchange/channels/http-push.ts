import { CompactSign } from 'jose';
import type { BatchEnvelope, DeliveryChannel, RecordResult } from './channel.js';

/**
 * HTTP push: each batch POSTed as JSON to the province's endpoint, with the batch id as
 * `Idempotency-Key` (a batch sent again after a failure or a crash carries the same id and the
 * same records) and a detached JWS (RFC 7515 appendix F, HS256 with the shared
 * CREDIT_EXCHANGE_PUSH_SECRET) of the exact body in `X-Credit-Signature`: the receiver checks
 * `compactVerify(header + '.' + base64url(body) + '.' + signature)`.
 *
 * The receiver answers 2xx with its receipt: `{ "refused": [{ "key", "version", "reason" }] }`,
 * every record not named being accepted. Anything else (a 5xx, a timeout, an unreadable
 * receipt) is a failed attempt: the batch is sent again with exponential backoff.
 */
export class HttpPushChannel implements DeliveryChannel {
  readonly name = 'http-push';
  private readonly key: Uint8Array;

  constructor(
    private readonly url: string,
    secret: string,
    private readonly timeoutMs = 30_000,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async prepare(): Promise<void> {}

  /** The detached JWS of a body: "header..signature". */
  async signature(body: string): Promise<string> {
    const jws = await new CompactSign(new TextEncoder().encode(body)).setProtectedHeader({ alg: 'HS256', typ: 'credit-exchange-batch+jws' }).sign(this.key);
    const [header, , signature] = jws.split('.');
    return `${header}..${signature}`;
  }

  async send(batch: BatchEnvelope): Promise<{ results: RecordResult[]; complete: boolean }> {
    const body = JSON.stringify(batch);
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': batch.batchId, 'x-credit-signature': await this.signature(body) },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP push answered ${response.status}: ${text.slice(0, 300)}`);
    let receipt: { refused?: Array<{ key: string; version: number; reason?: string }> };
    try {
      receipt = JSON.parse(text || '{}');
    } catch {
      throw new Error(`HTTP push answered ${response.status} with an unreadable receipt: ${text.slice(0, 300)}`);
    }
    if (receipt.refused != null && !Array.isArray(receipt.refused)) throw new Error('HTTP push receipt: "refused" must be a list');
    return { results: (receipt.refused ?? []).map((r) => ({ key: String(r.key), version: Number(r.version), status: 'REFUSED' as const, reason: r.reason ?? null })), complete: true };
  }

  async close(): Promise<void> {}
}
