import type { Selectable } from 'kysely';
import type { IpListTable } from '../schema/database.js';
import { normalizeCidr } from '../util/cidr.js';
import {
  invalidArgument,
  optionalString,
  requireOneOf,
  requireTime,
  type RepositoryContext,
} from './context.js';

export type IpListName = 'allow' | 'deny';
const LISTS: readonly IpListName[] = ['allow', 'deny'];

export interface IpListInput {
  readonly list: IpListName;
  /** An address (`203.0.113.7`) or a CIDR block (`203.0.113.0/24`, `2001:db8::/32`). */
  readonly cidr: string;
  readonly note?: string | null;
  /** Epoch ms after which the entry no longer applies (a temporary ban); none by default. */
  readonly expiresAt?: number | null;
}

export interface IpListEntry {
  readonly id: number;
  readonly list: IpListName;
  /** Normalized: always with a prefix length. */
  readonly cidr: string;
  readonly note: string | null;
  readonly createdAt: number;
  readonly expiresAt: number | null;
}

/**
 * Allow and deny lists of addresses and CIDR blocks. The WAF loads the active entries and matches in memory
 * (e.g. with `node:net`'s `BlockList`); storage keeps them and their expiry.
 *
 * @example
 * ```ts
 * await storage.ipLists.add({ list: 'deny', cidr: '203.0.113.0/24', note: 'scanner', expiresAt: Date.now() + 86_400_000 });
 * const deny = await storage.ipLists.list({ list: 'deny', activeAt: Date.now() });
 * ```
 */
export interface IpListRepository {
  /** Adds an entry, or updates the note and expiry of the same (list, cidr). */
  add(entry: IpListInput): Promise<IpListEntry>;
  /** Entries, oldest first; `activeAt` leaves out those expired by then. */
  list(query?: { list?: IpListName; activeAt?: number }): Promise<IpListEntry[]>;
  remove(id: number): Promise<boolean>;
}

export function createIpListRepository(ctx: RepositoryContext): IpListRepository {
  const toEntry = (row: Selectable<IpListTable>) => row as IpListEntry;
  return {
    async add(entry) {
      const where = 'ipLists.add()';
      if (entry === null || typeof entry !== 'object') invalidArgument(`${where} takes { list, cidr }.`);
      const cidr = normalizeCidr(entry.cidr);
      if (!cidr)
        invalidArgument(
          `${where}: \`cidr\` must be an IP address or CIDR block, got ${JSON.stringify(entry.cidr)}.`,
        );
      const row = await ctx.db
        .insertInto('ipLists')
        .values({
          list: requireOneOf(entry.list, LISTS, 'list', where),
          cidr: cidr!,
          note: optionalString(entry.note, 'note', where, 1_000),
          createdAt: Date.now(),
          expiresAt:
            entry.expiresAt === undefined || entry.expiresAt === null
              ? null
              : requireTime(entry.expiresAt, 'expiresAt', where),
        })
        .onConflict((oc) =>
          oc.columns(['list', 'cidr']).doUpdateSet((eb) => ({
            note: eb.ref('excluded.note'),
            expiresAt: eb.ref('excluded.expiresAt'),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEntry(row);
    },
    async list(query = {}) {
      let select = ctx.db.selectFrom('ipLists').selectAll();
      if (query.list !== undefined)
        select = select.where('list', '=', requireOneOf(query.list, LISTS, 'list', 'ipLists.list()'));
      if (query.activeAt !== undefined) {
        const at = requireTime(query.activeAt, 'activeAt', 'ipLists.list()');
        select = select.where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', at)]));
      }
      return (await select.orderBy('id').execute()).map(toEntry);
    },
    async remove(id) {
      const result = await ctx.db.deleteFrom('ipLists').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
