import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FWAF_FILES, FWAF_INFO } from '../mappings/fwaf.js';
import type { PayloadSample } from '../payload-sample.js';
import { fillTemplates } from '../templates.js';
import { readLines } from '../text/read-lines.js';
import { findUrlEvidence } from '../url-evidence.js';
import { gateAttack, MAX_PAYLOAD_CHARS } from './gate.js';
import type { SourceContext, SourceOutput } from './source-output.js';
import { SourceStats } from './source-stats.js';

/**
 * Reads the fwaf lists. URL lines (`/path?query`) keep their URL context and get class and field
 * from `findUrlEvidence`; bare payload lines are values classified as a whole.
 */
export function readFwaf(ctx: SourceContext): SourceOutput {
  const stats = new SourceStats();
  const payloads: PayloadSample[] = [];
  for (const [which, file] of Object.entries(FWAF_FILES)) {
    const path = join(ctx.dir, file);
    if (!existsSync(path)) continue;
    const group = which === 'bad' ? 'badqueries' : 'goodqueries (attacks only)';
    for (const line of readLines(path)) {
      stats.countRead();
      const text = fillTemplates(line.trim(), ctx.rng, ctx.pools).text;
      if (text.length > MAX_PAYLOAD_CHARS) {
        stats.drop('too long', group);
        continue;
      }
      const isUrl = text.startsWith('/') && !text.startsWith('//');
      if (isUrl) {
        const ev = findUrlEvidence(text);
        if (!ev) {
          stats.drop(
            which === 'bad'
              ? 'keyword-only / plain scanner path (no attack pattern)'
              : 'good list: not used as benign',
            group,
          );
          continue;
        }
        payloads.push({
          source: FWAF_INFO.id,
          sourceFile: file,
          text,
          label: 'attack',
          attackType: ev.attackType,
          context: 'url',
        });
        stats.keep(ev.attackType, group);
        continue;
      }
      const cls = gateAttack(text, 'classify', stats, group);
      if (!cls) continue;
      payloads.push({
        source: FWAF_INFO.id,
        sourceFile: file,
        text,
        label: 'attack',
        attackType: cls,
        context: 'value',
      });
      stats.keep(cls, group);
    }
  }
  return { info: FWAF_INFO, payloads, records: [], stats };
}
