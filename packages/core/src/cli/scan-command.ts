import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import type { AccessLogEntry, AccessLogError, AccessLogLineParser } from '../access-log/access-log-entry.js';
import { parseCombinedLogLine, parseCommonLogLine } from '../access-log/combined-log.js';
import { createJsonLogParser } from '../access-log/json-log.js';
import { parseAnyAccessLogLine, streamAccessLog } from '../access-log/read-access-log.js';
import { accessLogEntryToRequest } from '../access-log/to-waf-request.js';
import { WaferError } from '../errors.js';
import type { Decision } from '../waf/decision.js';
import { createWaf } from '../waf/node/create-waf.js';
import { countBytes } from './byte-counter.js';
import {
  DEFAULT_CONCURRENCY,
  openInput,
  parseChoice,
  parseConcurrency,
  parseThreshold,
} from './cli-options.js';
import { csvRow } from './csv.js';
import { formatFlaggedLine, formatScanSummary } from './format-scan-summary.js';
import { openLineWriter, type LineWriter } from './line-writer.js';
import { mapOrdered } from './ordered-pool.js';
import { createProgressBar } from './progress-bar.js';
import { SCAN_CSV_COLUMNS, scanRecordOf, scanRecordToCsv } from './scan-record.js';
import { ScanStats } from './scan-stats.js';

export const SCAN_HELP = `Usage: wafer scan <access.log> [--json|--csv] [--out FILE] [--threshold X]
                  [--format auto|combined|common|json]

Replays a web server access log through the WAF and reports the attacks in it: each flagged
line as it is found, then a summary (requests, lines that failed to parse, attacks by class,
top 10 IPs and paths among flagged lines, inspect() latency p50/p99).
Logs carry no bodies and at most two headers (User-Agent, Referer): only those are inspected.
Use - to read standard input. A progress bar is drawn on stderr when it is a terminal.

Options:
  --json               one JSON object per flagged line (line, time, ip, method, path, target,
                       status, score, attackScore, class, classes, field, evidence)
  --csv                the same as CSV, with a header row
  --out FILE           write those records to FILE instead of stdout (.csv → CSV unless --json)
                       When records go to stdout, the summary goes to stderr.
  --format F           auto (default: per line, JSON or Common/Combined), combined, common, json
                       (nginx JSON with remote_addr, time, request, status, ...)
  --threshold X        attack threshold on the request score, 0 < X < 1 (default: the model's)
  --concurrency N      requests inspected at once (default ${DEFAULT_CONCURRENCY})
  -h, --help

Exit status: 0 when every line was read, 1 when some lines failed to parse (they are counted
in the summary), 2 for a usage error. Finding attacks does not change it.`;

const PARSERS: Record<'auto' | 'combined' | 'common' | 'json', () => AccessLogLineParser> = {
  auto: () => parseAnyAccessLogLine,
  combined: () => parseCombinedLogLine,
  common: () => parseCommonLogLine,
  json: () => createJsonLogParser(),
};

/**
 * `wafer scan`: inspects every request of an access log and reports the attacks. Returns the
 * exit code (1 when some lines failed to parse).
 */
export async function scanCommand(argv: string[], write: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      csv: { type: 'boolean', default: false },
      out: { type: 'string' },
      format: { type: 'string' },
      threshold: { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    write(SCAN_HELP);
    return 0;
  }
  const file = positionals[0];
  if (file === undefined || positionals.length > 1)
    throw new WaferError('WAFER_ERR_CLI_USAGE', `wafer scan takes one access log file.\n\n${SCAN_HELP}`);
  if (values.json && values.csv)
    throw new WaferError('WAFER_ERR_CLI_USAGE', 'wafer scan: choose --json or --csv, not both.');
  const format =
    parseChoice(values.format, ['auto', 'combined', 'common', 'json'] as const, '--format', 'scan') ?? 'auto';
  const attackThreshold = parseThreshold(values.threshold, 'scan');
  const concurrency = parseConcurrency(values.concurrency, 'scan');
  const records: 'json' | 'csv' | undefined = values.json
    ? 'json'
    : values.csv
      ? 'csv'
      : values.out === undefined
        ? undefined
        : extname(values.out).toLowerCase() === '.csv'
          ? 'csv'
          : 'json';
  const input = await openInput(file, 'scan');

  const waf = await createWaf(
    attackThreshold === undefined ? undefined : { thresholds: { attack: attackThreshold } },
  );
  let out: LineWriter | undefined;
  try {
    out = records === undefined ? undefined : await openLineWriter(values.out);
    if (records === 'csv') await out!.write(csvRow(SCAN_CSV_COLUMNS));
    // Records on stdout keep stdout machine-readable: the summary moves to stderr.
    const recordsOnStdout = records !== undefined && (values.out === undefined || values.out === '-');
    const writeSummary = recordsOnStdout ? (text: string) => process.stderr.write(`${text}\n`) : write;

    const counter = countBytes(input.stream);
    const bar = createProgressBar(process.stderr, {
      ...(input.size === undefined ? {} : { totalBytes: input.size }),
      unit: 'lines',
    });
    const stats = new ScanStats();
    const started = performance.now();
    let done = 0;
    const results = mapOrdered(
      streamAccessLog(counter.stream, PARSERS[format]()),
      concurrency,
      async (result): Promise<{ entry: AccessLogEntry; decision: Decision } | { error: AccessLogError }> =>
        result.ok
          ? { entry: result.entry, decision: await waf.inspect(accessLogEntryToRequest(result.entry)) }
          : { error: result.error },
    );
    for await (const item of results) {
      bar.update(counter.bytes, ++done);
      if ('error' in item) {
        stats.addFailure(item.error);
        continue;
      }
      const flagged = item.decision.attack ? scanRecordOf(item.entry, item.decision) : undefined;
      stats.addInspected(item.decision, flagged);
      if (flagged === undefined) continue;
      if (records === undefined) {
        bar.done();
        write(formatFlaggedLine(flagged));
      } else {
        await out!.write(records === 'json' ? JSON.stringify(flagged) : scanRecordToCsv(flagged));
      }
    }
    const elapsedMs = performance.now() - started;
    bar.done();
    const summary = stats.summary();
    writeSummary(
      formatScanSummary(summary, {
        file,
        model: `${waf.model.name}@${waf.model.version}`,
        threshold: waf.model.thresholds.attack,
        elapsedMs,
      }),
    );
    return summary.failed.count > 0 ? 1 : 0;
  } finally {
    await out?.close();
    await waf.close();
  }
}
