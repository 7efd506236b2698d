/** One record version as it goes up, on either channel. */
export interface ExportedVersion {
  /** "DEBTOR_RECORD:(2025)黑11执287号": with `version`, the province's idempotent key. */
  key: string;
  kind: string;
  itemCode: string;
  recordId: string;
  version: number;
  op: 'UPSERT' | 'DELETE';
  changedAt: string;
  catalogue: string;
  data: Record<string, unknown> | null;
}

/** A batch as the province receives it. */
export interface BatchEnvelope {
  batchId: string;
  /** Who sends: CREDIT_EXCHANGE_SENDER, e.g. the city platform's code. */
  sender: string;
  records: ExportedVersion[];
}

/** The province's answer about records of a batch. */
export interface RecordResult {
  key: string;
  version: number;
  status: 'ACCEPTED' | 'REFUSED';
  reason?: string | null;
}

/**
 * A way to deliver batches to the provincial platform. `send` throws when the batch must be
 * sent again (it is, as it is, with backoff); it answers the receipt when the channel gives one
 * at once (HTTP push), or null when receipts come later (the exchange database: `receipts`).
 */
export interface DeliveryChannel {
  readonly name: string;
  prepare(): Promise<void>;
  send(batch: BatchEnvelope): Promise<{ results: RecordResult[]; complete: boolean } | null>;
  receipts?(batchIds: readonly string[]): Promise<Map<string, RecordResult[]>>;
  close(): Promise<void>;
}

/**
 * A failure that sending the same batch again cannot mend (the province refuses the request as a
 * whole: a 4xx other than 408/429, a redirect, an unreadable receipt; data the exchange database
 * refuses). The batch is set aside as FAILED, its records listed with the reason.
 */
export class PermanentDeliveryError extends Error {}
