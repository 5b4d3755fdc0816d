/**
 * Stable error codes of `@wafer/storage`. A code is never reused for a different meaning; see `docs/errors.md`.
 * They share the `WAFER_ERR_` prefix with `@wafer/core`'s codes so one check covers every Wafer package.
 * Only programmer and environment errors throw (bad options, bad arguments, an unreachable database):
 * "nothing found" is a value (`undefined`, an empty page), never an error.
 */
export const STORAGE_ERROR_CODES = {
  WAFER_ERR_STORAGE_INVALID_OPTION: 'An option passed to createStorage() is invalid or unknown.',
  WAFER_ERR_STORAGE_INVALID_ARGUMENT:
    'A storage method was called with an argument of the wrong type or range.',
  WAFER_ERR_STORAGE_INVALID_CURSOR: 'A page cursor is malformed or was issued by a different query.',
  WAFER_ERR_STORAGE_DRIVER_MISSING: 'The database driver (better-sqlite3 or pg) could not be loaded.',
  WAFER_ERR_STORAGE_OPEN_FAILED: 'The database could not be opened or connected to.',
  WAFER_ERR_STORAGE_MIGRATION_FAILED:
    'A schema migration failed; the database is left at the last good version.',
  WAFER_ERR_STORAGE_SCHEMA_TOO_NEW: 'The database was migrated by a newer @wafer/storage than this one.',
  WAFER_ERR_STORAGE_CLOSED: 'A Storage was used after close().',
} as const;

export type StorageErrorCode = keyof typeof STORAGE_ERROR_CODES;

/**
 * The one error class `@wafer/storage` throws.
 *
 * @example
 * ```ts
 * try { await createStorage({ sqlite: { pth: './wafer.db' } }) }
 * catch (e) {
 *   if (e instanceof WaferStorageError && e.code === 'WAFER_ERR_STORAGE_INVALID_OPTION') console.error(e.message);
 *   // Unknown option `sqlite.pth`. Did you mean `sqlite.path`? …
 * }
 * ```
 */
export class WaferStorageError extends Error {
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WaferStorageError';
    this.code = code;
  }
}
