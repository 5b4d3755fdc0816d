import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HTTPPARAMS_INFO, HTTPPARAMS_LABELS } from '../mappings/httpparams.js';
import type { PayloadSample } from '../payload-sample.js';
import { fillTemplates } from '../templates.js';
import { parseCsv } from '../text/csv.js';
import { gateAttack } from './gate.js';
import type { SourceContext, SourceOutput } from './source-output.js';
import { SourceStats } from './source-stats.js';

/** Reads `payload_full.csv` (`payload,length,attack_type,label`). */
export function readHttpParams(ctx: SourceContext): SourceOutput {
  const stats = new SourceStats();
  const payloads: PayloadSample[] = [];
  const rows = parseCsv(readFileSync(join(ctx.dir, 'payload_full.csv'), 'utf8')).slice(1);
  for (const row of rows) {
    const [payload = '', , attackType = ''] = row;
    stats.countRead();
    const mapped = HTTPPARAMS_LABELS[attackType];
    if (!mapped) {
      stats.drop(`unknown attack_type ${attackType}`);
      continue;
    }
    if (mapped === 'benign') {
      if (payload.trim() === '') stats.drop('empty value');
      else {
        payloads.push({
          source: HTTPPARAMS_INFO.id,
          sourceFile: 'payload_full.csv',
          text: payload,
          label: 'benign',
          context: 'value',
        });
        stats.keep('benign');
      }
      continue;
    }
    const filled = fillTemplates(payload, ctx.rng, ctx.pools);
    const cls = gateAttack(filled.text, mapped, stats);
    if (!cls) continue;
    payloads.push({
      source: HTTPPARAMS_INFO.id,
      sourceFile: 'payload_full.csv',
      text: filled.text,
      label: 'attack',
      attackType: cls,
      context: 'value',
    });
    stats.keep(cls);
  }
  return { info: HTTPPARAMS_INFO, payloads, records: [], stats };
}
