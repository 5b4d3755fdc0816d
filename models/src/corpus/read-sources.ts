import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FUZZDB_RULES } from '../mappings/fuzzdb-attack.js';
import type { SourceInfo } from '../mappings/mapping-types.js';
import { PATT_LIST_RULES } from '../mappings/payloadsallthethings.js';
import type { Rng } from '../rng.js';
import { readAtrdf } from '../sources/atrdf-api.js';
import { readCsic2010 } from '../sources/csic2010.js';
import type { AccessLogEntry } from '../sources/elastic-apache-logs.js';
import { readElasticLogs } from '../sources/elastic-apache-logs.js';
import { readFuzzdb } from '../sources/fuzzdb-attack.js';
import { readFwaf } from '../sources/fwaf.js';
import { readHttpParams } from '../sources/httpparams.js';
import { readKaggleXss } from '../sources/kaggle-xss-dataset.js';
import { readFilePool } from '../sources/list-files.js';
import { readPayloadsAllTheThings } from '../sources/payloadsallthethings.js';
import type { SourceContext, SourceOutput } from '../sources/source-output.js';
import type { TemplatePools } from '../templates.js';

type Reader = (ctx: SourceContext) => SourceOutput;

/** Every dataset folder and its reader, in reading order. */
export const READERS: ReadonlyArray<readonly [string, Reader]> = [
  ['payloadsallthethings', readPayloadsAllTheThings],
  ['fuzzdb-attack', readFuzzdb],
  ['httpparams', readHttpParams],
  ['kaggle-xss-dataset', readKaggleXss],
  ['fwaf', readFwaf],
  ['csic2010', readCsic2010],
  ['atrdf-api', readAtrdf],
  ['elastic-apache-logs', readElasticLogs],
];

/** Everything read from the datasets folder. */
export interface SourcesRead {
  readonly outputs: SourceOutput[];
  /** Folders the builder knows but did not find (reported in the manifest). */
  readonly missing: string[];
  readonly pools: TemplatePools;
  /** Non-benchmark access-log entries: path-shape learning only. */
  readonly shapeEntries: AccessLogEntry[];
  readonly timingsMs: Record<string, number>;
}

/** Reads every source found under `datasetsDir`, each with its own RNG fork. */
export function readSources(datasetsDir: string, rng: Rng, onSource?: (id: string) => void): SourcesRead {
  const pattLists = join(datasetsDir, 'payloadsallthethings', 'lists');
  const fuzzAttack = join(datasetsDir, 'fuzzdb-attack', 'attack');
  const files = [
    ...(existsSync(pattLists) ? readFilePool(pattLists, PATT_LIST_RULES) : []),
    ...(existsSync(fuzzAttack) ? readFilePool(fuzzAttack, FUZZDB_RULES) : []),
  ];
  const pools: TemplatePools = { files: [...new Set(files)].sort() };
  const outputs: SourceOutput[] = [];
  const missing: string[] = [];
  const timingsMs: Record<string, number> = {};
  let shapeEntries: AccessLogEntry[] = [];
  for (const [id, reader] of READERS) {
    const dir = join(datasetsDir, id);
    if (!existsSync(dir)) {
      missing.push(id);
      continue;
    }
    onSource?.(id);
    const t0 = Date.now();
    const out = reader({ dir, rng: rng.fork(`source/${id}`), pools });
    timingsMs[id] = Date.now() - t0;
    outputs.push(out);
    if ('shapeEntries' in out)
      shapeEntries = (out as SourceOutput & { shapeEntries: AccessLogEntry[] }).shapeEntries;
  }
  return { outputs, missing, pools, shapeEntries, timingsMs };
}

/** Source info by id (for the manifest). */
export function infoOf(outputs: readonly SourceOutput[], id: string): SourceInfo | undefined {
  return outputs.find((o) => o.info.id === id)?.info;
}
