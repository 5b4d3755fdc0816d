export { openPostgres } from './postgres/postgres-dialect.js';
export { openSqlite } from './sqlite/sqlite-dialect.js';
export type { ExactPercentileRow, OpenedDatabase, StorageDialect } from './storage-dialect.js';
