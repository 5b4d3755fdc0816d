import type { Insertable, Kysely } from 'kysely';
import type { Database, IngestOffsetTable } from '../schema/database.js';
import { invalidArgument, requireString, type RepositoryContext } from './context.js';

/** How far a log file has been read. */
export interface IngestOffset {
  readonly path: string;
  /** The file's inode (as text): a different inode at the same path means the log was rotated. */
  readonly inode: string | null;
  /** Bytes already processed. */
  readonly offset: number;
  readonly updatedAt: number;
}

/**
 * Offsets of access logs being ingested, so a restart resumes where it stopped.
 *
 * @example
 * ```ts
 * const saved = await storage.ingestOffsets.get('/var/log/nginx/access.log');
 * const start = saved && saved.inode === String(stat.ino) ? saved.offset : 0;
 * await storage.ingestOffsets.set({ path, inode: String(stat.ino), offset: end });
 * ```
 */
export interface IngestOffsetRepository {
  get(path: string): Promise<IngestOffset | undefined>;
  set(offset: {
    path: string;
    inode?: string | number | bigint | null;
    offset: number;
  }): Promise<IngestOffset>;
  list(): Promise<IngestOffset[]>;
  delete(path: string): Promise<boolean>;
}

/** What `ingestOffsets.set()` and `ingest.write({ offset })` take. */
export type IngestOffsetInput = Parameters<IngestOffsetRepository['set']>[0];

/** Checks an offset and builds its row (`where` prefixes error messages); stamped with the current time. */
export function toOffsetRow(input: IngestOffsetInput, where: string): Insertable<IngestOffsetTable> {
  if (input === null || typeof input !== 'object') invalidArgument(`${where} takes { path, inode, offset }.`);
  if (!Number.isSafeInteger(input.offset) || input.offset < 0)
    invalidArgument(`${where}: \`offset\` must be a non-negative integer (bytes).`);
  return {
    path: requireString(input.path, 'path', where),
    inode: input.inode === undefined || input.inode === null ? null : String(input.inode),
    offset: input.offset,
    updatedAt: Date.now(),
  };
}

/**
 * Upserts an offset row through `db`, which may be a transaction: `ingest.write()` saves the offset in the same
 * transaction as the lines read up to it.
 */
export function saveOffset(db: Kysely<Database>, row: Insertable<IngestOffsetTable>): Promise<IngestOffset> {
  return db
    .insertInto('ingestOffsets')
    .values(row)
    .onConflict((oc) =>
      oc.column('path').doUpdateSet((eb) => ({
        inode: eb.ref('excluded.inode'),
        offset: eb.ref('excluded.offset'),
        updatedAt: eb.ref('excluded.updatedAt'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function createIngestOffsetRepository(ctx: RepositoryContext): IngestOffsetRepository {
  return {
    async get(path) {
      return ctx.db.selectFrom('ingestOffsets').selectAll().where('path', '=', path).executeTakeFirst();
    },
    async set(input) {
      const row = toOffsetRow(input, 'ingestOffsets.set()');
      return saveOffset(ctx.db, row);
    },
    async list() {
      return ctx.db.selectFrom('ingestOffsets').selectAll().orderBy('path').execute();
    },
    async delete(path) {
      const result = await ctx.db.deleteFrom('ingestOffsets').where('path', '=', path).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
