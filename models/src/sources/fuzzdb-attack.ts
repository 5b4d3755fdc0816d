import { join } from 'node:path';
import { FUZZDB_INFO, FUZZDB_RULES } from '../mappings/fuzzdb-attack.js';
import { readListFiles } from './list-files.js';
import type { SourceContext, SourceOutput } from './source-output.js';
import { SourceStats } from './source-stats.js';

/** Reads FuzzDB's `attack/` lists through `FUZZDB_RULES`. */
export function readFuzzdb(ctx: SourceContext): SourceOutput {
  const stats = new SourceStats();
  const payloads = readListFiles(join(ctx.dir, 'attack'), FUZZDB_RULES, FUZZDB_INFO.id, ctx, stats);
  return { info: FUZZDB_INFO, payloads, records: [], stats };
}
