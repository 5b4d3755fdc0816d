import path from 'node:path';
import {
  didYouMean,
  type AccessLogLineParser,
  type Decision,
  type JsonLogParserOptions,
  type WafRequest,
} from '@wafer/core';
import type { IngestRecord } from '@wafer/storage';
import { WaferDashboardError } from '../../errors.js';
import { lineParserFor, type LogFormat } from './line-parser.js';

/** One access log to follow. */
export interface LogFileConfig {
  /** The file; relative paths are resolved against the working directory once, at creation. */
  readonly path: string;
  /** `auto` (default) tells Combined, Common and JSON lines apart line by line. */
  readonly format?: LogFormat;
  /** Field names of a JSON log (core's `createJsonLogParser` options); for `json` and `auto` only. */
  readonly json?: JsonLogParserOptions;
  /** App the file's traffic is filed under. Default none. */
  readonly app?: string;
}

/** Where a file was read up to, stored with the records read before it. */
export interface LogCheckpoint {
  readonly path: string;
  readonly inode: string;
  readonly offset: number;
}

/** A checkpoint as storage returns it (`storage.ingestOffsets.get()`). */
export interface SavedLogOffset {
  readonly path: string;
  readonly inode: string | null;
  readonly offset: number;
}

/**
 * Options of {@link createLogProcessor}.
 *
 * @example
 * ```ts
 * const options: LogProcessorOptions = {
 *   files: [{ path: '/var/log/nginx/access.log', app: 'shop' }],
 *   inspect: waf.inspect,
 *   sink: async (records, checkpoint) => void (await storage.ingest.write(records, { offset: checkpoint })),
 *   offsets: storage.ingestOffsets,
 * };
 * ```
 */
export interface LogProcessorOptions {
  readonly files: readonly LogFileConfig[];
  /** The detection engine (`waf.inspect`). */
  readonly inspect: (request: WafRequest) => Promise<Decision>;
  /**
   * Stores a batch's records and the checkpoint after them — durably and together (one transaction: in
   * production `storage.ingest.write(records, { offset: checkpoint })`), so a crash can neither lose lines nor
   * repeat them. Awaited before more lines are read; retried with backoff while it rejects. `records` may be empty
   * (a batch of blank or malformed lines): the checkpoint must still be saved.
   */
  readonly sink: (records: IngestRecord[], checkpoint: LogCheckpoint) => Promise<void>;
  /** Saved checkpoints (`storage.ingestOffsets`). */
  readonly offsets: { get(path: string): Promise<SavedLogOffset | undefined> };
  /**
   * Where to start a file that has no checkpoint. Default `'end'`: a first start on a log that holds months of
   * traffic should not flood the dashboard, alerts and live feed with old requests as if they were happening now.
   * `'beginning'` imports the whole file.
   */
  readonly startAt?: 'beginning' | 'end';
  /** Lines per batch (one sink call). Default 500. */
  readonly batchLines?: number;
  /** How often each file is checked for new lines, rotation and truncation. Default 1,000 ms. */
  readonly pollIntervalMs?: number;
  /** Told about every failure (unreadable file, sink or engine failure); the processor carries on. */
  readonly onError?: (error: unknown, context: string) => void;
  /** Epoch ms; the time of a line that logs none. Default `Date.now`. */
  readonly now?: () => number;
}

/** Defaults of {@link LogProcessorOptions}. */
export const DEFAULT_LOG_PROCESSOR_OPTIONS = Object.freeze({
  startAt: 'end' as const,
  batchLines: 500,
  pollIntervalMs: 1_000,
});

/** A file, checked, with its parser built. */
export interface ResolvedLogFile {
  readonly path: string;
  readonly app: string | null;
  readonly parse: AccessLogLineParser;
}

/** Options checked once, defaults applied. */
export interface ResolvedLogProcessorOptions {
  readonly files: readonly ResolvedLogFile[];
  readonly inspect: LogProcessorOptions['inspect'];
  readonly sink: LogProcessorOptions['sink'];
  readonly offsets: LogProcessorOptions['offsets'];
  readonly startAt: 'beginning' | 'end';
  readonly batchLines: number;
  readonly pollIntervalMs: number;
  readonly onError: (error: unknown, context: string) => void;
  readonly now: () => number;
}

const KEYS = [
  'files',
  'inspect',
  'sink',
  'offsets',
  'startAt',
  'batchLines',
  'pollIntervalMs',
  'onError',
  'now',
];
const FILE_KEYS = ['path', 'format', 'json', 'app'];
const FORMATS: readonly LogFormat[] = ['auto', 'combined', 'common', 'json'];
const MAX_BATCH_LINES = 10_000;
const MAX_POLL_INTERVAL_MS = 3_600_000;

