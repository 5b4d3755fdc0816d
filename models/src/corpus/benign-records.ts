import type { BenignGenerator, HardNegativeSpec } from '../benign/generate-benign.js';
import { renderDraft } from '../draft.js';
import type { Rng } from '../rng.js';
import type { SourceRecord } from '../sources/source-output.js';
import type { KeyFn } from '../text/normalize-key.js';
import type { PayloadSample } from '../payload-sample.js';
import { BENIGN_MIX, TRAIN_PINNED_BENIGN_SOURCES } from './config.js';
import type { CorpusItem } from './corpus-item.js';

/** Inputs for the benign side. */
export interface BenignInputs {
  readonly total: number;
  /** Dataset benign texts (kaggle sentences, FuzzDB building blocks, HttpParams values), de-duplicated. */
  readonly texts: ReadonlyArray<{ key: string; sample: PayloadSample }>;
  /** CSIC normal requests. */
  readonly csicNormal: readonly SourceRecord[];
}

function requestKey(keyFn: KeyFn, method: string, url: string, body: string | undefined): string {
  return `${method} ${keyFn(url)} ${keyFn(body ?? '')}`;
}

/**
 * Builds the benign records: plain synthetic requests, requests built around generated and
 * dataset hard negatives, HttpParams values and CSIC normal requests, in `BENIGN_MIX` proportions.
 */
export function buildBenignRecords(
  inputs: BenignInputs,
  gen: BenignGenerator,
  rng: Rng,
  keyFn: KeyFn,
): CorpusItem[] {
  const items: CorpusItem[] = [];
  const count = (share: number): number => Math.round(inputs.total * share);
  const make = (spec: HardNegativeSpec, origin: string | undefined, pin?: 'train'): void => {
    const draft = gen.draft({ hardNegative: spec });
    const record = renderDraft(draft);
    const hn = draft.hardNegative;
    record.source = `synthetic:${draft.app}${hn ? `+${hn.kind}` : ''}`;
    const groupKey = hn
      ? `text:${keyFn(hn.text)}`
      : `request:${requestKey(keyFn, record.method, record.url, record.body)}`;
    items.push({
      record,
      groupKey,
      ...(pin ? { pin } : {}),
      ...(hn && origin !== 'httpparams' ? { hardNegative: hn.kind } : {}),
    });
  };

  for (let i = 0; i < count(BENIGN_MIX.plain); i++) make({ type: 'none' }, undefined);
  for (let i = 0; i < count(BENIGN_MIX.generatedHardNegative); i++) make({ type: 'generated' }, 'generated');

  const pinned = (s: PayloadSample): boolean => TRAIN_PINNED_BENIGN_SOURCES.includes(s.source);
  const hardPool = rng.shuffle(inputs.texts.filter((t) => !pinned(t.sample)));
  const valuePool = rng.shuffle(inputs.texts.filter((t) => pinned(t.sample)));
  // Every dataset hard negative is used at least once (up to the budget), then re-used.
  const pooled = count(BENIGN_MIX.pooledHardNegative);
  for (let i = 0; i < pooled && hardPool.length > 0; i++) {
    const t = hardPool[i % hardPool.length];
    if (!t) break;
    const origin =
      t.sample.source === 'kaggle-xss-dataset'
        ? t.sample.source
        : `${t.sample.source}:${t.sample.sourceFile}`;
    make({ type: 'pooled', item: { text: t.sample.text, origin } }, origin);
  }
  for (let i = 0; i < count(BENIGN_MIX.httpparamsValues) && valuePool.length > 0; i++) {
    const t = valuePool[i % valuePool.length];
    if (!t) break;
    make({ type: 'pooled', item: { text: t.sample.text, origin: 'httpparams' } }, 'httpparams', 'train');
  }
  const csic = rng.shuffle([...inputs.csicNormal]).slice(0, count(BENIGN_MIX.csicNormal));
  for (const r of csic) {
    const record = { ...r.record };
    items.push({
      record,
      groupKey: `request:${requestKey(keyFn, record.method, record.url, record.body)}`,
      pin: 'train',
    });
  }
  return items;
}
