/**
 * `pnpm train` / `pnpm train:smoke`: the whole model pipeline, one command.
 *
 *   corpus (records) → windows + tokenizer (@wafer/core) → PyTorch training, calibration, evaluation,
 *   ONNX export and int8 (models/train, Debian's python3-torch) → bundle (manifest with sha256) →
 *   verification with @wafer/core (manifest, tokenizer ids, ONNX Runtime parity within 1e-4).
 *
 * The full run writes the shipped artifacts into `models/`; the smoke run (`--smoke`) works on a small
 * sample under `models/.work/smoke/` and never touches them. Without the datasets it skips with a message.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { datasetsAvailable, resolveDatasetsDir } from './sources/datasets-dir.js';
import { assembleBundle } from './bundle/assemble-bundle.js';
import { verifyBundle } from './bundle/verify-bundle.js';

const MODELS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = process.env.WAFER_PYTHON ?? '/usr/bin/python3';

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    datasets: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'max-minutes': { type: 'string' },
    // `auto` plans epochs from the throughput measured at start (so the run fits the budget on a busy
    // machine); pass the shipped model's count (model card) to reproduce it exactly.
    epochs: { type: 'string', default: 'auto' },
    resume: { type: 'boolean', default: false },
    'skip-corpus': { type: 'boolean', default: false },
  },
});

function step(text: string): void {
  process.stderr.write(`\n\u001b[1m==> ${text}\u001b[0m\n`);
}

function run(command: string, commandArgs: string[]): void {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', cwd: path.resolve(MODELS_DIR, '..') });
  if (result.status !== 0)
    throw new Error(`${command} ${commandArgs.join(' ')} exited with ${result.status ?? result.signal}`);
}

function pythonHasTorch(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import torch, onnx'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const smoke = args.smoke!;
  const datasets = resolveDatasetsDir(args.datasets);
  if (!datasetsAvailable(datasets)) {
    process.stderr.write(
      `[train] skipped: datasets not found at ${datasets} (set WAFER_DATASETS or --datasets).\n`,
    );
    return 0;
  }
  if (!pythonHasTorch()) {
    process.stderr.write(
      `[train] ${smoke ? 'skipped' : 'failed'}: ${PYTHON} cannot import torch and onnx. ` +
        'Install them with: apt-get install -y python3-torch python3-onnx libopenblas0-pthread python3-matplotlib\n',
    );
    return smoke ? 0 : 1;
  }
  const work = path.join(MODELS_DIR, '.work', smoke ? 'smoke' : 'full');
  const corpus = path.join(work, 'corpus');
  const windows = path.join(work, 'windows');
  const trainOut = path.join(work, 'train-out');
  const bundleDir = smoke ? path.join(work, 'bundle') : MODELS_DIR;
  mkdirSync(work, { recursive: true });
  const started = Date.now();

  if (!args['skip-corpus'] && !args.resume) {
    step('corpus: datasets + generators → evaluation records');
    rmSync(corpus, { recursive: true, force: true });
    run('npx', [
      'tsx',
      'models/src/build-corpus.ts',
      '--out',
      corpus,
      '--seed',
      args.seed!,
      '--datasets',
      datasets,
      ...(smoke ? ['--sample', '1500'] : []),
    ]);
    step('windows: @wafer/core extraction, labels, de-duplication, BPE tokenizer, token ids');
    run('npx', [
      'tsx',
      'models/src/windows/build-windows.ts',
      '--corpus',
      corpus,
      '--out',
      windows,
      '--vocab',
      smoke ? '1000' : '4000',
    ]);
  }

  step(`training (${PYTHON}, torch)`);
  const maxMinutes = args['max-minutes'] ?? (smoke ? '1.5' : '50');
  run(PYTHON, [
    'models/train/train.py',
    '--data',
    windows,
    '--out',
    trainOut,
    '--seed',
    args.seed!,
    '--max-minutes',
    maxMinutes,
    '--epochs',
    args.epochs!,
    ...(smoke ? ['--sample', '4000'] : []),
    ...(args.resume ? ['--resume'] : []),
  ]);

  step('bundle: model + tokenizer + manifest (sha256, thresholds, metrics, data summary)');
  const manifest = assembleBundle({
    corpus,
    windows,
    trainOut,
    bundleDir,
    smoke,
    seconds: Math.round((Date.now() - started) / 1000),
  });

  step('verify with @wafer/core: manifest hashes, tokenizer ids, ONNX Runtime parity');
  const report = await verifyBundle(bundleDir);
  process.stderr.write(`[train] ${report}\n`);
  process.stderr.write(
    `[train] done in ${Math.round((Date.now() - started) / 60000)} min → ${bundleDir} (model ${manifest.model.path})\n`,
  );
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`[train] failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
