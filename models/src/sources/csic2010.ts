import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { headersFromPairs } from '../headers.js';
import { locateAttack } from '../locate-attack.js';
import { CSIC_FILES, CSIC_INFO } from '../mappings/csic2010.js';
import type { EvalRecord } from '../records.js';
import { toOriginForm } from '../url-parts.js';
import type { RawHttpRequest } from './raw-http.js';
import { parseRawHttpRequests } from './raw-http.js';
import type { SourceContext, SourceOutput, SourceRecord } from './source-output.js';
import { SourceStats } from './source-stats.js';

function toRecord(req: RawHttpRequest): EvalRecord {
  const { url, host } = toOriginForm(req.target);
  const headers = headersFromPairs(req.headers);
  if (host && !headers.host) headers.host = host;
  const record: EvalRecord = {
    source: CSIC_INFO.id,
    method: req.method,
    url: url.replace(/ /g, '%20'),
    headers,
    label: 'benign',
  };
  if (req.body !== undefined) record.body = req.body;
  return record;
}

/** Reads the raw 20% CSIC split (see `mappings/csic2010.ts` for the decisions). */
export function readCsic2010(ctx: SourceContext): SourceOutput {
  const stats = new SourceStats();
  const records: SourceRecord[] = [];
  // CSIC bytes are Latin-1 (Spanish shop data); decoding as UTF-8 would garble them.
  const read = (file: string): RawHttpRequest[] =>
    parseRawHttpRequests(readFileSync(join(ctx.dir, file), 'latin1'));

  for (const req of read(CSIC_FILES.normal)) {
    stats.countRead();
    records.push({ record: toRecord(req), pin: 'train' });
    stats.keep('benign', 'normal');
  }
  for (const req of read(CSIC_FILES.anomalous)) {
    stats.countRead();
    const record = toRecord(req);
    const hit = locateAttack(record);
    if (!hit) {
      stats.drop('"anomalous" without an attack pattern (typo / out-of-range value)', 'anomalous');
      continue;
    }
    record.label = 'attack';
    record.attack_type = hit.attackType;
    record.placement = hit.placement;
    records.push({ record, payloadText: hit.placement.wire });
    stats.keep(hit.attackType, 'anomalous');
  }
  return { info: CSIC_INFO, payloads: [], records, stats };
}
