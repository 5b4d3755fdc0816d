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

export function createIngestOffsetRepository(ctx: RepositoryContext): IngestOffsetRepository {
  return {
    async get(path) {
      return ctx.db.selectFrom('ingestOffsets').selectAll().where('path', '=', path).executeTakeFirst();
    },
    async set(input) {
      const where = 'ingestOffsets.set()';
      if (input === null || typeof input !== 'object')
        invalidArgument(`${where} takes { path, inode, offset }.`);
      if (!Number.isSafeInteger(input.offset) || input.offset < 0)
        invalidArgument(`${where}: \`offset\` must be a non-negative integer (bytes).`);
      const row = {
        path: requireString(input.path, 'path', where),
        inode: input.inode === undefined || input.inode === null ? null : String(input.inode),
        offset: input.offset,
        updatedAt: Date.now(),
      };
      return ctx.db
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
