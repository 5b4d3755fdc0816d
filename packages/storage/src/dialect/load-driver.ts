import { WaferStorageError } from '../errors.js';

/**
 * Loads a driver package lazily. The name goes through a variable so neither tsup nor TypeScript tie the build
 * to a driver: a PostgreSQL deployment never loads the native SQLite addon, and `pg` stays optional.
 */
export async function loadDriver(name: string, install: string): Promise<Record<string, unknown>> {
  try {
    const mod = (await import(name)) as Record<string, unknown> & { default?: Record<string, unknown> };
    return { ...(mod.default ?? {}), ...mod };
  } catch (error) {
    throw new WaferStorageError(
      'WAFER_ERR_STORAGE_DRIVER_MISSING',
      `Cannot load the \`${name}\` driver (${(error as Error).message}). Install it: \`${install}\`.`,
      { cause: error },
    );
  }
}
