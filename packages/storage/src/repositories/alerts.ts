import { sql, type Selectable } from 'kysely';
import type { AlertTable } from '../schema/database.js';
import { encodeCursor } from '../util/cursor.js';
import {
  invalidArgument,
  optionalString,
  pageSize,
  requireOneOf,
  requireString,
  requireTime,
  type Page,
  type RepositoryContext,
} from './context.js';
import { afterCursor } from './sql-helpers.js';

export type AlertType = 'critical' | 'warning' | 'info';
export type AlertSeverity = 'high' | 'medium' | 'low';
export type AlertStatus = 'active' | 'acknowledged' | 'dismissed';
const TYPES: readonly AlertType[] = ['critical', 'warning', 'info'];
const SEVERITIES: readonly AlertSeverity[] = ['high', 'medium', 'low'];
const STATUSES: readonly AlertStatus[] = ['active', 'acknowledged', 'dismissed'];

/** An occurrence of something worth telling a person about. */
export interface AlertInput {
  readonly type: AlertType;
  readonly severity: AlertSeverity;
  readonly title: string;
  readonly description?: string | null;
  /** What raised it: `detector`, `rate-limit`, `security-check:tls`, … */
  readonly source?: string | null;
  /**
   * Occurrences with the same key while an alert is open (active or acknowledged) fold into it: its count
   * goes up and `lastSeen` moves, so a campaign is one alert. E.g. `sqli:203.0.113.7`.
   */
  readonly groupKey: string;
  /** Epoch ms of the occurrence; default now. */
  readonly time?: number;
}

export interface AlertRecord {
  readonly id: number;
  readonly type: AlertType;
  readonly severity: AlertSeverity;
  readonly title: string;
  readonly description: string | null;
  readonly source: string | null;
  readonly status: AlertStatus;
  readonly groupKey: string;
  /** Occurrences folded into this alert. */
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly acknowledgedAt: number | null;
  readonly dismissedAt: number | null;
}

export interface AlertListQuery {
  readonly status?: AlertStatus;
  /** Only alerts last seen in `[from, to)`. */
  readonly from?: number;
  readonly to?: number;
  readonly limit?: number;
  readonly cursor?: string | null;
}

/**
 * Alerts with grouping and a status workflow: active → acknowledged → dismissed (dismissed is final; the next
 * occurrence of the same key opens a new alert).
 *
 * @example
 * ```ts
 * const alert = await storage.alerts.raise({ type: 'critical', severity: 'high', title: 'SQLi campaign',
 *   groupKey: `sqli:${ip}` }); // again → same alert, count 2
 * await storage.alerts.acknowledge(alert.id);
 * ```
 */
export interface AlertRepository {
  /** Opens an alert or folds the occurrence into the open one with the same `groupKey` (one atomic upsert). */
  raise(alert: AlertInput): Promise<AlertRecord>;
  get(id: number): Promise<AlertRecord | undefined>;
  /** Most recently seen first. */
  list(query?: AlertListQuery): Promise<Page<AlertRecord>>;
  /** active → acknowledged. Returns the alert as it now is; `undefined` when there is no such alert. */
  acknowledge(id: number, at?: number): Promise<AlertRecord | undefined>;
  /** active or acknowledged → dismissed. Returns the alert as it now is; `undefined` when there is none. */
  dismiss(id: number, at?: number): Promise<AlertRecord | undefined>;
  /** How many alerts are in each status. */
  countByStatus(): Promise<Record<AlertStatus, number>>;
}

const toRecord = (row: Selectable<AlertTable>): AlertRecord => row as unknown as AlertRecord;

// Severity only ever goes up while an alert is open: a campaign that escalates must not stay filed as "low".
const SEVERITY_RANK = (column: string) =>
  sql<number>`case ${sql.raw(column)} when 'high' then 3 when 'medium' then 2 else 1 end`;

function checkId(id: number, method: string): void {
  if (!Number.isSafeInteger(id) || id < 1)
    invalidArgument(`alerts.${method}(): \`id\` must be a positive integer.`);
}

