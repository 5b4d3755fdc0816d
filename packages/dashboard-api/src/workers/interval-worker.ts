/** A background job run every `intervalMs`, one run at a time, never overlapping, stopped by `close()`. */
export interface IntervalWorker {
  /** Runs the job now (waits for a run in progress first). */
  runNow(): Promise<void>;
  /** Stops the timer and waits for a run in progress. */
  close(): Promise<void>;
  readonly stats: { runs: number; failures: number; lastError: string | null; lastRunAt: number | null };
}

/**
 * Runs `job` every `intervalMs` (timer unref'd: workers never keep the process alive). A failing run is counted
 * and reported through `onError`; the next run happens on schedule — a worker never takes the server down.
 */
export function intervalWorker(
  name: string,
  intervalMs: number,
  job: () => Promise<void>,
  onError: (name: string, error: unknown) => void,
): IntervalWorker {
  const stats = { runs: 0, failures: 0, lastError: null as string | null, lastRunAt: null as number | null };
  let running: Promise<void> | null = null;
  let closed = false;
  const run = (): Promise<void> => {
    if (running) return running.then(run);
    running = (async () => {
      try {
        await job();
        stats.runs++;
      } catch (error) {
        stats.failures++;
        stats.lastError = error instanceof Error ? error.message : String(error);
        onError(name, error);
      } finally {
        stats.lastRunAt = Date.now();
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => {
    if (!closed && !running) void run();
  }, intervalMs);
  timer.unref();
  return {
    stats,
    runNow: () => (closed ? Promise.resolve() : run()),
    async close() {
      closed = true;
      clearInterval(timer);
      while (running) await running;
    },
  };
}
