import { parseArgs } from 'node:util';
import { streamLines } from '../eval-record/text-lines.js';
import { WaferError } from '../errors.js';
import { fromEvalRecord } from '../request/from-eval-record.js';
import type { Decision } from '../waf/decision.js';
import { createWaf } from '../waf/node/create-waf.js';
import { attackClassesOf } from './attack-findings.js';
import { countBytes } from './byte-counter.js';
import { DEFAULT_CONCURRENCY, openInput, parseConcurrency, parseThreshold } from './cli-options.js';
import { readEvalLine, type EvalLine } from './eval-line.js';
import { EvalMetrics } from './eval-metrics.js';
import { formatEvalSummary } from './format-eval-summary.js';
import { openLineWriter, type LineWriter } from './line-writer.js';
import { mapOrdered } from './ordered-pool.js';
import { createProgressBar } from './progress-bar.js';

export const EVAL_HELP = `Usage: wafer eval <records.jsonl> [--json] [--verdicts out.jsonl] [--threshold X]

Measures detection on labelled evaluation records (JSON lines: method, url, headers, body?,
label "attack" | "benign", attack_type?, source?, id?) with the default configuration
of createWaf(): confusion matrix, TPR, FPR, precision, balanced accuracy, recall per
attack_type, TPR/FPR per source, inspect() latency p50/p99, and what decided.

Lines that are not records are reported with their line numbers and excluded from the
metrics; so are records without a usable label (those are still inspected).
Use - to read standard input. A progress bar is drawn on stderr when it is a terminal.

Options:
  --json               print one JSON summary object instead of the report
  --verdicts FILE      write one JSON line per input record, in input order:
                       {"id", "attack", "score", "classes"} ("id" is the record's id, or its
                       line number); a line that is not a record gets {"id": <line>,
                       "attack": false, "score": 0, "classes": [], "error": "<reason>"}
  --threshold X        attack threshold on the request score, 0 < X < 1 (default: the model's)
  --concurrency N      requests inspected at once (default ${DEFAULT_CONCURRENCY})
  -h, --help

Exit status: 0 when every line was a record, 1 when some were not (they are reported),
2 for a usage error.`;

/** One line of the verdicts file. */
interface Verdict {
  readonly id: string | number;
  readonly attack: boolean;
  readonly score: number;
  readonly classes: readonly string[];
  readonly error?: string;
}

/** A line and, for a record, what the engine decided about it. */
type Outcome =
  | { readonly item: Extract<EvalLine, { kind: 'unparseable' }> }
  | { readonly item: Exclude<EvalLine, { kind: 'unparseable' }>; readonly decision: Decision };

function verdictOf(outcome: Outcome): Verdict {
  if (!('decision' in outcome))
    return { id: outcome.item.line, attack: false, score: 0, classes: [], error: outcome.item.reason };
  const { item, decision } = outcome;
  return {
    id: item.record.id ?? item.line,
    attack: decision.attack,
    score: decision.score,
    classes: attackClassesOf(decision),
  };
}

async function* nonBlankLines(input: AsyncIterable<string | Uint8Array>): AsyncGenerator<EvalLine> {
  let line = 0;
  for await (const text of streamLines(input)) {
    line++;
    if (text.trim() !== '') yield readEvalLine(text, line);
  }
}

/**
 * `wafer eval`: inspects every record of a JSON Lines file with the default engine and prints
 * detection metrics. Returns the exit code (1 when some lines were not records).
 */
export async function evalCommand(argv: string[], write: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      verdicts: { type: 'string' },
      threshold: { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    write(EVAL_HELP);
    return 0;
  }
  const file = positionals[0];
  if (file === undefined || positionals.length > 1)
    throw new WaferError(
      'WAFER_ERR_CLI_USAGE',
      `wafer eval takes one file of evaluation records.\n\n${EVAL_HELP}`,
    );
  const attackThreshold = parseThreshold(values.threshold, 'eval');
  const concurrency = parseConcurrency(values.concurrency, 'eval');
  const input = await openInput(file, 'eval');

  const waf = await createWaf(
    attackThreshold === undefined ? undefined : { thresholds: { attack: attackThreshold } },
  );
  let verdicts: LineWriter | undefined;
  try {
    verdicts = values.verdicts === undefined ? undefined : await openLineWriter(values.verdicts);
    const counter = countBytes(input.stream);
    const bar = createProgressBar(process.stderr, {
      ...(input.size === undefined ? {} : { totalBytes: input.size }),
      unit: 'records',
    });
    const metrics = new EvalMetrics();
    const started = performance.now();
    let done = 0;
    const outcomes = mapOrdered(nonBlankLines(counter.stream), concurrency, async (item): Promise<Outcome> =>
      item.kind === 'unparseable'
        ? { item }
        : { item, decision: await waf.inspect(fromEvalRecord(item.record)) },
    );
    for await (const outcome of outcomes) {
      if (!('decision' in outcome)) metrics.addUnparseable(outcome.item.line, outcome.item.reason);
      else if (outcome.item.kind === 'unlabelled')
        metrics.addUnlabelled(outcome.item.line, outcome.item.reason, outcome.decision);
      else metrics.addLabelled(outcome.item.record, outcome.decision);
      await verdicts?.write(JSON.stringify(verdictOf(outcome)));
      bar.update(counter.bytes, ++done);
    }
    const elapsedMs = performance.now() - started;
    bar.done();
    const summary = metrics.summary();
    const model = `${waf.model.name}@${waf.model.version}`;
    const threshold = waf.model.thresholds.attack;
    if (values.json) {
      write(JSON.stringify({ file, model, threshold, elapsedMs: Math.round(elapsedMs), ...summary }));
    } else {
      write(formatEvalSummary(summary, { file, model, threshold, elapsedMs }));
    }
    return summary.unparseable.count > 0 ? 1 : 0;
  } finally {
    await verdicts?.close();
    await waf.close();
  }
}
