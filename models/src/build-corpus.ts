import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCorpus } from './corpus/build.js';
import { resolveDatasetsDir } from './sources/datasets-dir.js';

/**
 * CLI: builds the labelled training / validation / test / OOD / benign-benchmark corpus.
 *
 *   tsx models/src/build-corpus.ts --out models/.work/corpus --seed 1 [--sample 2000] [--datasets DIR]
 *
 * The datasets folder defaults to `$WAFER_DATASETS`, then `<repo>/../shared/datasets`; when it is
 * absent the build is skipped with a message and exit code 0 (CI without the data stays green).
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'models/.work/corpus' },
      seed: { type: 'string', default: '1' },
      sample: { type: 'string' },
      datasets: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: tsx models/src/build-corpus.ts --out DIR --seed N [--sample N] [--datasets DIR] [--quiet]\n',
    );
    return 0;
  }
  const sample = values.sample === undefined ? undefined : Number(values.sample);
  if (sample !== undefined && !(Number.isInteger(sample) && sample > 0)) {
    process.stderr.write(`--sample must be a positive integer, got ${values.sample}\n`);
    return 2;
  }
  const seed = /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
  const result = await buildCorpus({
    datasetsDir: resolveDatasetsDir(values.datasets),
    outDir: resolve(values.out),
    seed,
    ...(sample !== undefined ? { sample } : {}),
    progress: !values.quiet,
  });
  if (result.skipped) {
    process.stderr.write(`${result.message}\n`);
    return 0;
  }
  process.stdout.write(`${JSON.stringify(result.files)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `corpus build failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
