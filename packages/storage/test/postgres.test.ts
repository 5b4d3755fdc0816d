// Layer 2 for PostgreSQL: the conformance suite against a real server started by the global setup.
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { createStorage } from '../src/index.js';
import { describeStorageConformance } from './support/conformance.js';
import { postgresFactory } from './support/factories.js';

const url = inject('postgresUrl');

if (url) {
  describeStorageConformance('postgres', postgresFactory(url).factory);

  describe('postgres specifics', () => {
    it('uses jsonb and bigint columns', async () => {
      const storage = await postgresFactory(url).factory();
      const { rows } = await sql<{ columnName: string; dataType: string }>`
        select column_name, data_type from information_schema.columns
        where table_name = 'traffic' and column_name in ('time', 'attack_classes', 'id') order by column_name`.execute(
        storage.kysely,
      );
      expect(rows).toEqual([
        // Result keys come back camelCased by the CamelCasePlugin.
        { columnName: 'attack_classes', dataType: 'jsonb' },
        { columnName: 'id', dataType: 'bigint' },
        { columnName: 'time', dataType: 'bigint' },
      ]);
      await storage.close();
    });

    it('fails to connect with WAFER_ERR_STORAGE_OPEN_FAILED and hides the password', async () => {
      const error = await createStorage({
        postgres: {
          connectionString: 'postgres://wafer:s3cret@127.0.0.1:1/none',
          pool: { connectionTimeoutMs: 2_000 },
        },
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'WAFER_ERR_STORAGE_OPEN_FAILED' });
      expect((error as Error).message).toContain('postgres://wafer:***@127.0.0.1:1/none');
      expect((error as Error).message).not.toContain('s3cret');
    });
  });
} else {
  describe.skip(`storage conformance: postgres — SKIPPED: ${inject('postgresSkipReason')}`, () => {
    it('needs the PostgreSQL server binaries', () => {});
  });
}
