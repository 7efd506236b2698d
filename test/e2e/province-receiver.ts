// A provincial platform's HTTP endpoint, as the exchange's tests run it: checks each batch's
// signature, answers as told (fail the first N requests, refuse some records, hold answers), and
// keeps what it accepted the way a real receiver would: a batch id (the idempotency key) seen
// before is answered again with its first receipt, never taken twice.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64url, compactVerify } from 'jose';
import type { BatchEnvelope, ExportedVersion } from '../../subgraphs/exchange/channels/channel.js';

export interface ReceiverBehaviour {
  /** Answer 500 to this many requests first. */
  failFirst?: number;
  /** A reason to refuse a record with, or null to accept it. */
  refuse?: (record: ExportedVersion) => string | null;
  /** Hold each answer this long (a crash test kills the sender meanwhile). */
  holdMs?: number;
  /** Called with the request's number as each body arrives, before the answer is held. */
  onRequest?: (request: number) => void;
}

export interface ProvinceReceiver {
  url: string;
  /** Every accepted record version, in arrival order ("key#version"). */
  accepted: string[];
  /** Every batch body as received, signature checked (for the personal-data scan). */
  bodies: string[];
  requests: number;
  failures: number;
  duplicates: number;
  badSignatures: number;
  behaviour: ReceiverBehaviour;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function provinceReceiver(secret: string, behaviour: ReceiverBehaviour = {}): Promise<ProvinceReceiver> {
  const key = new TextEncoder().encode(secret);
  const receipts = new Map<string, string>();
  const receiver: ProvinceReceiver = { url: '', accepted: [], bodies: [], requests: 0, failures: 0, duplicates: 0, badSignatures: 0, behaviour, close: async () => {} };
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    receiver.requests++;
    receiver.behaviour.onRequest?.(receiver.requests);
    if (receiver.behaviour.holdMs) await new Promise((resolve) => setTimeout(resolve, receiver.behaviour.holdMs));
    const [header, , signature] = String(request.headers['x-credit-signature'] ?? '').split('.');
    const verified = await compactVerify(`${header}.${base64url.encode(body)}.${signature}`, key).then(() => true, () => false);
    if (!verified) {
      receiver.badSignatures++;
      response.writeHead(401).end('{"error":"bad signature"}');
      return;
    }
    if (receiver.failures < (receiver.behaviour.failFirst ?? 0)) {
      receiver.failures++;
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"省平台维护中 (maintenance)"}');
      return;
    }
    const batch = JSON.parse(body) as BatchEnvelope;
    const idempotencyKey = String(request.headers['idempotency-key']);
    let receipt = receipts.get(idempotencyKey);
    if (receipt) {
      receiver.duplicates++;
    } else {
      receiver.bodies.push(body);
      const refused = [];
      for (const record of batch.records) {
        const reason = receiver.behaviour.refuse?.(record) ?? null;
        if (reason) refused.push({ key: record.key, version: record.version, reason });
        else receiver.accepted.push(`${record.key}#${record.version}`);
      }
      receipt = JSON.stringify({ batchId: batch.batchId, refused });
      receipts.set(idempotencyKey, receipt);
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(receipt);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/credit/batches`;
  receiver.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return receiver;
}