function invalid(message: string): never {
  throw new WaferDashboardError('WAFER_ERR_DASHBOARD_INVALID_OPTION', `createLogProcessor(): ${message}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(value: Record<string, unknown>, known: readonly string[], where: string): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const hint = didYouMean(key, known);
    invalid(
      `unknown option \`${where}${key}\`.${hint === undefined ? '' : ` Did you mean \`${where}${hint}\`?`} Known: ${known.join(', ')}.`,
    );
  }
}

function integer(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max)
    invalid(`\`${name}\` must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}.`);
  return value as number;
}

function resolveFile(file: unknown, index: number, seen: Map<string, number>): ResolvedLogFile {
  const where = `files[${index}]`;
  if (!isObject(file)) invalid(`\`${where}\` must be an object { path, format?, json?, app? }.`);
  checkKeys(file, FILE_KEYS, `${where}.`);
  if (typeof file.path !== 'string' || file.path.trim() === '')
    invalid(`\`${where}.path\` must be the path of an access log, got ${JSON.stringify(file.path)}.`);
  // Checkpoints are stored by path: an absolute path keeps them valid when the working directory changes.
  const resolved = path.resolve(file.path);
  const twin = seen.get(resolved);
  if (twin !== undefined)
    invalid(
      `\`${where}.path\` and \`files[${twin}].path\` are the same file (${resolved}): list each log once.`,
    );
  seen.set(resolved, index);
  const format = file.format ?? 'auto';
  if (!FORMATS.includes(format as LogFormat))
    invalid(`\`${where}.format\` must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(format)}.`);
  if (file.json !== undefined && format !== 'json' && format !== 'auto')
    invalid(`\`${where}.json\` applies to the 'json' and 'auto' formats only, not '${String(format)}'.`);
  if (file.app !== undefined && typeof file.app !== 'string')
    invalid(`\`${where}.app\` must be a string, got ${JSON.stringify(file.app)}.`);
  let parse: AccessLogLineParser;
  try {
    parse = lineParserFor(format as LogFormat, file.json as JsonLogParserOptions | undefined);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new WaferDashboardError(
      'WAFER_ERR_DASHBOARD_INVALID_OPTION',
      `createLogProcessor(): \`${where}.json\` is invalid: ${message}`,
      { cause: error },
    );
  }
  return { path: resolved, app: file.app === undefined || file.app === '' ? null : file.app, parse };
}

/**
 * Checks {@link LogProcessorOptions} once, with messages that name the option and how to fix it.
 *
 * @throws {WaferDashboardError} `WAFER_ERR_DASHBOARD_INVALID_OPTION`
 * @example
 * ```ts
 * resolveLogProcessorOptions({ files: [{ path: 'access.log', fromat: 'json' }], inspect, sink, offsets });
 * // throws: createLogProcessor(): unknown option `files[0].fromat`. Did you mean `files[0].format`? …
 * ```
 */
export function resolveLogProcessorOptions(options: LogProcessorOptions): ResolvedLogProcessorOptions {
  if (!isObject(options))
    invalid(`takes one options object { files, inspect, sink, offsets, … }, got ${JSON.stringify(options)}.`);
  checkKeys(options, KEYS, '');
  if (!Array.isArray(options.files)) invalid('`files` must be a list of { path, format?, json?, app? }.');
  const seen = new Map<string, number>();
  const files = options.files.map((file, i) => resolveFile(file, i, seen));
  if (typeof options.inspect !== 'function')
    invalid('`inspect` must be the engine’s inspect function (waf.inspect).');
  if (typeof options.sink !== 'function')
    invalid('`sink` must be a function (records, checkpoint) => Promise<void> that stores both.');
  if (!isObject(options.offsets) || typeof options.offsets.get !== 'function')
    invalid('`offsets` must have a get(path) method returning the saved checkpoint (storage.ingestOffsets).');
  const startAt = options.startAt ?? DEFAULT_LOG_PROCESSOR_OPTIONS.startAt;
  if (startAt !== 'beginning' && startAt !== 'end')
    invalid(`\`startAt\` must be 'beginning' or 'end', got ${JSON.stringify(startAt)}.`);
  if (options.onError !== undefined && typeof options.onError !== 'function')
    invalid('`onError` must be a function (error, context) => void.');
  if (options.now !== undefined && typeof options.now !== 'function')
    invalid('`now` must be a function returning epoch ms.');
  return {
    files,
    inspect: options.inspect,
    sink: options.sink,
    offsets: options.offsets,
    startAt,
    batchLines: integer(
      options.batchLines,
      'batchLines',
      1,
      MAX_BATCH_LINES,
      DEFAULT_LOG_PROCESSOR_OPTIONS.batchLines,
    ),
    pollIntervalMs: integer(
      options.pollIntervalMs,
      'pollIntervalMs',
      1,
      MAX_POLL_INTERVAL_MS,
      DEFAULT_LOG_PROCESSOR_OPTIONS.pollIntervalMs,
    ),
    onError: options.onError ?? (() => {}),
    now: options.now ?? Date.now,
  };
}
