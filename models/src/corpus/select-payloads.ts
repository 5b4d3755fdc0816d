import type { Rng } from '../rng.js';
import type { PoolItem } from './payload-pool.js';
import { MAX_PLACEMENTS_PER_PAYLOAD } from './config.js';

/** One selected item and how many attack requests to build from it. */
export interface Selection {
  readonly item: PoolItem;
  readonly placements: number;
}

/** Largest share of a class's DISTINCT payloads one source may provide. */
const MAX_SOURCE_SHARE = 0.55;

/**
 * Chooses payloads for one class to reach about `target` requests.
 * 1. Distinct payloads: sources take turns (round-robin, shuffled within each source), and one
 *    source gives at most `MAX_SOURCE_SHARE` of the target, so no list dominates.
 * 2. When distinct payloads are scarce, the remaining budget becomes extra placements, given by
 *    water-filling to the source with the FEWEST requests so far (a 1,200-line list does not
 *    outweigh a 60-line one), at most `MAX_PLACEMENTS_PER_PAYLOAD` per payload. Whole requests
 *    from sources (CSIC) are used exactly once.
 */
export function selectForClass(items: readonly PoolItem[], target: number, rng: Rng): Selection[] {
  const bySource = new Map<string, PoolItem[]>();
  for (const it of items) {
    const list = bySource.get(it.source) ?? [];
    list.push(it);
    bySource.set(it.source, list);
  }
  const sources = [...bySource.keys()].sort();
  const queues = new Map(sources.map((s) => [s, rng.shuffle([...(bySource.get(s) ?? [])])]));
  const cap = Math.max(1, Math.ceil(target * MAX_SOURCE_SHARE));
  const taken = new Map<string, PoolItem[]>(sources.map((s) => [s, []]));
  let total = 0;
  let progress = true;
  while (total < target && progress) {
    progress = false;
    for (const s of sources) {
      if (total >= target) break;
      const q = queues.get(s) ?? [];
      const got = taken.get(s) ?? [];
      if (q.length === 0 || got.length >= cap) continue;
      got.push(q.pop() as PoolItem);
      total++;
      progress = true;
    }
  }
  // Water-filling of the remaining budget, source by source.
  const counts = new Map<PoolItem, number>();
  const requestsBySource = new Map<string, number>();
  for (const s of sources) {
    for (const it of taken.get(s) ?? []) counts.set(it, 1);
    requestsBySource.set(s, taken.get(s)?.length ?? 0);
  }
  const cursor = new Map<string, number>(sources.map((s) => [s, 0]));
  let remaining = target - total;
  while (remaining > 0) {
    let best: string | undefined;
    for (const s of sources) {
      const list = (taken.get(s) ?? []).filter((it) => it.kind === 'sample');
      if (list.length === 0 || list.every((it) => (counts.get(it) ?? 0) >= MAX_PLACEMENTS_PER_PAYLOAD))
        continue;
      if (best === undefined || (requestsBySource.get(s) ?? 0) < (requestsBySource.get(best) ?? 0)) best = s;
    }
    if (best === undefined) break;
    const list = (taken.get(best) ?? []).filter((it) => it.kind === 'sample');
    // Next payload of that source in turn (so extra placements spread over its payloads).
    for (let tries = 0; tries < list.length; tries++) {
      const i = (cursor.get(best) ?? 0) % list.length;
      cursor.set(best, i + 1);
      const it = list[i] as PoolItem;
      if ((counts.get(it) ?? 0) < MAX_PLACEMENTS_PER_PAYLOAD) {
        counts.set(it, (counts.get(it) ?? 0) + 1);
        requestsBySource.set(best, (requestsBySource.get(best) ?? 0) + 1);
        remaining--;
        break;
      }
    }
  }
  return sources.flatMap((s) =>
    (taken.get(s) ?? []).map((item) => ({ item, placements: counts.get(item) ?? 1 })),
  );
}
