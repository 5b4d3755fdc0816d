import { sql, type RawBuilder } from 'kysely';
import { decodeCursor } from '../util/cursor.js';

/**
 * `floor(column / width) * width` in portable SQL. The width is cast to an integer type because better-sqlite3
 * binds JS numbers as REAL, which would make `/` a float division; `bigint` has INTEGER affinity in SQLite.
 */
export function bucketOf(column: string, widthMs: number): RawBuilder<number> {
  const width = sql`cast(${widthMs} as bigint)`;
  return sql<number>`(${sql.ref(column)} / ${width}) * ${width}`;
}

/** `1` when `action = 'block'`, else `0`: summed for blocked counts. */
export function countWhere(column: string, value: string): RawBuilder<number> {
  return sql<number>`case when ${sql.ref(column)} = ${value} then 1 else 0 end`;
}

/**
 * The keyset condition "strictly after the cursor" for lists ordered by `(keyColumn desc, id desc)`. The
 * redundant `key <= cursor.key` lets both databases use the `(key, id)` index for the range.
 */
export function afterCursor(list: string, cursor: string, keyColumn: string): RawBuilder<boolean> {
  const position = decodeCursor(list, cursor);
  const key = sql.ref(keyColumn);
  return sql<boolean>`(${key} <= ${position.key} and (${key} < ${position.key} or ${sql.ref('id')} < ${position.id}))`;
}
