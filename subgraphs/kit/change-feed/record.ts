import { ChangeSetType, type EventSubscriber, type FlushEventArgs, type TransactionEventArgs } from '@mikro-orm/core';
import { config } from '../../../platform/config.js';
import type { EntityManager } from '../../../platform/orm.js';
import { ChangeEntry } from '../../../platform/change-feed/change-entry.js';

export type ChangeOperation = 'create' | 'update' | 'delete';

/** What a change touches, by the federation's entity keys. */
export interface ChangeKeys {
  organizations?: ReadonlyArray<string | null | undefined>;
  officials?: ReadonlyArray<string | null | undefined>;
  regions?: ReadonlyArray<string | null | undefined>;
}

export interface Change extends ChangeKeys {
  entity: string;
  operation: ChangeOperation;
  ids: readonly string[];
}

/**
 * What a subgraph declares: for each of its entities (by class name) that belongs in the feed,
 * the record's id and the keys a change to it touches. The kit writes the entries; the
 * subgraph's code only calls `recordChanges` where it writes around the unit of work (bulk
 * inserts and native updates).
 *
 * The feed's readers hold CONSUMER tokens: an entry names nothing such a reader could not read
 * through the API. A declaration answers null for a row in a state its readers may not see (a
 * dishonesty record not published): a change is then written only when the row was visible
 * before it or is after it, with the keys of the visible side.
 */
export type ChangeFeedDeclaration = Record<string, (row: any, related: RelatedRows) => (ChangeKeys & { id: string }) | null>;

/** A row's parent as the flush knows it (loaded in this request), for rows that carry only its id. */
export type RelatedRows = <T>(entity: string, id: string) => T | undefined;

/** Ids per entry: an import batch of 2,000 rows becomes two entries. */
const IDS_PER_ENTRY = 1_000;

function present(values: ReadonlyArray<string | null | undefined> | undefined): string[] {
  return [...new Set((values ?? []).filter((v): v is string => typeof v === 'string' && v.length > 0))].sort();
}

/** Changes of one kind and operation merged, then cut into entries of at most IDS_PER_ENTRY ids. */
function entriesFor(changes: readonly Change[], at: string): Array<Omit<ChangeEntry, 'seq'>> {
  const groups = new Map<string, { entity: string; operation: string; ids: Set<string>; organizations: Set<string>; officials: Set<string>; regions: Set<string> }>();
  for (const change of changes) {
    const key = `${change.entity}|${change.operation}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { entity: change.entity, operation: change.operation, ids: new Set(), organizations: new Set(), officials: new Set(), regions: new Set() }));
    for (const id of change.ids) group.ids.add(id);
    for (const v of present(change.organizations)) group.organizations.add(v);
    for (const v of present(change.officials)) group.officials.add(v);
    for (const v of present(change.regions)) group.regions.add(v);
  }
  const entries: Array<Omit<ChangeEntry, 'seq'>> = [];
  for (const group of groups.values()) {
    const ids = [...group.ids].sort();
    // Keys stay whole on the first entry of a group: a consumer needs them, not the split.
    for (let start = 0; start === 0 || start < ids.length; start += IDS_PER_ENTRY) {
      const first = start === 0;
      entries.push({
        at, entity: group.entity, operation: group.operation, ids: ids.slice(start, start + IDS_PER_ENTRY),
        organizations: first ? [...group.organizations].sort() : [], officials: first ? [...group.officials].sort() : [], regions: first ? [...group.regions].sort() : [],
      });
    }
  }
  return entries;
}

/**
 * On PostgreSQL, writers of a feed take one transaction-scoped lock before their entries get
 * sequence numbers, so entries commit in `seq` order and a consumer reading "after N" can never
 * skip one that commits late. (SQLite has one writer at a time anyway.)
 */
function feedLockKey(schema: string): number {
  let hash = 0x811c9dc5;
  for (const char of `change_feed:${schema}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return hash | 0;
}

async function lockFeed(em: EntityManager, transaction?: unknown): Promise<void> {
  if (config.dbDriver() !== 'postgresql') return;
  await em.getConnection().execute(`select pg_advisory_xact_lock(${feedLockKey(String(em.config.get('schema')))})`, [], 'all', transaction as any ?? em.getTransactionContext());
}

/**
 * Writes feed entries for changes made around the unit of work, in `em`'s current
 * transaction (call it inside the same `transactional` as the change itself).
 */
export async function recordChanges(em: EntityManager, changes: readonly Change[]): Promise<void> {
  const entries = entriesFor(changes.filter((c) => c.ids.length > 0), new Date().toISOString());
  if (entries.length === 0) return;
  await lockFeed(em);
  await em.insertMany(ChangeEntry, entries);
}

/**
 * The unit-of-work half: at every flush, the changed entities the subgraph declared become feed
 * entries of the same flush, so they commit or roll back with it. An update that moves a record
 * (an official to another unit) names both the old and the new keys.
 */
export function changeFeedSubscriber(declaration: ChangeFeedDeclaration): EventSubscriber {
  return {
    async onFlush(args: FlushEventArgs): Promise<void> {
      const changes: Change[] = [];
      for (const changeSet of args.uow.getChangeSets()) {
        const keysOf = declaration[changeSet.name];
        if (!keysOf) continue;
        const operation: ChangeOperation = changeSet.type === ChangeSetType.CREATE ? 'create' : changeSet.type === ChangeSetType.UPDATE ? 'update' : changeSet.type === ChangeSetType.DELETE || changeSet.type === ChangeSetType.DELETE_EARLY ? 'delete' : 'update';
        const related: RelatedRows = (entity, id) => args.uow.getById(entity, id) as any;
        const now = keysOf(changeSet.entity, related);
        // The keys before an update (the unit an official left), from the values as loaded.
        let before: (ChangeKeys & { id: string }) | null | undefined;
        try {
          before = changeSet.originalEntity ? keysOf({ ...changeSet.entity, ...changeSet.originalEntity }, related) : undefined;
        } catch {
          before = undefined; // stored values a declaration cannot read: the current keys still go out
        }
        // Hidden from the feed's readers before and after (or created hidden): no entry.
        const id = now?.id ?? before?.id;
        if (id === undefined) continue;
        changes.push({
          entity: changeSet.name, operation, ids: [id],
          organizations: [...(now?.organizations ?? []), ...(before?.organizations ?? [])],
          officials: [...(now?.officials ?? []), ...(before?.officials ?? [])],
          regions: [...(now?.regions ?? []), ...(before?.regions ?? [])],
        });
      }
      for (const fields of entriesFor(changes, new Date().toISOString())) {
        const entry = Object.assign(new ChangeEntry(), fields);
        args.uow.computeChangeSet(entry);
      }
    },
    async afterTransactionStart(args: TransactionEventArgs): Promise<void> {
      if (args.uow?.getChangeSets().some((cs) => cs.name === 'ChangeEntry')) await lockFeed(args.em as EntityManager, args.transaction);
    },
  };
}
