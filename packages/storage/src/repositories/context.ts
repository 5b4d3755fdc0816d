import type { Kysely } from 'kysely';
import type { StorageDialect } from '../dialect/storage-dialect.js';
import { WaferStorageError } from '../errors.js';
import type { ResolvedStorageOptions } from '../options.js';
import type { Database } from '../schema/database.js';
import type { Redactor } from '../util/redact.js';

/** What every repository is built from: the database, its dialect, the validated options. */
export interface RepositoryContext {
  /** The Kysely instance; throws `WAFER_ERR_STORAGE_CLOSED` after `close()`. */
  readonly db: Kysely<Database>;
  readonly dialect: StorageDialect;
  readonly options: ResolvedStorageOptions;
  readonly redactor: Redactor;
}

/** Page of a time-ordered list, newest first. */
export interface Page<T> {
  readonly items: T[];
  /** Pass to the same list call to get the next (older) page; `null` on the last page. */
  readonly nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1_000;

export function invalidArgument(message: string): never {
  throw new WaferStorageError('WAFER_ERR_STORAGE_INVALID_ARGUMENT', message);
}

/** `limit` checked once per call: an integer from 1 to `max`. */
export function pageSize(limit: number | undefined, method: string, max = MAX_PAGE_SIZE): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > max)
    invalidArgument(`${method}(): \`limit\` must be an integer from 1 to ${max}, got ${String(limit)}.`);
  return limit;
}

/** A required string field of an input row. */
export function requireString(value: unknown, field: string, where: string): string {
  if (typeof value !== 'string' || value.length === 0)
    invalidArgument(`${where}: \`${field}\` must be a non-empty string, got ${JSON.stringify(value)}.`);
  return withoutNul(value as string);
}

/**
 * PostgreSQL text cannot hold U+0000 (SQLite can): a decoded `%00` in a path-traversal payload would make the
 * whole batch fail on one dialect only. Replace it with U+FFFD on both, so both store the same thing.
 */
export function withoutNul(value: string): string {
  return value.includes('\u0000') ? value.replace(/\u0000/g, '\uFFFD') : value;
}

/** `JSON.stringify` for a JSON column, with U+0000 replaced as above (PostgreSQL's jsonb refuses `\u0000`). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd');
}

/** An epoch-millisecond time field of an input row. */
export function requireTime(value: unknown, field: string, where: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    invalidArgument(
      `${where}: \`${field}\` must be epoch milliseconds (an integer such as Date.now()), got ${JSON.stringify(value)}.`,
    );
  return value as number;
}

/** An optional finite number field; `undefined` → `null`. */
export function optionalNumber(value: unknown, field: string, where: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value))
    invalidArgument(`${where}: \`${field}\` must be a finite number, got ${JSON.stringify(value)}.`);
  return value as number;
}

/** An optional string field, cut to `max` characters (columns are bounded so one request cannot bloat a row). */
export function optionalString(value: unknown, field: string, where: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string')
    invalidArgument(`${where}: \`${field}\` must be a string, got ${typeof value}.`);
  const text = withoutNul(value as string);
  return text.length > max ? text.slice(0, max) : text;
}

/** One of a fixed set of values. */
export function requireOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  where: string,
): T {
  if (!allowed.includes(value as T))
    invalidArgument(
      `${where}: \`${field}\` must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(value)}.`,
    );
  return value as T;
}

/** Yields to the event loop between batches so a long delete or insert never starves other work. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
