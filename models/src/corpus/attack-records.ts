import type { BenignGenerator } from '../benign/generate-benign.js';
import type { PayloadSample } from '../payload-sample.js';
import { placeAttack } from '../placement.js';
import { findUrlEvidence } from '../url-evidence.js';
import type { Rng } from '../rng.js';
import type { CorpusItem } from './corpus-item.js';
import type { Selection } from './select-payloads.js';

function valueVariant(sample: PayloadSample): PayloadSample | undefined {
  if (sample.context !== 'url') return undefined;
  const ev = findUrlEvidence(sample.text, sample.attackType);
  if (!ev || ev.attackType !== sample.attackType || ev.kind !== 'value') return undefined;
  return { ...sample, text: ev.text, context: 'value', notes: [...(sample.notes ?? []), 'from-url'] };
}

/** Builds the attack records of one class's selection. Returns items and the count of failed placements. */
export function buildAttackRecords(
  selection: readonly Selection[],
  gen: BenignGenerator,
  rng: Rng,
): { items: CorpusItem[]; failed: number } {
  const items: CorpusItem[] = [];
  let failed = 0;
  for (const { item, placements } of selection) {
    if (item.kind === 'record') {
      items.push({ record: { ...item.record.record }, groupKey: item.key });
      continue;
    }
    // A scanner URL is one request; its further placements reuse the attack component as a value
    // (the same attack string in other requests), since re-sending the same URL would be a duplicate.
    const asValue = valueVariant(item.sample);
    for (let i = 0; i < placements; i++) {
      const placed = placeAttack(i === 0 || !asValue ? item.sample : asValue, gen, rng);
      if (!placed) {
        failed++;
        continue;
      }
      placed.record.source = `${item.sample.source}:${item.sample.sourceFile}`.slice(0, 160);
      items.push({ record: placed.record, groupKey: item.key, site: placed.site });
    }
  }
  return { items, failed };
}
