import {
  accessLogEntryToRequest,
  type AccessLogEntry,
  type AccessLogErrorReason,
  type Decision,
} from '@wafer/core';
import type { IngestRecord } from '@wafer/storage';
import { WaferDashboardError } from '../../errors.js';
import {
  resolveLogProcessorOptions,
  type LogCheckpoint,
  type LogProcessorOptions,
  type ResolvedLogFile,
} from './log-processor-options.js';
import { mapOrdered } from './map-ordered.js';
import { createSleeper } from './sleeper.js';
import { createFileTailer, type FileTailer, type TailChunk, type TailLine } from './tail-file.js';
import { toIngestRecord } from './to-ingest-record.js';

/** What the processor did with one file since it started. */
export interface LogFileStats {
  readonly path: string;
  /** Inode of the file being read (`null` until it was opened). */
  readonly inode: string | null;
  /** Bytes of that file durably processed: the last stored checkpoint, or where reading started. */
  readonly offset: number;
  /** Bytes written to the file and not yet stored (size when last seen − offset). */
  readonly lagBytes: number;
  /** Lines stored (blank and malformed ones included, over-long ones not). */
  readonly lines: number;
  /** Lines that parsed as a request. */
  readonly parsed: number;
  /** Lines that did not parse, by reason. */
  readonly malformed: Readonly<Partial<Record<AccessLogErrorReason, number>>>;
  /** The parser's message for the latest malformed line (`line N: …`): the first clue to a wrong `format`. */
  readonly lastMalformed: string | null;
  /** Requests the engine found to be attacks. */
  readonly attacks: number;
  /** Requests the engine could not fully inspect (time budget, model error) or not at all (stored unscored). */
  readonly inspectFailures: number;
  readonly skippedLongLines: number;
  readonly rotations: number;
  readonly truncations: number;
  /** Times the file was found absent. */
  readonly missing: number;
  /** Failed sink calls (each retried). */
  readonly sinkFailures: number;
  readonly lastError: string | null;
}

/** {@link LogProcessor.stats}. */
export interface LogProcessorStats {
  readonly files: readonly LogFileStats[];
}

/** A running access-log processor; see {@link createLogProcessor}. */
export interface LogProcessor {
  /**
   * Loads each file's checkpoint and opens it (a file that is absent is waited for), then follows the files in
   * the background. Resolves once every file is positioned; a checkpoint that cannot be loaded yet (storage down)
   * is retried in the background, and reading that file waits for it. Calling it again returns the same promise.
   *
   * @throws {WaferDashboardError} `WAFER_ERR_DASHBOARD_CLOSED` after `close()`.
   */
  start(): Promise<void>;
  /** Stops polling and finishes the batch in progress (its records and checkpoint stored), then closes the files. */
  close(): Promise<void>;
  stats(): LogProcessorStats;
}

/** Lines of a batch inspected at once: enough for the engine to micro-batch, few enough to share it. */
const INSPECT_CONCURRENCY = 8;
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 30_000;

interface Counts {
  lines: number;
  parsed: number;
  attacks: number;
  inspectFailures: number;
  malformed: Partial<Record<AccessLogErrorReason, number>>;
  lastMalformed: string | null;
}

interface FileRun {
  readonly file: ResolvedLogFile;
  readonly counts: Counts;
  tailer: FileTailer | null;
  /** The last position stored (or where reading started). */
  committed: { inode: string; offset: number } | null;
  sinkFailures: number;
  lastError: string | null;
  /** The message last passed to `onError`, so a failure repeated every poll is reported once. */
  lastReported: string | null;
  loop: Promise<void> | null;
}

interface Batch {
  readonly records: IngestRecord[];
  readonly counts: Counts;
}

function emptyCounts(): Counts {
  return { lines: 0, parsed: 0, attacks: 0, inspectFailures: 0, malformed: {}, lastMalformed: null };
}

function addCounts(into: Counts, batch: Counts): void {
  into.lines += batch.lines;
  into.parsed += batch.parsed;
  into.attacks += batch.attacks;
  into.inspectFailures += batch.inspectFailures;
  for (const [reason, count] of Object.entries(batch.malformed) as Array<[AccessLogErrorReason, number]>)
    into.malformed[reason] = (into.malformed[reason] ?? 0) + count;
  if (batch.lastMalformed !== null) into.lastMalformed = batch.lastMalformed;
}

