import type { PayloadSample } from '../payload-sample.js';
import type { AttackClass } from '../taxonomy.js';
import type { KeyFn } from '../text/normalize-key.js';
import { findUrlEvidence } from '../url-evidence.js';
import type { SourceRecord } from '../sources/source-output.js';
import { SOURCE_PRIORITY } from './config.js';

/** A unit that can become attack requests: a payload sample, or a whole request from a source. */
export type PoolItem =
  | { readonly kind: 'sample'; readonly key: string; readonly source: string; readonly sample: PayloadSample }
  | { readonly kind: 'record'; readonly key: string; readonly source: string; readonly record: SourceRecord };

/** De-duplicated attack items per class and benign texts, with the accounting. */
export interface PayloadPool {
  readonly attacks: Map<AttackClass, PoolItem[]>;
  readonly benignTexts: Array<{ key: string; sample: PayloadSample }>;
  readonly stats: {
    duplicates: number;
    labelConflicts: Record<string, number>;
    conflictExamples: string[];
    oodOverlapDropped: number;
  };
}

/**
 * The text a sample is de-duplicated and split by: for scanner URLs the attack-carrying component
 * (thousands of `/<random>.nsf?<script>…` lines are ONE payload), otherwise the text itself.
 */
export function keyTextOf(sample: PayloadSample): string {
  if (sample.context !== 'url') return sample.text;
  const ev = findUrlEvidence(sample.text, sample.attackType);
  // Only the component that carries THIS class identifies the payload; otherwise the whole URL.
  return ev && ev.attackType === sample.attackType ? ev.text : sample.text;
  return sample.text;
}

function priorityOf(source: string): number {
  const i = SOURCE_PRIORITY.indexOf(source);
  return i < 0 ? SOURCE_PRIORITY.length : i; // our generators come after every dataset
}

/**
 * Builds the pool: the first source (in `SOURCE_PRIORITY`) keeps a payload that several lists share;
 * a key labelled differently by two sources keeps the first label and is counted as a conflict;
 * a benign text whose key is also an attack is dropped; payloads that also occur in the OOD source
 * are dropped so the OOD test stays unseen.
 */
export function buildPayloadPool(
  samples: readonly PayloadSample[],
  records: ReadonlyArray<{ record: SourceRecord; source: string }>,
  keyFn: KeyFn,
  oodKeys: ReadonlySet<string>,
): PayloadPool {
  const stats: PayloadPool['stats'] = {
    duplicates: 0,
    labelConflicts: {},
    conflictExamples: [],
    oodOverlapDropped: 0,
  };
  const ordered = [...samples].sort((a, b) => priorityOf(a.source) - priorityOf(b.source));
  const seen = new Map<string, string>(); // key → class name
  const attacks = new Map<AttackClass, PoolItem[]>();
  const benignTexts: PayloadPool['benignTexts'] = [];
  const add = (cls: AttackClass, item: PoolItem): void => {
    const list = attacks.get(cls) ?? [];
    list.push(item);
    attacks.set(cls, list);
  };
  const admit = (key: string, cls: string): boolean => {
    const prev = seen.get(key);
    if (prev === undefined) {
      seen.set(key, cls);
      return true;
    }
    if (prev === cls) stats.duplicates++;
    else {
      const pair = `${prev}|${cls}`;
      stats.labelConflicts[pair] = (stats.labelConflicts[pair] ?? 0) + 1;
      if (stats.conflictExamples.length < 20) stats.conflictExamples.push(`${pair}: ${key.slice(0, 80)}`);
    }
    return false;
  };
  // Attacks first, so that a text that is an attack anywhere is never kept as benign.
  for (const s of ordered) {
    if (s.label !== 'attack' || !s.attackType) continue;
    const key = keyFn(keyTextOf(s));
    if (key === '') continue;
    if (oodKeys.has(key)) {
      stats.oodOverlapDropped++;
      continue;
    }
    if (admit(key, s.attackType)) add(s.attackType, { kind: 'sample', key, source: s.source, sample: s });
  }
  for (const { record, source } of records) {
    const cls = record.record.attack_type;
    if (!cls || record.payloadText === undefined) continue;
    const key = keyFn(record.payloadText);
    if (oodKeys.has(key)) {
      stats.oodOverlapDropped++;
      continue;
    }
    // Whole requests share payloads a lot (CSIC repeats the same Paros probe): one per key.
    if (admit(key, cls)) add(cls, { kind: 'record', key, source, record });
  }
  for (const s of ordered) {
    if (s.label !== 'benign') continue;
    const key = keyFn(s.text);
    if (key === '') continue;
    if (admit(key, 'benign')) benignTexts.push({ key, sample: s });
  }
  return { attacks, benignTexts, stats };
}
