import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATT_INFO, PATT_LIST_RULES } from '../mappings/payloadsallthethings.js';
import { readListFiles } from './list-files.js';
import type { CodeBlock } from './patt-code-blocks.js';
import { curateBlock } from './patt-code-blocks.js';
import type { SourceContext, SourceOutput } from './source-output.js';
import { SourceStats } from './source-stats.js';

/** Reads PATT's `lists/` through `PATT_LIST_RULES` and curates `markdown_code_blocks.jsonl`. */
export function readPayloadsAllTheThings(ctx: SourceContext): SourceOutput {
  const stats = new SourceStats();
  const payloads = readListFiles(join(ctx.dir, 'lists'), PATT_LIST_RULES, PATT_INFO.id, ctx, stats);
  const blocksPath = join(ctx.dir, 'markdown_code_blocks.jsonl');
  if (existsSync(blocksPath)) {
    const blockRng = ctx.rng.fork('code-blocks');
    for (const line of readFileSync(blocksPath, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const block = JSON.parse(line) as CodeBlock;
      payloads.push(...curateBlock(block, blockRng, ctx.pools, stats));
    }
  }
  return { info: PATT_INFO, payloads, records: [], stats };
}
