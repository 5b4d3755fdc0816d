import type { Transaction } from 'kysely';
import type { Database, InstanceTable } from '../schema/database.js';
import { chunkRows } from '../util/chunk.js';
import { invalidArgument, optionalString, requireString, requireTime } from './context.js';
import type { InstanceReport } from './ingest.js';

const COLUMNS = 9;

function count(value: unknown, field: string, where: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    invalidArgument(`${where}: \`${field}\` must be a non-negative integer, got ${JSON.stringify(value)}.`);
  return value as number;
}

/** Two reports of one instance folded by the same rules as the upsert in {@link mergeInstanceRows}. */
function fold(stored: InstanceTable, next: InstanceTable): InstanceTable {
  return {
    id: stored.id,
    app: next.app ?? stored.app,
    sdk: next.sdk ?? stored.sdk,
    mode: next.mode ?? stored.mode,
    modelVersion: next.modelVersion ?? stored.modelVersion,
    firstSeen: Math.min(stored.firstSeen, next.firstSeen),
    lastSeen: Math.max(stored.lastSeen, next.lastSeen),
    events: stored.events + next.events,
    failures: stored.failures + next.failures,
  };
}

/**
 * Checks instance reports and builds one row per instance, sorted by id. Reports of the same instance are folded
 * first: PostgreSQL refuses a multi-row upsert that touches one row twice. `where` prefixes error messages.
 */
export function toInstanceRows(reports: readonly InstanceReport[], where: string): InstanceTable[] {
  if (!Array.isArray(reports)) invalidArgument(`${where} must be an array of instance reports.`);
  const byId = new Map<string, InstanceTable>();
  reports.forEach((report: InstanceReport, i) => {
    const at = `${where}[${i}]`;
    if (report === null || typeof report !== 'object') invalidArgument(`${at} must be an object.`);
    const seenAt = requireTime(report.seenAt, 'seenAt', at);
    const row: InstanceTable = {
      id: requireString(report.id, 'id', at).slice(0, 256),
      app: optionalString(report.app, 'app', at, 256),
      sdk: optionalString(report.sdk, 'sdk', at, 1_024),
      mode: optionalString(report.mode, 'mode', at, 64),
      modelVersion: optionalString(report.modelVersion, 'modelVersion', at, 128),
      firstSeen: seenAt,
      lastSeen: seenAt,
      events: count(report.events, 'events', at),
      failures: count(report.failures, 'failures', at),
    };
    const stored = byId.get(row.id);
    byId.set(row.id, stored ? fold(stored, row) : row);
  });
  // Sorted so that concurrent writers (PostgreSQL) lock instance rows in one order and cannot deadlock.
  return [...byId.keys()].sort().map((id) => byId.get(id)!);
}

/**
 * Merges instance rows into `instances` inside the caller's transaction. Counts are additive and `lastSeen` only
 * moves forward (`firstSeen` only back), so transactions that commit out of order still add up; a `null` field
 * keeps the stored value, since a report that does not know its mode has not changed it.
 */
export async function mergeInstanceRows(
  trx: Transaction<Database>,
  rows: readonly InstanceTable[],
  maxParameters: number,
): Promise<void> {
  for (const chunk of chunkRows(rows, COLUMNS, maxParameters))
    await trx
      .insertInto('instances')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          app: eb.fn.coalesce('excluded.app', 'instances.app'),
          sdk: eb.fn.coalesce('excluded.sdk', 'instances.sdk'),
          mode: eb.fn.coalesce('excluded.mode', 'instances.mode'),
          modelVersion: eb.fn.coalesce('excluded.modelVersion', 'instances.modelVersion'),
          firstSeen: eb
            .case()
            .when('excluded.firstSeen', '<', eb.ref('instances.firstSeen'))
            .then(eb.ref('excluded.firstSeen'))
            .else(eb.ref('instances.firstSeen'))
            .end(),
          lastSeen: eb
            .case()
            .when('excluded.lastSeen', '>', eb.ref('instances.lastSeen'))
            .then(eb.ref('excluded.lastSeen'))
            .else(eb.ref('instances.lastSeen'))
            .end(),
          events: eb('instances.events', '+', eb.ref('excluded.events')),
          failures: eb('instances.failures', '+', eb.ref('excluded.failures')),
        })),
      )
      .execute();
}
