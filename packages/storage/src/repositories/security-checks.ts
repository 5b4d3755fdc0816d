import type { RepositoryContext } from './context.js';
import {
  invalidArgument,
  jsonText,
  optionalString,
  requireOneOf,
  requireString,
  requireTime,
} from './context.js';

export type SecurityCheckStatus = 'pass' | 'fail' | 'warning';
const STATUSES: readonly SecurityCheckStatus[] = ['pass', 'fail', 'warning'];

/** The latest result of one named check (TLS configured, model verified, …). */
export interface SecurityCheckInput {
  readonly name: string;
  readonly status: SecurityCheckStatus;
  readonly message?: string | null;
  readonly details?: unknown;
  /** Default now. */
  readonly lastChecked?: number;
}

export interface SecurityCheckRecord {
  readonly name: string;
  readonly status: SecurityCheckStatus;
  readonly message: string | null;
  readonly details: unknown;
  readonly lastChecked: number;
}

/**
 * Security checks: one row per check name, replaced by each new result.
 *
 * @example
 * ```ts
 * await storage.securityChecks.upsert({ name: 'model-integrity', status: 'pass', message: 'sha256 verified' });
 * ```
 */
export interface SecurityCheckRepository {
  upsert(check: SecurityCheckInput): Promise<SecurityCheckRecord>;
  get(name: string): Promise<SecurityCheckRecord | undefined>;
  /** By name. */
  list(): Promise<SecurityCheckRecord[]>;
}

export function createSecurityCheckRepository(ctx: RepositoryContext): SecurityCheckRepository {
  const toRecord = (row: {
    name: string;
    status: string;
    message: string | null;
    details: unknown;
    lastChecked: number;
  }): SecurityCheckRecord => ({
    ...row,
    status: row.status as SecurityCheckStatus,
    details: ctx.dialect.readJson(row.details),
  });
  return {
    async upsert(check) {
      const where = 'securityChecks.upsert()';
      if (check === null || typeof check !== 'object') invalidArgument(`${where} takes a check object.`);
      const row = {
        name: requireString(check.name, 'name', where).slice(0, 200),
        status: requireOneOf(check.status, STATUSES, 'status', where),
        message: optionalString(check.message, 'message', where, 10_000),
        details: check.details === undefined || check.details === null ? null : jsonText(check.details),
        lastChecked:
          check.lastChecked === undefined ? Date.now() : requireTime(check.lastChecked, 'lastChecked', where),
      };
      const saved = await ctx.db
        .insertInto('securityChecks')
        .values(row)
        .onConflict((oc) =>
          oc.column('name').doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            message: eb.ref('excluded.message'),
            details: eb.ref('excluded.details'),
            lastChecked: eb.ref('excluded.lastChecked'),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(saved);
    },
    async get(name) {
      const row = await ctx.db
        .selectFrom('securityChecks')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async list() {
      const rows = await ctx.db.selectFrom('securityChecks').selectAll().orderBy('name').execute();
      return rows.map(toRecord);
    },
  };
}
