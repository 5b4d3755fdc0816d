import type { Insertable, Transaction } from 'kysely';
import type { ActivityTable, Database, ThreatTable } from '../schema/database.js';
import { chunkRows } from '../util/chunk.js';
import { insertActivityRows, toActivityRow, type ActivityInput } from './activities.js';
import { invalidArgument, type RepositoryContext } from './context.js';
import { saveOffset, toOffsetRow } from './ingest-offsets.js';
import { mergeInstanceRows, toInstanceRows } from './ingest-instances.js';
import { insertThreatRows, toThreatRow, type ThreatEvent } from './threats.js';
import { insertTrafficRows, toTrafficRow, type TrafficEvent, type TrafficRow } from './traffic.js';

/**
 * One inspected request with everything it produced, written all-or-nothing by {@link IngestRepository.write}.
 */
export interface IngestRecord {
  /**
   * Idempotency key (≤ 256 characters), e.g. `instanceId:requestId`. A record whose key was written before —
   * in an earlier call or earlier in the same call — is skipped entirely (traffic, threats and activity).
   * `null`: never deduplicated (access-log lines, whose file offsets are checkpointed instead).
   */
  readonly key: string | null;
  readonly traffic: TrafficEvent;
  readonly threats?: readonly ThreatEvent[];
  readonly activity?: ActivityInput | null;
}

/** What a reporting `waf()` instance said about itself in one batch; merged into the `instances` table. */
export interface InstanceReport {
  /** `hostname:pid` or configured; ≤ 256 characters. */
  readonly id: string;
  readonly app?: string | null;
  /** `@wafer/express`, `log:/var/log/nginx/access.log`, … */
  readonly sdk?: string | null;
  /** `monitor`, `block`, `dry-run` … as the instance reported it. */
  readonly mode?: string | null;
  /** `name@version` of the model it runs. */
  readonly modelVersion?: string | null;
  /** Epoch ms of this report. */
  readonly seenAt: number;
  /** Events in this report (added to the stored total). */
  readonly events: number;
  /** Events with a failure (model error, time budget, …) in this report (added to the stored total). */
  readonly failures: number;
}

/** A reporting instance as stored. */
export interface InstanceRecord {
  readonly id: string;
  readonly app: string | null;
  readonly sdk: string | null;
  readonly mode: string | null;
  readonly modelVersion: string | null;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly events: number;
  readonly failures: number;
}

/** Options of {@link IngestRepository.write}. */
export interface IngestWriteOptions {
  /** Instance reports merged in the same transaction. */
  readonly instances?: readonly InstanceReport[];
  /** A log file's read position, saved in the same transaction (so a crash never skips or repeats lines). */
  readonly offset?: {
    readonly path: string;
    readonly inode?: string | number | bigint | null;
    readonly offset: number;
  };
}

/** What one {@link IngestRepository.write} did. */
export interface IngestResult {
  /** Records written (traffic rows). */
  readonly written: number;
  /** Records skipped because their key was already written. */
  readonly duplicates: number;
  readonly threats: number;
  readonly activities: number;
  /** The records actually written, in input order (duplicates left out): what to publish downstream. */
  readonly accepted: readonly IngestRecord[];
}

/**
 * The dashboard's write path: a batch of inspected requests (traffic + rollups, threats, activities),
 * idempotency keys, instance reports and a log offset in **one transaction** — acknowledged means stored.
 *
 * @example
 * ```ts
 * const result = await storage.ingest.write(
 *   [{ key: 'web-1:5c0e…', traffic: { time, requestId: '5c0e…', ip, method: 'GET', path: '/', action: 'allow' } }],
 *   { instances: [{ id: 'web-1', app: 'shop', seenAt: Date.now(), events: 1, failures: 0 }] },
 * );
 * ```
 */
export interface IngestRepository {
  /**
   * Writes the records whose key is new — traffic with its rollups, threats, activities — together with their keys,
   * the instance reports and the log offset, in one transaction. Every record and option is checked first: one bad
   * field rejects the whole call with `WAFER_ERR_STORAGE_INVALID_ARGUMENT` naming it, and nothing is written.
   * Keys are remembered for `retention.traffic` days after they are written.
   */
  write(records: readonly IngestRecord[], options?: IngestWriteOptions): Promise<IngestResult>;
  /** Every instance that ever reported, most recently seen first. */
  instances(): Promise<InstanceRecord[]>;
}

const MAX_KEY = 256;
// Two columns per key row: chunked like the other multi-row inserts.
const KEY_COLUMNS = 2;

/** One record checked and turned into rows before the transaction starts. */
interface PreparedRecord {
  readonly record: IngestRecord;
  readonly key: string | null;
  readonly traffic: TrafficRow;
  readonly threats: Insertable<ThreatTable>[];
  readonly activity: Insertable<ActivityTable> | null;
}

