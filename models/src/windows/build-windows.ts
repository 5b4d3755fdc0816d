/**
 * Corpus (evaluation records) → model inputs. For each split: extract fields with @wafer/core (the
 * same code that runs at inference), label them, de-duplicate by normalized value across splits, learn
 * the BPE tokenizer on the training values, and write token-id windows for the Python trainer.
 *
 *   tsx models/src/windows/build-windows.ts --corpus models/.work/corpus --out models/.work/windows [--vocab 4000]
 */
import { mkdirSync, writeFileSync, createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createExtractor,
  createTokenizer,
  encodeFieldWindows,
  fromEvalRecord,
  MODEL_SPECIAL_TOKENS,
  trainBpe,
  type Field,
} from '../../../packages/core/src/index.js';
import type { EvalRecord } from '../records.js';
import { CLASS_NAMES } from '../taxonomy.js';
import { labelFields, type LabelledField } from './label-fields.js';
import { readJsonl } from './read-jsonl.js';

const OWN_SOURCE = /^(synthetic|generated):/;
const DATASET_NAMES = /kaggle|fuzzdb|httpparams|csic|payloadsallthethings|fwaf|atrdf|elastic/i;

const SPLITS = ['train', 'validation', 'test', 'ood', 'benign-benchmark'] as const;
type Split = (typeof SPLITS)[number];

interface SplitStats {
  records: number;
  requests: number;
  fields: number;
  windows: number;
  duplicateFields: number;
  crossSplitFields: number;
  unlabelled: Record<string, number>;
  windowsByLabel: Record<string, number>;
  truncatedFields: number;
}

interface Example {
  readonly rid: number;
  readonly src: string;
  readonly field: Field;
  readonly label: number;
}

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'models/.work/corpus' },
    out: { type: 'string', default: 'models/.work/windows' },
    vocab: { type: 'string', default: '4000' },
    'max-length': { type: 'string', default: '128' },
    'max-windows': { type: 'string', default: '8' },
    'tokenizer-texts': { type: 'string', default: '400000' },
  },
});

const vocabSize = Number(args.vocab);
const maxLength = Number(args['max-length']);
const maxWindows = Number(args['max-windows']);
const outDir = path.resolve(args.out!);
mkdirSync(outDir, { recursive: true });
const extractor = createExtractor();

function keyOf(field: Field): string {
  return `${field.location}\u0000${field.kind}\u0000${field.value}`;
}

function progress(text: string): void {
  process.stderr.write(`\r${text.padEnd(100)}`);
}

/** Step 1: extract and label every split; de-duplicate so no normalized value crosses splits. */
async function collect(): Promise<{ examples: Map<Split, Example[]>; stats: Map<Split, SplitStats> }> {
  const seenAnywhere = new Map<string, Split>();
  const examples = new Map<Split, Example[]>();
  const stats = new Map<Split, SplitStats>();
  for (const split of SPLITS) {
    const list: Example[] = [];
    const s: SplitStats = {
      records: 0,
      requests: 0,
      fields: 0,
      windows: 0,
      duplicateFields: 0,
      crossSplitFields: 0,
      unlabelled: {},
      windowsByLabel: {},
      truncatedFields: 0,
    };
    const seenHere = new Set<string>();
    for await (const record of readJsonl<EvalRecord>(path.join(args.corpus!, `${split}.jsonl`))) {
      s.records++;
      const { fields } = extractor.extract(fromEvalRecord(record as never));
      const labelled = labelFields(record, fields);
      if (typeof labelled === 'string') {
        s.unlabelled[labelled] = (s.unlabelled[labelled] ?? 0) + 1;
        continue;
      }
      const rid = s.requests++;
      for (const { field, label } of labelled as LabelledField[]) {
        const key = `${label}\u0000${keyOf(field)}`;
        if (seenHere.has(key)) {
          s.duplicateFields++;
          continue;
        }
        const firstSplit = seenAnywhere.get(keyOf(field));
        if (firstSplit !== undefined && firstSplit !== split) {
          s.crossSplitFields++;
          continue;
        }
        seenHere.add(key);
        seenAnywhere.set(keyOf(field), split);
        list.push({ rid, src: record.source ?? 'unknown', field, label });
      }
      if (s.records % 2000 === 0) progress(`[windows] ${split}: ${s.records} records, ${list.length} fields`);
    }
    s.fields = list.length;
    examples.set(split, list);
    stats.set(split, s);
    progress(`[windows] ${split}: ${s.records} records → ${list.length} unique fields`);
    process.stderr.write('\n');
  }
  return { examples, stats };
}

