import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createStorage, type Storage, type StorageOptions } from '../../src/index.js';

/** Makes a fresh, empty, migrated storage; extra options (retention, redaction) are merged in. */
export type StorageFactory = (
  extra?: Omit<StorageOptions, 'sqlite' | 'postgres' | 'dialect'>,
) => Promise<Storage>;

/** Each call: a new SQLite file in a temp folder (removed by `cleanup`). */
export function sqliteFactory(): { factory: StorageFactory; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'wafer-storage-'));
  let n = 0;
  return {
    factory: (extra = {}) =>
      createStorage({ ...extra, sqlite: { path: path.join(dir, `db-${++n}`, 'wafer.db') } }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Each call: a new database in the throwaway cluster (the cluster is deleted after the run). */
export function postgresFactory(adminUrl: string): { factory: StorageFactory } {
  let n = 0;
  return {
    async factory(extra = {}) {
      const name = `wafer_${process.pid}_${Date.now().toString(36)}_${++n}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`create database "${name}"`);
      } finally {
        await admin.end();
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return createStorage({ ...extra, postgres: { connectionString: url.toString(), pool: { max: 4 } } });
    },
  };
}
