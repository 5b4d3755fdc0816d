import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface BundleInputs {
  /** Corpus folder (data-manifest.json). */
  readonly corpus: string;
  /** Windows folder (tokenizer.json, labels.json, windows-manifest.json, parity-fields.jsonl). */
  readonly windows: string;
  /** Training output (thresholds.json, metrics.json, model*.onnx, parity.json, plots, train-log.json). */
  readonly trainOut: string;
  /** Where the shipped bundle goes (`models/` for the full run). */
  readonly bundleDir: string;
  readonly smoke: boolean;
  readonly seconds: number;
  /**
   * Which exported variant ships. Default: the one the Python pipeline recommends — int8 when it stays
   * within noise of float on every reported split. The int8 graph quantizes both the weights and (with
   * fixed, calibrated ranges) the activations of each MatMul, so ONNX Runtime runs it on its integer
   * GEMM: ~1.5× faster per 64-token field than float on our bench (model card).
   */
  readonly variant?: 'float' | 'int8';
}

interface FileEntry {
  path: string;
  sha256: string;
  bytes: number;
}

function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function place(from: string, bundleDir: string, name: string): FileEntry {
  const to = path.join(bundleDir, name);
  mkdirSync(path.dirname(to), { recursive: true });
  copyFileSync(from, to);
  const bytes = readFileSync(to);
  return { path: name, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

const MODEL_VERSION = '3.1.0';

/**
 * The corpus manifest keeps a few example payloads for debugging; they are dataset text, which must
 * never be committed, so every `*Examples`/`*examples` entry is dropped from the shipped copy.
 */
/** Request-level headline numbers of the shipped variant per split (the full report is metrics/metrics.json). */
function summarizeMetrics(metrics: Record<string, unknown>, variant: string): Record<string, unknown> {
  const splits = (metrics[variant] ?? {}) as Record<string, { request?: Record<string, unknown> }>;
  const keep = [
    'requests',
    'attackRequests',
    'benignRequests',
    'tpr',
    'fpr',
    'falsePositives',
    'balancedAccuracy',
    'rocAuc',
    'tprAtFpr0.001',
  ];
  return Object.fromEntries(
    Object.entries(splits).map(([split, value]) => {
      const request = value.request ?? {};
      const perClass = (request['perClass'] ?? {}) as Record<string, { tpr?: number }>;
      return [
        split,
        {
          ...Object.fromEntries(keep.filter((k) => k in request).map((k) => [k, request[k]])),
          tprByClass: Object.fromEntries(Object.entries(perClass).map(([c, v]) => [c, v.tpr ?? null])),
        },
      ];
    }),
  );
}

function withoutExamples(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutExamples);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !/examples$/i.test(key))
      .map(([key, inner]) => [key, withoutExamples(inner)]),
  );
}

/**
 * Copies the artifacts core needs into the bundle folder and writes `manifest.json`: labels, the
 * shipped variant's thresholds, sha256 and size of every file, and summaries of the data and the
 * measured metrics (the full numbers stay in `metrics.json`).
 */
export function assembleBundle(inputs: BundleInputs): { model: FileEntry } & Record<string, unknown> {
  const { trainOut, windows, corpus, bundleDir } = inputs;
  mkdirSync(bundleDir, { recursive: true });
  const calibration = readJson<{
    variant: string;
    labels: string[];
    targetFpr: number;
    variants: Record<string, { model: string; threshold: number; classThresholds: Record<string, number> }>;
  }>(path.join(trainOut, 'thresholds.json'));
  const variant = inputs.variant ?? calibration.variant;
  const chosen = calibration.variants[variant];
  if (chosen === undefined) throw new Error(`thresholds.json has no calibration for the ${variant} variant`);
  const thresholds = {
    ...chosen,
    variant,
    labels: calibration.labels,
    targetFpr: calibration.targetFpr,
    recommended: calibration.variant,
  };
  const labelsInfo = readJson<{ maxLength: number; maxWindows: number; vocabSize: number }>(
    path.join(windows, 'labels.json'),
  );
  const metrics = readJson(path.join(trainOut, 'metrics.json'));
  const trainLog = readJson(path.join(trainOut, 'train-log.json'));
  const dataManifest = readJson(path.join(corpus, 'data-manifest.json'));
  const windowsManifest = readJson(path.join(windows, 'windows-manifest.json'));

  const model = place(path.join(trainOut, thresholds.model), bundleDir, 'model.onnx');
  const tokenizer = place(path.join(windows, 'tokenizer.json'), bundleDir, 'tokenizer.json');
  const parity = place(path.join(trainOut, 'parity.json'), bundleDir, 'parity/parity.json');
  const parityFields = place(
    path.join(windows, 'parity-fields.jsonl'),
    bundleDir,
    'parity/parity-fields.jsonl',
  );
  place(path.join(trainOut, 'metrics.json'), bundleDir, 'metrics/metrics.json');
  place(path.join(trainOut, 'thresholds.json'), bundleDir, 'metrics/thresholds.json');
  place(path.join(trainOut, 'train-log.json'), bundleDir, 'metrics/train-log.json');
  place(path.join(trainOut, 'roc.png'), bundleDir, 'metrics/roc.png');
  place(path.join(trainOut, 'pr.png'), bundleDir, 'metrics/pr.png');
  writeFileSync(
    path.join(bundleDir, 'metrics/data-manifest.json'),
    `${JSON.stringify(withoutExamples(dataManifest), null, 2)}\n`,
  );
  place(path.join(windows, 'windows-manifest.json'), bundleDir, 'metrics/windows-manifest.json');

  const manifest = {
    name: 'wafer-model',
    version: inputs.smoke ? `${MODEL_VERSION}-smoke` : MODEL_VERSION,
    created: new Date().toISOString(),
    variant: thresholds.variant,
    variantChoice: `${variant} shipped; the Python pipeline recommended ${thresholds.recommended} (int8 when within noise of float on test, OOD and benign benchmark)`,
    labels: thresholds.labels,
    maxLength: labelsInfo.maxLength,
    maxWindows: labelsInfo.maxWindows,
    vocabSize: labelsInfo.vocabSize,
    input: { input_ids: 'int64 [batch, seq]', attention_mask: 'int64 [batch, seq]' },
    output: { probs: 'float32 [batch, labels] (softmax)' },
    scoring: {
      attackScore: '1 - probs[benign], max over all windows of all fields of a request',
      targetFpr: thresholds.targetFpr,
    },
    thresholds: { attack: thresholds.threshold, classes: thresholds.classThresholds },
    model,
    tokenizer,
    parity: { scores: parity, tokens: parityFields },
    metrics: summarizeMetrics(metrics, variant),
    data: {
      corpus: (dataManifest as { totals?: unknown }).totals ?? null,
      windows: windowsManifest,
    },
    training: {
      seconds: inputs.seconds,
      log: trainLog,
    },
  };
  writeFileSync(path.join(bundleDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
