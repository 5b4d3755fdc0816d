import type { IngestRecord, IngestWriteOptions, InstanceReport, Storage } from '@wafer/storage';

/** What one submission got: stored now, or already stored by an earlier call. */
export interface WriteOutcome {
  readonly accepted: number;
  readonly duplicates: number;
}

/** A submission that would overflow the queue: answer 429 with this `Retry-After`. */
export interface QueueFull {
  readonly full: true;
  readonly retryAfterS: number;
}

interface Submission {
  readonly records: readonly IngestRecord[];
  readonly instances: readonly InstanceReport[];
  readonly offset: IngestWriteOptions['offset'];
  resolve(outcome: WriteOutcome): void;
  reject(error: unknown): void;
}

/** Counters of the write path (also exported on `/metrics`). */
export interface WriteQueueStats {
  queuedEvents: number;
  writtenEvents: number;
  duplicateEvents: number;
  rejectedFull: number;
  transactions: number;
  writeErrors: number;
  lastWriteMs: number;
}

export interface WriteQueueOptions {
  readonly storage: Storage;
  readonly maxQueuedEvents: number;
  readonly maxWriteEvents: number;
  /** Called after each commit with what was stored (duplicates left out): the live feed and the alert rules. */
  readonly onCommitted: (records: readonly IngestRecord[]) => void;
  /** A failed transaction (the submitters get the rejection; this is for the server's log). */
  readonly onError: (error: unknown) => void;
}

/**
 * The one writer of ingested events: submissions wait in a bounded queue and are written **group-committed**,
 * several per transaction (one SQLite commit costs about as much as a thousand rows, so batching the batches is
 * what makes 10,000 events/s possible). A submission's promise resolves only after its transaction commits:
 * an HTTP 202 means stored. When the queue is full, `submit` answers {@link QueueFull} at once (back-pressure:
 * the reporter retries after `Retry-After`) instead of buffering without bound.
 */
export function createWriteQueue(options: WriteQueueOptions) {
  const { storage, maxQueuedEvents, maxWriteEvents, onCommitted } = options;
  const pending: Submission[] = [];
  const stats: WriteQueueStats = {
    queuedEvents: 0,
    writtenEvents: 0,
    duplicateEvents: 0,
    rejectedFull: 0,
    transactions: 0,
    writeErrors: 0,
    lastWriteMs: 0,
  };
  let writing: Promise<void> | null = null;
  let closed = false;
  let eventsPerMs = 5; // a conservative first guess, refined after each commit; only used for Retry-After

  async function writeOnce(): Promise<void> {
    const group: Submission[] = [];
    let events = 0;
    let offset: IngestWriteOptions['offset'];
    while (pending.length > 0) {
      const next = pending[0]!;
      if (group.length > 0 && events + next.records.length > maxWriteEvents) break;
      // One log offset per transaction: the log processor awaits each of its writes, so this rarely splits.
      if (next.offset && offset) break;
      pending.shift();
      group.push(next);
      events += next.records.length;
      offset ??= next.offset;
    }
    try {
      await writeGroup(group, offset);
    } catch (error) {
      options.onError(error);
      if (group.length === 1) return fail(group[0]!, error);
      // One bad submission must not fail the others it was grouped with: write them one by one.
      for (const s of group) await writeGroup([s], s.offset).catch((e: unknown) => fail(s, e));
    }
  }

  function fail(s: Submission, error: unknown): void {
    stats.writeErrors++;
    stats.queuedEvents -= s.records.length;
    s.reject(error);
  }

  async function writeGroup(group: Submission[], offset: IngestWriteOptions['offset']): Promise<void> {
    const records = group.flatMap((s) => s.records);
    const started = performance.now();
    {
      const result = await storage.ingest.write(records, {
        // Several reports of one instance are fine: storage folds them (events summed, latest non-null fields).
        instances: group.flatMap((s) => s.instances),
        ...(offset ? { offset } : {}),
      });
      stats.lastWriteMs = performance.now() - started;
      eventsPerMs = 0.8 * eventsPerMs + 0.2 * (records.length / Math.max(stats.lastWriteMs, 0.1));
      stats.transactions++;
      stats.writtenEvents += result.written;
      stats.duplicateEvents += result.duplicates;
      // Counted until written, not until taken (in flight included), and released before anyone is told.
      stats.queuedEvents -= records.length;
      const accepted = new Set(result.accepted);
      for (const s of group) {
        const mine = s.records.filter((r) => accepted.has(r)).length;
        s.resolve({ accepted: mine, duplicates: s.records.length - mine });
      }
      if (result.accepted.length > 0) {
        try {
          onCommitted(result.accepted);
        } catch {
          // The live feed is best effort; what is stored is stored.
        }
      }
    }
  }

  function kick(): void {
    if (writing || pending.length === 0) return;
    writing = (async () => {
      try {
        while (pending.length > 0) await writeOnce();
      } finally {
        writing = null;
      }
    })();
  }

  return {
    stats,
    /**
     * Queues records for the next transaction. Resolves once they are committed; rejects when the write
     * failed (nothing of the submission is stored, the caller may retry).
     */
    submit(
      records: readonly IngestRecord[],
      extra: { instances?: readonly InstanceReport[]; offset?: IngestWriteOptions['offset'] } = {},
    ): Promise<WriteOutcome> | QueueFull {
      if (closed) return { full: true, retryAfterS: 5 };
      // An oversized submission is accepted into an empty queue, so a single large batch can always progress.
      if (stats.queuedEvents > 0 && stats.queuedEvents + records.length > maxQueuedEvents) {
        stats.rejectedFull++;
        return { full: true, retryAfterS: Math.max(1, Math.ceil(stats.queuedEvents / eventsPerMs / 1000)) };
      }
      stats.queuedEvents += records.length;
      const promise = new Promise<WriteOutcome>((resolve, reject) =>
        pending.push({ records, instances: extra.instances ?? [], offset: extra.offset, resolve, reject }),
      );
      kick();
      return promise;
    },
    /** Stops taking submissions and waits until everything queued is written. */
    async drain(): Promise<void> {
      closed = true;
      while (writing) await writing;
    },
    get closed() {
      return closed;
    },
  };
}

export type WriteQueue = ReturnType<typeof createWriteQueue>;
