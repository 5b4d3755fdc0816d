import type { Selectable } from 'kysely';
import type { RuleExceptionTable } from '../schema/database.js';
import {
  invalidArgument,
  optionalString,
  requireString,
  requireTime,
  type RepositoryContext,
} from './context.js';

/** A false-positive exception: don't act on `attackClass` in `fieldPath` of requests to `pathPattern`. */
export interface RuleExceptionInput {
  /** A path or glob the WAF matches (`/api/posts/*`); stored as given. */
  readonly pathPattern: string;
  /** Only this class (`xss`); any class when left out. */
  readonly attackClass?: string | null;
  /** Only this field (`body.content`); any field when left out. */
  readonly fieldPath?: string | null;
  readonly note?: string | null;
  readonly expiresAt?: number | null;
}

export interface RuleExceptionRecord {
  readonly id: number;
  readonly pathPattern: string;
  readonly attackClass: string | null;
  readonly fieldPath: string | null;
  readonly note: string | null;
  readonly createdAt: number;
  readonly expiresAt: number | null;
}

/**
 * Rule exceptions.
 *
 * @example
 * ```ts
 * await storage.exceptions.add({ pathPattern: '/api/posts/*', attackClass: 'xss', fieldPath: 'body.content',
 *   note: 'rich-text editor' });
 * ```
 */
export interface RuleExceptionRepository {
  add(exception: RuleExceptionInput): Promise<RuleExceptionRecord>;
  /** Oldest first; `activeAt` leaves out those expired by then. */
  list(query?: { activeAt?: number }): Promise<RuleExceptionRecord[]>;
  remove(id: number): Promise<boolean>;
}

export function createRuleExceptionRepository(ctx: RepositoryContext): RuleExceptionRepository {
  const toRecord = (row: Selectable<RuleExceptionTable>) => row as RuleExceptionRecord;
  return {
    async add(exception) {
      const where = 'exceptions.add()';
      if (exception === null || typeof exception !== 'object')
        invalidArgument(`${where} takes { pathPattern }.`);
      const row = await ctx.db
        .insertInto('ruleExceptions')
        .values({
          pathPattern: requireString(exception.pathPattern, 'pathPattern', where).slice(0, 2_048),
          attackClass: optionalString(exception.attackClass, 'attackClass', where, 64),
          fieldPath: optionalString(exception.fieldPath, 'fieldPath', where, 512),
          note: optionalString(exception.note, 'note', where, 1_000),
          createdAt: Date.now(),
          expiresAt:
            exception.expiresAt === undefined || exception.expiresAt === null
              ? null
              : requireTime(exception.expiresAt, 'expiresAt', where),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },
    async list(query = {}) {
      let select = ctx.db.selectFrom('ruleExceptions').selectAll();
      if (query.activeAt !== undefined) {
        const at = requireTime(query.activeAt, 'activeAt', 'exceptions.list()');
        select = select.where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', at)]));
      }
      return (await select.orderBy('id').execute()).map(toRecord);
    },
    async remove(id) {
      const result = await ctx.db.deleteFrom('ruleExceptions').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
