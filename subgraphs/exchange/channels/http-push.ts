import { CompactSign } from 'jose';
import { PermanentDeliveryError, type BatchEnvelope, type DeliveryChannel, type RecordResult } from './channel.js';

/**
 * HTTP push: each batch POSTed as JSON to the province's endpoint, with the batch id as
 * `Idempotency-Key` (a batch sent again after a failure or a crash carries the same id and the
 * same records) and a detached JWS (RFC 7515 appendix F, HS256 with the shared
 * CREDIT_EXCHANGE_PUSH_SECRET) of the exact body in `X-Credit-Signature`: the receiver checks
 * `compactVerify(header + '.' + base64url(body) + '.' + signature)`.
 *
 * The receiver answers 2xx with its receipt: `{ "batchId", "refused": [{ "key", "version", "reason" }] }`,
 * naming the batch it answers, every record not named being accepted. A 5xx, 408, 429 or a timeout
 * is a failed attempt: the batch is sent again with exponential backoff. Another 4xx, a redirect
 * (never followed: the body and signature would go to another origin) or a receipt that does not
 * read as one (a proxy's empty 200 included) cannot be mended by sending again: the batch is set
 * aside (PermanentDeliveryError).
 */
const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;
const RETRYABLE = new Set([408, 425, 429]);
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
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (Number(response.headers.get('content-length') ?? 0) > MAX_RECEIPT_BYTES) throw new PermanentDeliveryError(`HTTP push receipt of ${response.headers.get('content-length')} bytes is over ${MAX_RECEIPT_BYTES}`);
    const text = await response.text();
    if (response.status >= 500 || RETRYABLE.has(response.status)) throw new Error(`HTTP push answered ${response.status}: ${text.slice(0, 300)}`);
    if (!response.ok) throw new PermanentDeliveryError(`HTTP push answered ${response.status}: ${text.slice(0, 300)}`);
    if (text.length > MAX_RECEIPT_BYTES) throw new PermanentDeliveryError(`HTTP push receipt is over ${MAX_RECEIPT_BYTES} bytes`);
    let receipt: { batchId?: unknown; refused?: unknown };
    try {
      receipt = JSON.parse(text);
    } catch {
      throw new PermanentDeliveryError(`HTTP push answered ${response.status} with an unreadable receipt: ${text.slice(0, 300)}`);
    }
    if (receipt?.batchId !== batch.batchId) throw new PermanentDeliveryError(`HTTP push receipt names batch ${JSON.stringify(receipt?.batchId)}, not ${batch.batchId}`);
    const refused = receipt.refused ?? [];
    if (!Array.isArray(refused) || refused.some((r) => typeof r?.key !== 'string' || !Number.isInteger(r?.version))) throw new PermanentDeliveryError('HTTP push receipt: "refused" must be a list of { key, version, reason }');
    return { results: refused.map((r: { key: string; version: number; reason?: unknown }) => ({ key: r.key, version: r.version, status: 'REFUSED' as const, reason: r.reason == null ? null : String(r.reason) })), complete: true };
  }

  async close(): Promise<void> {}
}