function writeLine(stream: WriteStream, line: string): Promise<void> | undefined {
  if (!stream.write(line)) return new Promise((resolve) => stream.once('drain', () => resolve()));
  return undefined;
}

async function main(): Promise<void> {
  const started = Date.now();
  const { examples, stats } = await collect();
  if ((examples.get('train') ?? []).length === 0) {
    throw new Error(
      `no training records in ${path.resolve(args.corpus!)}: build the corpus first (models/src/build-corpus.ts)`,
    );
  }

  // Step 2: the tokenizer learns from training values only (validation/test must stay unseen).
  const train = examples.get('train') ?? [];
  const budget = Number(args['tokenizer-texts']);
  const step = Math.max(1, Math.ceil(train.length / budget));
  const texts = train.filter((_, i) => i % step === 0).map((e) => e.field.value);
  process.stderr.write(`[windows] training BPE (vocab ${vocabSize}) on ${texts.length} values…\n`);
  // Rare characters fall back to byte tokens: spending vocab slots on them would crowd out useful merges.
  const tokenizerJson = trainBpe(texts, { vocabSize, specialTokens: MODEL_SPECIAL_TOKENS, maxAlphabet: 300 });
  writeFileSync(path.join(outDir, 'tokenizer.json'), JSON.stringify(tokenizerJson));
  const tokenizer = createTokenizer(tokenizerJson);

  // Step 3: windows.
  for (const split of SPLITS) {
    const s = stats.get(split)!;
    const stream = createWriteStream(path.join(outDir, `${split}.jsonl`));
    for (const example of examples.get(split) ?? []) {
      const { windows, truncated } = encodeFieldWindows(tokenizer, example.field, { maxLength, maxWindows });
      if (truncated) s.truncatedFields++;
      for (const ids of windows) {
        s.windows++;
        const name = CLASS_NAMES[example.label]!;
        s.windowsByLabel[name] = (s.windowsByLabel[name] ?? 0) + 1;
        const pending = writeLine(
          stream,
          `${JSON.stringify({ ids: Array.from(ids), y: example.label, rid: example.rid, src: example.src, loc: example.field.location })}\n`,
        );
        if (pending) await pending;
      }
    }
    await new Promise<void>((resolve, reject) =>
      stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }

  // Parity inputs: a fixed, label-diverse set of test fields with their token ids, so the ONNX parity
  // test in core re-tokenizes the same text and checks both ids and scores.
  const parity: unknown[] = [];
  const perLabel = new Map<number, number>();
  for (const example of examples.get('test') ?? []) {
    // Only fields of our own generators: the fixture is committed, and no dataset text may be.
    if (!OWN_SOURCE.test(example.src) || DATASET_NAMES.test(example.src)) continue;
    const count = perLabel.get(example.label) ?? 0;
    if (count >= (example.label === 0 ? 12 : 4)) continue;
    perLabel.set(example.label, count + 1);
    const { windows } = encodeFieldWindows(tokenizer, example.field, { maxLength, maxWindows: 1 });
    const { location, kind, name, value } = example.field;
    parity.push({ field: { location, kind, name, value }, ids: Array.from(windows[0]!), y: example.label });
  }
  writeFileSync(
    path.join(outDir, 'parity-fields.jsonl'),
    parity.map((p) => JSON.stringify(p)).join('\n') + '\n',
  );

  writeFileSync(
    path.join(outDir, 'labels.json'),
    JSON.stringify(
      { labels: CLASS_NAMES, vocabSize: tokenizer.vocabSize, maxLength, maxWindows, padId: 0 },
      null,
      2,
    ),
  );
  const summary = {
    vocabSize: tokenizer.vocabSize,
    maxLength,
    maxWindows,
    tokenizerTrainingValues: texts.length,
    seconds: Math.round((Date.now() - started) / 1000),
    splits: Object.fromEntries(stats),
  };
  writeFileSync(path.join(outDir, 'windows-manifest.json'), JSON.stringify(summary, null, 2));
  process.stderr.write(`[windows] done in ${summary.seconds}s → ${outDir}\n`);
  for (const [split, s] of stats) {
    process.stderr.write(
      `  ${split.padEnd(17)} requests ${String(s.requests).padStart(7)}  fields ${String(s.fields).padStart(7)}  windows ${String(s.windows).padStart(7)}  dup ${s.duplicateFields} cross ${s.crossSplitFields} unlabelled ${JSON.stringify(s.unlabelled)}\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\n[windows] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
