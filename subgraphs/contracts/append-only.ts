import { ensureAppendOnly, type EntityManager } from '../kit/index.js';

/**
 * Nothing of the complaint ledger is deleted and its handling trail is append-only (应接必接):
 * the kit's triggers on both tables. Run by the kit as the subgraph's prepareStore.
 */
export async function ensureAppendOnlyTriggers(em: EntityManager): Promise<void> {
  await ensureAppendOnly(em, 'contract_complaint_action', ['update', 'delete']);
  await ensureAppendOnly(em, 'contract_complaint', ['delete']);
}
