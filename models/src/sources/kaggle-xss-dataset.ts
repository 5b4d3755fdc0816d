import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KAGGLE_INFO, KAGGLE_LABELS } from '../mappings/kaggle-xss-dataset.js';
import type { PayloadSample } from '../payload-sample.js';
import { parseCsv } from '../text/csv.js';
import { gateAttack, gateHardNegative } from './gate.js';
import type { SourceContext, SourceOutput } from './source-output.js';
import { SourceStats } from './source-stats.js';

/** Reads `XSS_dataset.csv` (`,Sentence,Label`; quoted fields span lines). */
export function readKaggleXss(ctx: SourceContext): SourceOutput {
  const stats = new SourceStats();
  const payloads: PayloadSample[] = [];
  const rows = parseCsv(readFileSync(join(ctx.dir, 'XSS_dataset.csv'), 'utf8')).slice(1);
  for (const row of rows) {
    if (row.length < 3) continue;
    stats.countRead();
    const text = (row[1] ?? '').replace(/\s+$/, '').replace(/^\s+/, '');
    const mapped = KAGGLE_LABELS[(row[2] ?? '').trim()];
    if (!mapped) {
      stats.drop('unknown label');
      continue;
    }
    if (mapped === 'benign') {
      if (text.length < 3) {
        stats.drop('benign text shorter than 3 characters');
        continue;
      }
      if (!gateHardNegative(text, stats)) continue;
      payloads.push({
        source: KAGGLE_INFO.id,
        sourceFile: 'XSS_dataset.csv',
        text,
        label: 'benign',
        context: 'value',
        notes: ['hard-negative'],
      });
      stats.keep('benign');
      continue;
    }
    const cls = gateAttack(text, 'xss', stats);
    if (!cls) continue;
    payloads.push({
      source: KAGGLE_INFO.id,
      sourceFile: 'XSS_dataset.csv',
      text,
      label: 'attack',
      attackType: cls,
      context: 'value',
    });
    stats.keep(cls);
  }
  return { info: KAGGLE_INFO, payloads, records: [], stats };
}
