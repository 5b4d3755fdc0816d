import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { headersFromPairs } from '../headers.js';
import { locateAttack } from '../locate-attack.js';
import { ATRDF_ARTEFACT_HEADER, ATRDF_INFO, ATRDF_LABELS } from '../mappings/atrdf-api.js';
import type { EvalRecord } from '../records.js';
import type { AttackClass } from '../taxonomy.js';
import { toOriginForm } from '../url-parts.js';
import type { SourceContext, SourceOutput, SourceRecord } from './source-output.js';
import { SourceStats } from './source-stats.js';

interface AtrdfLine {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  attack_tag: string | null;
}

function rceClass(url: string): AttackClass {
  const decoded = decodeURIComponent(url.replace(/%(?![0-9a-f]{2})/gi, '%25'));
  if (/\{\{|\{%/.test(decoded)) return 'ssti';
  if (/<\s*script|on\w+\s*=/i.test(decoded)) return 'xss';
  return 'code_injection';
}

/** Rewrites the `Set-Cookie` artefact (`['ck=…; Domain=…', …]<payload>`) into `Cookie` pairs. */
export function artefactToCookie(artefact: string): string {
  const pairs = [...artefact.matchAll(/'([^'=;\s]+)=([^;']*)/g)].map((m) => `${m[1]}=${m[2]}`);
  const tail = artefact.slice(artefact.lastIndexOf(']') + 1);
  if (pairs.length === 0) return tail;
  return `${pairs.join('; ')}${tail}`;
}

/** Reads ATRDF dataset 1; every record is out-of-distribution test data. */
export function readAtrdf(ctx: SourceContext): SourceOutput {
  const stats = new SourceStats();
  const records: SourceRecord[] = [];
  for (const line of readFileSync(join(ctx.dir, 'dataset_1_train.requests.jsonl'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    stats.countRead();
    const row = JSON.parse(line) as AtrdfLine;
    const { url, host } = toOriginForm(row.url);
    const pairs = Object.entries(row.headers).filter(([n]) => n.toLowerCase() !== ATRDF_ARTEFACT_HEADER);
    const artefact = Object.entries(row.headers).find(
      ([n]) => n.toLowerCase() === ATRDF_ARTEFACT_HEADER,
    )?.[1];
    const headers = headersFromPairs(pairs);
    if (artefact) {
      const cookie = artefactToCookie(artefact);
      const existing = headers.cookie;
      headers.cookie = typeof existing === 'string' && existing !== '' ? `${existing}; ${cookie}` : cookie;
    }
    if (host && !headers.host) headers.host = host;
    const record: EvalRecord = { source: ATRDF_INFO.id, method: row.method, url, headers, label: 'benign' };
    if (row.body) record.body = row.body;
    if (row.attack_tag === null) {
      records.push({ record });
      stats.keep('benign');
      continue;
    }
    const mapped = ATRDF_LABELS[row.attack_tag];
    if (!mapped) {
      stats.drop(`unknown attack_tag ${row.attack_tag}`);
      continue;
    }
    const cls = mapped === 'by-content' ? rceClass(url) : mapped;
    const hit = locateAttack(record, cls);
    record.label = 'attack';
    record.attack_type = cls;
    // The label is generator ground truth: keep the record even when no field shows our evidence.
    if (hit && hit.attackType === cls) record.placement = hit.placement;
    else stats.note(`attack field not located for ${cls} (record kept, no placement)`);
    records.push({ record, ...(hit ? { payloadText: hit.placement.wire } : {}) });
    stats.keep(cls);
  }
  return { info: ATRDF_INFO, payloads: [], records, stats };
}
