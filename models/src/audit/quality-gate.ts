import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  datasetsAvailable,
  missingDatasetsMessage,
  REPO_ROOT,
  resolveDatasetsDir,
} from '../sources/datasets-dir.js';

/**
 * CI's quality gate for the detection engine (`pnpm quality`):
 *
 * 1. rebuilds the corpus exactly as `pnpm train` does (seed 1; deterministic, ~20 s);
 * 2. audits the fast path against every attack example (`fast-path-audit.ts`: none may skip the model);
 * 3. runs `wafer eval` — the default configuration a user gets — on the internal test split, the OOD
 *    source and the real-traffic benchmark, and fails when the test split falls below the end-to-end
 *    numbers of the model card (`models/metrics/engine-eval.json`, written by `pnpm quality --record`
 *    when a model is shipped): TPR more than 0.5 point lower, or FPR more than 0.05 point higher.
 *
 * Why the card's end-to-end numbers and not only the training pipeline's (`metrics.json`): the pipeline
 * scores the requests whose attack field it could locate, after cross-split de-duplication; `wafer eval`
 * scores every request of the split exactly as a user's app would. Both are in the model card.
 */

const TPR_TOLERANCE = 0.005;
const FPR_TOLERANCE = 0.0005;
const SPLITS = ['test', 'ood', 'benign-benchmark'] as const;
const RECORD_FILE = join(REPO_ROOT, 'models/metrics/engine-eval.json');

interface EvalSummary {
  evaluated: number;
  tpr: number | null;
  fpr: number | null;
  balancedAccuracy: number | null;
  latencyUs: { p50: number | null; p99: number | null };
  unparseable: { count: number };
}

function run(command: string, args: string[], what: string): string {
  const result = spawnSync(command, args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status ?? result.signal})`);
  return result.stdout;
}

function evaluate(file: string): EvalSummary {
  return JSON.parse(
    run('node', ['packages/core/dist/cli.js', 'eval', file, '--json'], `wafer eval ${file}`),
  ) as EvalSummary;
}

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '–' : `${(x * 100).toFixed(2)}%`;

function main(): number {
  const { values } = parseArgs({
    options: { datasets: { type: 'string' }, record: { type: 'boolean', default: false } },
  });
  const datasetsDir = resolveDatasetsDir(values.datasets);
  if (!datasetsAvailable(datasetsDir)) {
    process.stderr.write(`${missingDatasetsMessage(datasetsDir)}\n`);
    return 0;
  }
  const work = join(REPO_ROOT, 'models/.work/quality');
  const corpus = join(work, 'corpus');
  mkdirSync(work, { recursive: true });

  process.stderr.write('quality: building the corpus (seed 1, as pnpm train)…\n');
  run(
    'npx',
    [
      'tsx',
      'models/src/build-corpus.ts',
      '--out',
      corpus,
      '--seed',
      '1',
      '--datasets',
      datasetsDir,
      '--quiet',
    ],
    'corpus build',
  );

  process.stderr.write('quality: fast-path audit…\n');
  run(
    'npx',
    [
      'tsx',
      'models/src/audit/fast-path-audit.ts',
      '--datasets',
      datasetsDir,
      '--corpus',
      corpus,
      '--out',
      join(work, 'fast-path-audit.json'),
    ],
    'fast-path audit',
  );

  const pipeline = JSON.parse(readFileSync(join(REPO_ROOT, 'models/metrics/metrics.json'), 'utf8')) as Record<
    string,
    Record<string, { request: { tpr: number; fpr: number } }> | undefined
  >;
  // The pipeline reports float and int8 side by side: compare with the variant that ships.
  const { variant } = JSON.parse(readFileSync(join(REPO_ROOT, 'models/manifest.json'), 'utf8')) as {
    variant: string;
  };
  const recorded = values.record
    ? undefined
    : (JSON.parse(readFileSync(RECORD_FILE, 'utf8')) as Record<string, EvalSummary>);
  const report: Record<string, unknown> = {};
  const summaries: Record<string, EvalSummary> = {};
  const failures: string[] = [];
  for (const split of SPLITS) {
    process.stderr.write(`quality: wafer eval ${split}…\n`);
    const summary = evaluate(join(corpus, `${split}.jsonl`));
    summaries[split] = summary;
    const card = recorded?.[split];
    const trained = pipeline[variant]?.[split]?.request;
    report[split] = { engine: summary, modelCard: card, trainingPipeline: trained };
    process.stdout.write(
      `${split.padEnd(17)} wafer eval TPR ${pct(summary.tpr)} FPR ${pct(summary.fpr)} (p50 ${summary.latencyUs.p50} µs, p99 ${summary.latencyUs.p99} µs)` +
        ` · model card ${pct(card?.tpr)} / ${pct(card?.fpr)} · training pipeline ${pct(trained?.tpr)} / ${pct(trained?.fpr)}\n`,
    );
    if (summary.unparseable.count > 0)
      failures.push(`${split}: ${summary.unparseable.count} unparseable records`);
    if (split !== 'test' || card === undefined) continue;
    if (summary.tpr === null || card.tpr === null || summary.tpr < card.tpr - TPR_TOLERANCE)
      failures.push(
        `test TPR ${pct(summary.tpr)} is below the model card's ${pct(card.tpr)} (− ${TPR_TOLERANCE * 100} pt allowed)`,
      );
    if (summary.fpr === null || card.fpr === null || summary.fpr > card.fpr + FPR_TOLERANCE)
      failures.push(
        `test FPR ${pct(summary.fpr)} is above the model card's ${pct(card.fpr)} (+ ${FPR_TOLERANCE * 100} pt allowed)`,
      );
  }
  if (values.record) {
    writeFileSync(RECORD_FILE, `${JSON.stringify(summaries, null, 2)}\n`);
    process.stderr.write(`quality: recorded the end-to-end numbers in ${RECORD_FILE}\n`);
  }
  writeFileSync(join(work, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (failures.length > 0) {
    process.stderr.write(`quality gate FAILED:\n- ${failures.join('\n- ')}\n`);
    return 1;
  }
  process.stderr.write(`quality gate passed (report: ${join(work, 'report.json')})\n`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`quality gate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
