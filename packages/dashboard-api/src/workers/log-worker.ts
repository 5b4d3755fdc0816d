import type { Waf } from '@wafer/core';
import type { Storage } from '@wafer/storage';
import type { WriteQueue } from '../ingest/write-queue.js';
import type { LogFileOptions } from '../options.js';
import { createLogProcessor, type LogProcessor } from './log-processor/index.js';

export type { LogProcessor };

/** What the dashboard gives its access-log processor. */
export interface LogWorkerDeps {
  readonly files: readonly Required<LogFileOptions>[];
  readonly startAt: 'beginning' | 'end';
  readonly waf: Waf;
  readonly storage: Storage;
  readonly queue: WriteQueue;
  readonly pollIntervalMs: number;
  readonly now: () => number;
  readonly onError: (error: unknown, context: string) => void;
}

/**
 * The log processor wired to the dashboard: lines are scored by the shared engine and go through the same write
 * queue as reporter batches, so they reach storage (records and the file offset in one transaction), the live
 * feed and the alert rules alike. A full queue rejects the batch; the processor retries it with backoff and
 * reads nothing further meanwhile — no line is skipped or stored twice.
 */
export function createLogWorker(deps: LogWorkerDeps): LogProcessor {
  return createLogProcessor({
    files: deps.files.map((f) => ({ path: f.path, format: f.format, ...(f.app ? { app: f.app } : {}) })),
    startAt: deps.startAt,
    inspect: (request) => deps.waf.inspect(request),
    offsets: deps.storage.ingestOffsets,
    pollIntervalMs: deps.pollIntervalMs,
    now: deps.now,
    onError: (error, context) => deps.onError(error, `log processor: ${context}`),
    sink: async (records, checkpoint) => {
      const pending = deps.queue.submit(records, { offset: checkpoint });
      if ('full' in pending) throw new Error(`write queue full; retry in ${pending.retryAfterS} s`);
      await pending;
    },
  });
}