export function createAlertRepository(ctx: RepositoryContext): AlertRepository {
  const now = () => Date.now();
  const get = async (id: number) => {
    const row = await ctx.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  };

  return {
    async raise(alert) {
      const where = 'alerts.raise()';
      if (alert === null || typeof alert !== 'object') invalidArgument(`${where} takes an alert object.`);
      const time = alert.time === undefined ? now() : requireTime(alert.time, 'time', where);
      const row = await ctx.db
        .insertInto('alerts')
        .values({
          type: requireOneOf(alert.type, TYPES, 'type', where),
          severity: requireOneOf(alert.severity, SEVERITIES, 'severity', where),
          title: requireString(alert.title, 'title', where).slice(0, 500),
          description: optionalString(alert.description, 'description', where, 10_000),
          source: optionalString(alert.source, 'source', where, 200),
          status: 'active',
          groupKey: requireString(alert.groupKey, 'groupKey', where).slice(0, 500),
          count: 1,
          firstSeen: time,
          lastSeen: time,
          createdAt: time,
          updatedAt: time,
        })
        // Targets the partial unique index on group_key for open alerts. The predicate is a literal, not a bound
        // parameter: both databases must prove at prepare time that it matches the index's own predicate.
        .onConflict((oc) =>
          oc
            .column('groupKey')
            .where('status', '<>', sql.lit('dismissed'))
            .doUpdateSet((eb) => ({
              count: eb('alerts.count', '+', 1),
              lastSeen: sql`case when excluded.last_seen > alerts.last_seen then excluded.last_seen else alerts.last_seen end`,
              updatedAt: eb.ref('excluded.updatedAt'),
              title: eb.ref('excluded.title'),
              description: sql`coalesce(excluded.description, alerts.description)`,
              severity: sql`case when ${SEVERITY_RANK('excluded.severity')} > ${SEVERITY_RANK('alerts.severity')} then excluded.severity else alerts.severity end`,
            })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },

    async get(id) {
      checkId(id, 'get');
      return get(id);
    },

    async list(query = {}) {
      const limit = pageSize(query.limit, 'alerts.list');
      let select = ctx.db.selectFrom('alerts').selectAll();
      if (query.status !== undefined)
        select = select.where('status', '=', requireOneOf(query.status, STATUSES, 'status', 'alerts.list()'));
      if (query.from !== undefined)
        select = select.where('lastSeen', '>=', requireTime(query.from, 'from', 'alerts.list()'));
      if (query.to !== undefined)
        select = select.where('lastSeen', '<', requireTime(query.to, 'to', 'alerts.list()'));
      if (query.cursor) {
        select = select.where(afterCursor('alerts', query.cursor, 'lastSeen'));
      }
      const rows = await select
        .orderBy('lastSeen', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit).map(toRecord);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor:
          rows.length > limit && last ? encodeCursor('alerts', { key: last.lastSeen, id: last.id }) : null,
      };
    },

    async acknowledge(id, at = now()) {
      checkId(id, 'acknowledge');
      requireTime(at, 'at', 'alerts.acknowledge()');
      const row = await ctx.db
        .updateTable('alerts')
        .set({ status: 'acknowledged', acknowledgedAt: at, updatedAt: at })
        .where('id', '=', id)
        .where('status', '=', 'active')
        .returningAll()
        .executeTakeFirst();
      // Already acknowledged or dismissed: the call is idempotent and reports the current state.
      return row ? toRecord(row) : get(id);
    },

    async dismiss(id, at = now()) {
      checkId(id, 'dismiss');
      requireTime(at, 'at', 'alerts.dismiss()');
      const row = await ctx.db
        .updateTable('alerts')
        .set({ status: 'dismissed', dismissedAt: at, updatedAt: at })
        .where('id', '=', id)
        .where('status', '<>', 'dismissed')
        .returningAll()
        .executeTakeFirst();
      return row ? toRecord(row) : get(id);
    },

    async countByStatus() {
      const rows = await ctx.db
        .selectFrom('alerts')
        .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
        .groupBy('status')
        .execute();
      const counts: Record<AlertStatus, number> = { active: 0, acknowledged: 0, dismissed: 0 };
      for (const row of rows) if (row.status in counts) counts[row.status as AlertStatus] = Number(row.count);
      return counts;
    },
  };
}
