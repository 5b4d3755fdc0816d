import { CamelCasePlugin, Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import { WaferStorageError } from '../../errors.js';
import type { ResolvedStorageOptions } from '../../options.js';
import type { Database } from '../../schema/database.js';
import { loadDriver } from '../load-driver.js';
import type { OpenedDatabase, StorageDialect } from '../storage-dialect.js';
import { postgresExactLatencyPercentiles } from './postgres-percentiles.js';

// pg described structurally (Kysely's way), so @types/pg is not a dependency of our published types.
interface PgTypes {
  getTypeParser(oid: number, format?: string): (value: string) => unknown;
}
interface PgPool extends PostgresPool {
  query(text: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
type PgPoolConstructor = new (config: Record<string, unknown>) => PgPool;

/** PostgreSQL's limit on bind parameters per statement (a 16-bit count). */
const POSTGRES_MAX_PARAMETERS = 65_535;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for error messages. */
export function hidePassword(connectionString: string): string {
  return connectionString.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/**
 * Opens a `pg` pool and checks one connection, so a wrong URL fails at startup rather than on the first write.
 * Errors: `WAFER_ERR_STORAGE_DRIVER_MISSING`, `WAFER_ERR_STORAGE_OPEN_FAILED`.
 */
export async function openPostgres(
  options: NonNullable<ResolvedStorageOptions['postgres']>,
): Promise<OpenedDatabase> {
  const pg = await loadDriver('pg', 'npm install pg');
  const Pool = pg.Pool as PgPoolConstructor;
  const pgTypes = pg.types as PgTypes;
  // Epoch milliseconds and counts are int8, and sums of int8 are numeric; pg returns both as strings to be safe
  // beyond 2^53. Ours stay far below it, so they are parsed to numbers — per pool, not by mutating pg's
  // global parsers, which would change other code in the same process.
  const types: PgTypes = {
    getTypeParser(oid, format) {
      if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
      return pgTypes.getTypeParser(oid, format);
    },
  };
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.pool.max,
    idleTimeoutMillis: options.pool.idleTimeoutMs,
    connectionTimeoutMillis: options.pool.connectionTimeoutMs,
    types,
  });
  // An idle client losing its connection emits 'error' on the pool; unhandled, it would crash the process.
  // The next query gets a fresh connection, so there is nothing to do but not crash.
  pool.on('error', () => {});
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new WaferStorageError(
      'WAFER_ERR_STORAGE_OPEN_FAILED',
      `Cannot connect to PostgreSQL at ${hidePassword(options.connectionString)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
  return { db, dialect: postgresDialect };
}

const postgresDialect: StorageDialect = {
  name: 'postgres',
  maxParameters: POSTGRES_MAX_PARAMETERS,
  schema: {
    json: 'jsonb',
    addId: (table) => table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity()),
    keyedTable: (table) => table,
  },
  // pg parses jsonb itself (a JSON string comes back as a JS string, which must not be parsed again).
  readJson: (value) => value ?? null,
  exactLatencyPercentiles: postgresExactLatencyPercentiles,
  async beforeClose() {},
};