function retryDelay(attempt: number): number {
  return Math.min(RETRY_FIRST_MS * 2 ** Math.min(attempt - 1, 20), RETRY_MAX_MS);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Follows access logs (nginx, Apache, JSON), scores every request with the detection engine and stores traffic,
 * threats and activities through `sink` — alerts follow from what is stored. Each file is read in batches of
 * `batchLines`; a batch's records are stored together with the file offset after it, and the next batch is read
 * only once both are stored. So a restart resumes exactly after the last stored line: nothing is processed twice
 * and nothing is skipped, across rotation (rename or copytruncate) too. Failures (unreadable file, storage down,
 * engine error) are reported through `onError` and retried; nothing here throws after creation.
 *
 * @throws {WaferDashboardError} `WAFER_ERR_DASHBOARD_INVALID_OPTION` for invalid options.
 * @example
 * ```ts
 * const logs = createLogProcessor({
 *   files: [{ path: '/var/log/nginx/access.log', app: 'shop' }],
 *   inspect: waf.inspect,
 *   sink: async (records, checkpoint) => void (await storage.ingest.write(records, { offset: checkpoint })),
 *   offsets: storage.ingestOffsets,
 * });
 * await logs.start();
 * // … on shutdown, before waf.close() and storage.close():
 * await logs.close();
 * ```
 */
export function createLogProcessor(options: LogProcessorOptions): LogProcessor {
  const o = resolveLogProcessorOptions(options);
  const sleeper = createSleeper();
  const runs: FileRun[] = o.files.map((file) => ({
    file,
    counts: emptyCounts(),
    tailer: null,
    committed: null,
    sinkFailures: 0,
    lastError: null,
    lastReported: null,
    loop: null,
  }));
  let started: Promise<void> | null = null;
  let closed = false;

  function report(run: FileRun, error: unknown, context: string): void {
    const message = messageOf(error);
    run.lastError = message;
    if (message === run.lastReported) return;
    run.lastReported = message;
    try {
      o.onError(error, `log ${run.file.path}: ${context}`);
    } catch {
      // A failing error handler must not stop the processor.
    }
  }

  /** Loads the checkpoint and opens the file; `false` when the checkpoint could not be read (retry later). */
  async function prepare(run: FileRun): Promise<boolean> {
    let saved: Awaited<ReturnType<typeof o.offsets.get>>;
    try {
      saved = await o.offsets.get(run.file.path);
    } catch (error) {
      // Tailing without the checkpoint would re-process or skip lines: wait for storage instead.
      report(run, error, 'could not load the saved offset; retrying');
      return false;
    }
    if (closed) return false;
    const tailer = createFileTailer(run.file.path, {
      resume: saved === undefined ? undefined : { inode: saved.inode, offset: saved.offset },
      startAt: o.startAt,
      pollIntervalMs: o.pollIntervalMs,
      onError: (error) => report(run, error, 'cannot read the file; retrying'),
    });
    run.tailer = tailer;
    await tailer.open();
    if (tailer.stats.inode !== null)
      run.committed = { inode: tailer.stats.inode, offset: tailer.stats.offset };
    return true;
  }

  async function processChunk(run: FileRun, chunk: TailChunk): Promise<Batch | null> {
    const counts = emptyCounts();
    const requests: Array<{ entry: AccessLogEntry; line: TailLine }> = [];
    for (const line of chunk.lines) {
      counts.lines += 1;
      // A blank line is not a request, and not worth an error either.
      if (line.text.trim() === '') continue;
      const result = run.file.parse(line.text, line.lineNumber ?? 0);
      if (result.ok) {
        counts.parsed += 1;
        requests.push({ entry: result.entry, line });
      } else {
        counts.malformed[result.error.reason] = (counts.malformed[result.error.reason] ?? 0) + 1;
        counts.lastMalformed = result.error.message;
      }
    }
    let abandoned = false;
    const decisions = await mapOrdered(requests, INSPECT_CONCURRENCY, async ({ entry, line }) => {
      try {
        const decision = await o.inspect(accessLogEntryToRequest(entry));
        if (decision.decidedBy === 'failure') counts.inspectFailures += 1;
        return decision;
      } catch (error) {
        counts.inspectFailures += 1;
        // While closing, the engine is likely being closed too: leave the batch unstored (its lines are read
        // again at the next start) rather than store it unscored.
        if (closed) abandoned = true;
        else
          report(
            run,
            error,
            `the engine could not inspect the request at offset ${line.offset}; stored unscored`,
          );
        return null;
      }
    });
    if (abandoned) return null;
    const now = o.now();
    const records = requests.map(({ entry, line }, i) => {
      const decision: Decision | null = decisions[i] ?? null;
      if (decision?.attack) counts.attacks += 1;
      const source = {
        path: run.file.path,
        inode: chunk.inode,
        offset: line.offset,
        lineNumber: line.lineNumber,
        app: run.file.app,
      };
      return toIngestRecord(entry, decision, source, now);
    });
    return { records, counts };
  }

  /** Scores and stores one chunk, retrying until stored; `false` when given up on because the processor closed. */
  async function handleChunk(run: FileRun, chunk: TailChunk): Promise<boolean> {
    const checkpoint: LogCheckpoint = { path: run.file.path, inode: chunk.inode, offset: chunk.offset };
    let batch: Batch | null | undefined;
    for (let attempt = 1; ; attempt += 1) {
      try {
        if (batch === undefined) batch = await processChunk(run, chunk);
        if (batch === null) return false;
        await o.sink(batch.records, checkpoint);
        addCounts(run.counts, batch.counts);
        run.committed = { inode: chunk.inode, offset: chunk.offset };
        run.lastReported = null;
        return true;
      } catch (error) {
        const what = batch === undefined ? 'processing' : 'storing';
        if (batch !== undefined) run.sinkFailures += 1;
        if (closed) {
          // Nothing is lost: the checkpoint was not stored either, so these lines are read again at the next start.
          report(
            run,
            error,
            `${what} ${chunk.lines.length} lines failed while closing; they are read again at the next start`,
          );
          return false;
        }
        const delay = retryDelay(attempt);
        report(
          run,
          error,
          `${what} ${chunk.lines.length} lines failed (attempt ${attempt}); retrying in ${delay} ms`,
        );
        await sleeper.sleep(delay);
      }
    }
  }

  async function follow(run: FileRun, ready: boolean): Promise<void> {
    for (let attempt = 1; !ready; attempt += 1) {
      await sleeper.sleep(retryDelay(attempt));
      if (closed) return;
      ready = await prepare(run);
    }
    const tailer = run.tailer as FileTailer;
    while (!closed) {
      const chunk = await tailer.next(o.batchLines);
      if (chunk === undefined || !(await handleChunk(run, chunk))) return;
    }
  }

  async function startFile(run: FileRun): Promise<void> {
    const ready = await prepare(run);
    if (closed) return;
    run.loop = follow(run, ready).catch((error: unknown) => {
      // Not expected (every step handles its failures); reported so a stopped file does not go unnoticed.
      report(run, error, 'stopped following the file after an unexpected error');
    });
  }

  return {
    start() {
      if (closed)
        return Promise.reject(
          new WaferDashboardError(
            'WAFER_ERR_DASHBOARD_CLOSED',
            'createLogProcessor(): start() was called after close().',
          ),
        );
      started ??= Promise.all(runs.map(startFile)).then(() => {});
      return started;
    },

    async close() {
      if (closed) return;
      closed = true;
      sleeper.wake();
      await started;
      await Promise.all(runs.map((run) => run.tailer?.close()));
      await Promise.all(runs.map((run) => run.loop));
    },

    stats() {
      return {
        files: runs.map((run): LogFileStats => {
          const tail = run.tailer?.stats;
          const inode = tail?.inode ?? null;
          const offset = run.committed !== null && run.committed.inode === inode ? run.committed.offset : 0;
          return {
            path: run.file.path,
            inode,
            offset,
            lagBytes: Math.max(0, (tail?.size ?? 0) - offset),
            lines: run.counts.lines,
            parsed: run.counts.parsed,
            malformed: { ...run.counts.malformed },
            lastMalformed: run.counts.lastMalformed,
            attacks: run.counts.attacks,
            inspectFailures: run.counts.inspectFailures,
            skippedLongLines: tail?.skippedLongLines ?? 0,
            rotations: tail?.rotations ?? 0,
            truncations: tail?.truncations ?? 0,
            missing: tail?.missing ?? 0,
            sinkFailures: run.sinkFailures,
            lastError: run.lastError,
          };
        }),
      };
    },
  };
}
