import { hashHex } from '../hash.js';
import type { EvalRecord } from '../records.js';
import { validateRecord } from '../records.js';
import type { KeyFn } from '../text/normalize-key.js';
import type { CorpusItem } from './corpus-item.js';
import type { Split } from './split.js';
import { splitOf } from './split.js';
import { UnionFind } from './union-find.js';

/** Records per output file. */
export interface Assembled {
  readonly splits: Record<Split, CorpusItem[]>;
  readonly dropped: {
    duplicateRequests: number;
    duplicatesByClass: Record<string, number>;
    benchmarkCollisions: number;
    invalid: number;
    invalidExamples: string[];
  };
}

function headerText(record: EvalRecord, name: string): string {
  const v = record.headers[name];
  return Array.isArray(v) ? v.join('\n') : (v ?? '');
}

/**
 * Normalized request identity used for record-level de-duplication: label, method, URL, body, the
 * attack field, and the User-Agent / Referer (so that two different header payloads on the same
 * URL, or the same page fetched by two real clients, stay two records, while CSIC's verbatim
 * repeats collapse). Tokens in other headers are ignored on purpose.
 */
export function requestIdentity(record: EvalRecord, keyFn: KeyFn): string {
  const attack = record.placement
    ? `${record.placement.attack_path_hint}=${keyFn(record.placement.wire)}`
    : '';
  return [
    record.label,
    record.method,
    keyFn(record.url),
    keyFn(record.body ?? ''),
    attack,
    keyFn(headerText(record, 'user-agent')),
    keyFn(headerText(record, 'referer')),
  ].join('|');
}

/** Stable id from the record's content. */
export function recordId(record: EvalRecord): string {
  const { id: _ignored, ...rest } = record;
  return `w${hashHex(JSON.stringify(rest))}`;
}

/** The keys an item's split must be consistent with: its group and the payload actually placed. */
function keysOf(item: CorpusItem, keyFn: KeyFn): string[] {
  const keys = [item.groupKey];
  if (item.record.placement) keys.push(keyFn(item.record.placement.payload));
  return keys;
}

/**
 * De-duplicates requests (see `requestIdentity`), drops benign requests whose normalized URL is a
 * benchmark URL (the benchmark must stay unseen), validates every record and assigns splits.
 * Splits are assigned per connected component of keys (a group key and the normalized payload
 * actually placed, which differs after evasions such as `/**\/` spaces): so NO normalized payload
 * occurs in two splits even when two lists hold variants of each other. A component containing a
 * pinned item (CSIC / HttpParams benign) goes to train.
 */
export function assemble(
  items: readonly CorpusItem[],
  keyFn: KeyFn,
  seed: string | number,
  benchmarkUrlKeys: ReadonlySet<string>,
): Assembled {
  const splits: Record<Split, CorpusItem[]> = { train: [], validation: [], test: [] };
  const dropped = {
    duplicateRequests: 0,
    duplicatesByClass: {} as Record<string, number>,
    benchmarkCollisions: 0,
    invalid: 0,
    invalidExamples: [] as string[],
  };
  const seen = new Set<string>();
  const kept: CorpusItem[] = [];
  for (const item of items) {
    const r = item.record;
    const problems = validateRecord(r);
    if (problems.length > 0) {
      dropped.invalid++;
      if (dropped.invalidExamples.length < 10)
        dropped.invalidExamples.push(`${problems.join('; ')} :: ${r.url.slice(0, 80)}`);
      continue;
    }
    const identity = requestIdentity(r, keyFn);
    if (seen.has(identity)) {
      dropped.duplicateRequests++;
      const cls = `${r.attack_type ?? 'benign'}${item.site ? `@${item.site}` : ''}`;
      dropped.duplicatesByClass[cls] = (dropped.duplicatesByClass[cls] ?? 0) + 1;
      continue;
    }
    seen.add(identity);
    if (r.label === 'benign' && benchmarkUrlKeys.has(keyFn(r.url))) {
      dropped.benchmarkCollisions++;
      continue;
    }
    r.id = recordId(r);
    kept.push(item);
  }
  const uf = new UnionFind();
  for (const item of kept) {
    const [first, ...rest] = keysOf(item, keyFn);
    for (const k of rest) uf.union(first ?? '', k);
  }
  const pinned = new Set(kept.filter((i) => i.pin).map((i) => uf.find(i.groupKey)));
  for (const item of kept) {
    const root = uf.find(item.groupKey);
    splits[pinned.has(root) ? 'train' : splitOf(root, seed)].push(item);
  }
  return { splits, dropped };
}
