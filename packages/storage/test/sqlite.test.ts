// Layer 2 for SQLite: the conformance suite on a real file, plus what only SQLite has (pragmas, the file).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createStorage } from '../src/index.js';
import { describeStorageConformance } from './support/conformance.js';
import { sqliteFactory } from './support/factories.js';

const sqlite = sqliteFactory();
afterAll(() => sqlite.cleanup());

describeStorageConformance('sqlite', sqlite.factory);

describe('sqlite specifics', () => {
  it('creates the folder and sets WAL, synchronous=NORMAL, busy_timeout and foreign keys', async () => {
    const storage = await sqlite.factory();
    const pragma = async (name: string) =>
      Object.values((await sql.raw(`pragma ${name}`).execute(storage.kysely)).rows[0] as object)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(5000);
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('cache_size')).toBe(-65536);
    await storage.close();
  });

  it('opens :memory: for throwaway use', async () => {
    const storage = await createStorage({ sqlite: { path: ':memory:' } });
    expect(storage.dialect).toBe('sqlite');
    await storage.traffic.insertMany([
      { time: 1, requestId: 'r', ip: '127.0.0.1', method: 'GET', path: '/', action: 'allow' },
    ]);
    expect((await storage.traffic.list({ from: 0, to: 2 })).items).toHaveLength(1);
    await storage.close();
  });

  it('does not create the tables with migrate: false', async () => {
    const storage = await createStorage({ sqlite: { path: ':memory:' }, migrate: false });
    expect((await storage.migrations()).every((m) => m.executedAt === undefined)).toBe(true);
    await storage.close();
  });

  it('reports an unopenable file as WAFER_ERR_STORAGE_OPEN_FAILED', async () => {
    // The "folder" is a regular file, so neither mkdir nor open can succeed.
    const dir = mkdtempSync(path.join(tmpdir(), 'wafer-unopenable-'));
    writeFileSync(path.join(dir, 'file'), '');
    await expect(createStorage({ sqlite: { path: path.join(dir, 'file', 'x.db') } })).rejects.toMatchObject({
      code: 'WAFER_ERR_STORAGE_OPEN_FAILED',
    });
    rmSync(dir, { recursive: true, force: true });
  });
});
