import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CamelCasePlugin, Kysely, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import { WaferStorageError } from '../../errors.js';
import type { SqliteOptions } from '../../options.js';
import type { Database } from '../../schema/database.js';
import { loadDriver } from '../load-driver.js';
import type { OpenedDatabase, StorageDialect } from '../storage-dialect.js';
import { sqliteExactLatencyPercentiles } from './sqlite-percentiles.js';

// better-sqlite3 described structurally, as Kysely does, so its types are not a dependency of ours.
interface BetterSqlite3Database extends SqliteDatabase {
  pragma(source: string, options?: { simple?: boolean }): unknown;
}
type BetterSqlite3Constructor = new (
  filename: string,
  options?: { timeout?: number },
) => BetterSqlite3Database;

/** SQLite's compiled-in limit on bound parameters (SQLITE_MAX_VARIABLE_NUMBER, 32,766 since 3.32). */
const SQLITE_MAX_PARAMETERS = 32_766;

/**
 * Opens (creating) the SQLite file with the pragmas a write-heavy, read-mostly-by-dashboard store wants.
 * Errors: `WAFER_ERR_STORAGE_DRIVER_MISSING`, `WAFER_ERR_STORAGE_OPEN_FAILED`.
 */
export async function openSqlite(options: Required<SqliteOptions>): Promise<OpenedDatabase> {
  const driver = await loadDriver('better-sqlite3', 'npm install better-sqlite3');
  const Database = driver.default as unknown as BetterSqlite3Constructor;
  const file = options.path;
  const inMemory = file === ':memory:' || file.startsWith('file::memory:');
  let database: BetterSqlite3Database;
  try {
    if (!inMemory && !file.startsWith('file:'))
      mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    database = new Database(file, { timeout: options.busyTimeoutMs });
    // WAL: readers (the dashboard) never block the writer (the ingest queue) and a commit is one append.
    database.pragma('journal_mode = WAL');
    // NORMAL under WAL: a killed process loses nothing committed and the file never corrupts; only a power
    // cut can drop the last few commits. FULL would fsync every commit, several times slower for batches.
    database.pragma('synchronous = NORMAL');
    database.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
    database.pragma('foreign_keys = ON');
    database.pragma(`cache_size = -${options.cacheSizeKb}`);
    database.pragma('temp_store = MEMORY');
    // Keeps the -wal file from growing without bound after a burst (bytes).
    database.pragma('journal_size_limit = 67108864');
  } catch (error) {
    throw new WaferStorageError(
      'WAFER_ERR_STORAGE_OPEN_FAILED',
      `Cannot open the SQLite database at ${JSON.stringify(file)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database }),
    plugins: [new CamelCasePlugin()],
  });
  return { db, dialect: sqliteDialect };
}

const sqliteDialect: StorageDialect = {
  name: 'sqlite',
  maxParameters: SQLITE_MAX_PARAMETERS,
  schema: {
    json: 'text',
    // INTEGER PRIMARY KEY aliases the rowid: no second index, and ids grow with inserts.
    addId: (table) => table.addColumn('id', 'integer', (c) => c.primaryKey()),
    // Rollup rows are only ever found by their key: without a rowid the table *is* the key's b-tree, one
    // b-tree less to update for each of the hundreds of rollup upserts a batch makes.
    keyedTable: (table) => table.modifyEnd(sql`without rowid`),
  },
  readJson: (value) => (typeof value === 'string' ? JSON.parse(value) : (value ?? null)),
  exactLatencyPercentiles: sqliteExactLatencyPercentiles,
  async beforeClose(db) {
    // Lets SQLite refresh the statistics its planner uses, cheaply, as its documentation recommends at close.
    await sql`pragma optimize`.execute(db);
  },
};
