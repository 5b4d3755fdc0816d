import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ApiKeyTable } from '../schema/database.js';
import { invalidArgument, requireString, requireTime, type RepositoryContext } from './context.js';

export interface ApiKeyInput {
  readonly name: string;
  /** What the key may do, e.g. `['read']`, `['read', 'write']`. */
  readonly scopes: readonly string[];
  /** Epoch ms after which the key stops working; none by default. */
  readonly expiresAt?: number | null;
}

/** A stored key: never the secret, never its hash. */
export interface ApiKeyRecord {
  readonly id: number;
  readonly name: string;
  /** The public part of the key (`wafer_<prefix>_…`), for telling keys apart in a UI. */
  readonly prefix: string;
  readonly scopes: string[];
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly expiresAt: number | null;
  readonly revokedAt: number | null;
}

/**
 * API keys for the dashboard API. Keys are `wafer_<prefix>_<secret>`: 48 random bits of public prefix used to
 * find the row, 256 random bits of secret. Only the SHA-256 of the whole key is stored. A slow password hash
 * (scrypt) protects low-entropy passwords; a 256-bit random key cannot be brute-forced from its SHA-256, and
 * a fast hash keeps verification cheap on every API call.
 *
 * @example
 * ```ts
 * const { key, secret } = await storage.apiKeys.create({ name: 'ci', scopes: ['read'] });
 * console.log(secret); // shown once: 'wafer_3f9a0c1b2d4e_…'
 * const found = await storage.apiKeys.verify(request.headers['x-api-key']); // ApiKeyRecord | undefined
 * ```
 */
export interface ApiKeyRepository {
  /** Creates a key; `secret` is returned this once and cannot be recovered. */
  create(input: ApiKeyInput): Promise<{ key: ApiKeyRecord; secret: string }>;
  /** The key's record when `secret` is a valid, unrevoked, unexpired key; otherwise `undefined`. */
  verify(secret: string, now?: number): Promise<ApiKeyRecord | undefined>;
  list(): Promise<ApiKeyRecord[]>;
  /** Revokes a key; `false` when there is no such key or it was already revoked. */
  revoke(id: number, at?: number): Promise<boolean>;
}

const KEY_PATTERN = /^wafer_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
// Writing last_used_at on every request would turn each API read into a write; a minute's precision is enough.
const LAST_USED_PRECISION_MS = 60_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function createApiKeyRepository(ctx: RepositoryContext): ApiKeyRepository {
  const toRecord = (row: Selectable<ApiKeyTable>): ApiKeyRecord => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: ctx.dialect.readJson(row.scopes) as string[],
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
  });
  return {
    async create(input) {
      const where = 'apiKeys.create()';
      if (input === null || typeof input !== 'object') invalidArgument(`${where} takes { name, scopes }.`);
      const name = requireString(input.name, 'name', where).slice(0, 200);
      if (!Array.isArray(input.scopes) || !input.scopes.every((s) => typeof s === 'string' && s.length > 0))
        invalidArgument(`${where}: \`scopes\` must be an array of non-empty strings.`);
      const expiresAt =
        input.expiresAt === undefined || input.expiresAt === null
          ? null
          : requireTime(input.expiresAt, 'expiresAt', where);
      const prefix = randomBytes(6).toString('hex');
      const secret = `wafer_${prefix}_${randomBytes(32).toString('base64url')}`;
      const row = await ctx.db
        .insertInto('apiKeys')
        .values({
          name,
          prefix,
          hash: sha256(secret),
          scopes: JSON.stringify(input.scopes),
          createdAt: Date.now(),
          expiresAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { key: toRecord(row), secret };
    },

    async verify(secret, now = Date.now()) {
      if (typeof secret !== 'string') return undefined;
      const match = KEY_PATTERN.exec(secret);
      if (!match) return undefined;
      const row = await ctx.db
        .selectFrom('apiKeys')
        .selectAll()
        .where('prefix', '=', match[1]!)
        .executeTakeFirst();
      if (!row) return undefined;
      // Constant-time comparison of equal-length digests: no timing signal about how much of the hash matched.
      if (!timingSafeEqual(Buffer.from(row.hash, 'hex'), Buffer.from(sha256(secret), 'hex')))
        return undefined;
      if (row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) return undefined;
      if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_PRECISION_MS) {
        await ctx.db.updateTable('apiKeys').set({ lastUsedAt: now }).where('id', '=', row.id).execute();
        row.lastUsedAt = now;
      }
      return toRecord(row);
    },

    async list() {
      const rows = await ctx.db.selectFrom('apiKeys').selectAll().orderBy('id').execute();
      return rows.map(toRecord);
    },

    async revoke(id, at = Date.now()) {
      const result = await ctx.db
        .updateTable('apiKeys')
        .set({ revokedAt: at })
        .where('id', '=', id)
        .where('revokedAt', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