/**
 * Keys are rejected rather than cut when too long: two keys sharing their first 256 characters would then
 * dedupe each other, and one record would be silently dropped.
 */
function checkKey(value: unknown, where: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_KEY)
    invalidArgument(
      `${where}: \`key\` must be null or a string of 1 to ${MAX_KEY} characters, got ${
        typeof value === 'string' ? `${value.length} characters` : JSON.stringify(value)
      }.`,
    );
  // Unlike text columns (where U+0000 becomes U+FFFD), a key is not rewritten: two keys would collide.
  if ((value as string).includes('\u0000'))
    invalidArgument(`${where}: \`key\` must not contain U+0000 (PostgreSQL cannot store it).`);
  return value as string;
}

function prepare(record: IngestRecord, index: number, ctx: RepositoryContext): PreparedRecord {
  const where = `ingest.write(): record ${index}`;
  if (record === null || typeof record !== 'object') invalidArgument(`${where} must be an object.`);
  const threats = record.threats ?? [];
  if (!Array.isArray(threats)) invalidArgument(`${where}: \`threats\` must be an array of threats.`);
  const activity = record.activity;
  return {
    record,
    key: checkKey(record.key, where),
    traffic: toTrafficRow(record.traffic, `${where}.traffic`, ctx),
    threats: threats.map((t: ThreatEvent, i) => toThreatRow(t, `${where}.threats[${i}]`, ctx)),
    activity:
      activity === null || activity === undefined ? null : toActivityRow(activity, `${where}.activity`),
  };
}

/**
 * Inserts the keys and returns those that were not there yet. `on conflict do nothing returning` reports only
 * the rows it inserted, on both databases; on PostgreSQL a key being written by a concurrent transaction waits
 * for it, so two writers never both accept one key. Sorted so such waits cannot form a cycle (deadlock).
 */
async function insertKeys(
  trx: Transaction<Database>,
  keys: readonly string[],
  time: number,
  maxParameters: number,
): Promise<Set<string>> {
  const fresh = new Set<string>();
  const sorted = [...keys].sort();
  for (const chunk of chunkRows(sorted, KEY_COLUMNS, maxParameters))
    for (const row of await trx
      .insertInto('ingestKeys')
      .values(chunk.map((key) => ({ key, time })))
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .execute())
      fresh.add(row.key);
  return fresh;
}

/** Builds the ingest repository: the dashboard's one write path for reported events. */
export function createIngestRepository(ctx: RepositoryContext): IngestRepository {
  return {
    async write(records, options = {}) {
      if (!Array.isArray(records)) invalidArgument('ingest.write() takes an array of records.');
      if (options === null || typeof options !== 'object')
        invalidArgument('ingest.write(): `options` must be an object ({ instances, offset }).');
      // Everything is checked (and redacted) before the transaction: a bad record must not hold the write lock.
      const prepared = records.map((record, i) => prepare(record, i, ctx));
      const instances =
        options.instances === undefined ? [] : toInstanceRows(options.instances, 'ingest.write(): instances');
      const offset =
        options.offset === undefined ? undefined : toOffsetRow(options.offset, 'ingest.write(): offset');
      if (prepared.length === 0 && instances.length === 0 && offset === undefined)
        return { written: 0, duplicates: 0, threats: 0, activities: 0, accepted: [] };

      // Within the batch the first occurrence of a key wins; the database decides between batches.
      const first = new Map<string, PreparedRecord>();
      for (const p of prepared) if (p.key !== null && !first.has(p.key)) first.set(p.key, p);
      // The write time, not the event time: retention keeps a key as long as a retry of it is plausible, and
      // a retry arrives soon after the first delivery, however old the event's own clock says it is.
      const now = Date.now();
      const max = ctx.dialect.maxParameters;
      return ctx.db.transaction().execute(async (trx) => {
        const fresh = await insertKeys(trx, [...first.keys()], now, max);
        const accepted = prepared.filter(
          (p) => p.key === null || (first.get(p.key) === p && fresh.has(p.key)),
        );
        const traffic = accepted.map((p) => p.traffic);
        const threats = accepted.flatMap((p) => p.threats);
        const activities = accepted.flatMap((p) => (p.activity ? [p.activity] : []));
        await insertTrafficRows(trx, traffic, max);
        await insertThreatRows(trx, threats, max);
        await insertActivityRows(trx, activities, max);
        await mergeInstanceRows(trx, instances, max);
        if (offset) await saveOffset(trx, offset);
        return {
          written: accepted.length,
          duplicates: prepared.length - accepted.length,
          threats: threats.length,
          activities: activities.length,
          accepted: accepted.map((p) => p.record),
        };
      });
    },

    async instances() {
      return ctx.db.selectFrom('instances').selectAll().orderBy('lastSeen', 'desc').orderBy('id').execute();
    },
  };
}
