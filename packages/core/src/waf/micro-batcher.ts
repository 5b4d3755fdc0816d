import type { InferenceBackend } from '../inference/backend.js';
import { packBatch } from '../inference/backend.js';

/**
 * The answer for a window whose deadline passed before its turn came: the request that wanted it
 * has already been decided without it (its time budget ran out), so running it would only make the
 * queue longer for the requests still waiting — under overload, work for the past feeds on itself.
 */
export class ExpiredError extends Error {
  constructor() {
    super('window expired before it could run: the time budget of its request ran out');
    this.name = 'ExpiredError';
  }
}

/** A deadline several fields can share and extend (a field awaited by several requests). */
export interface Deadline {
  /** `performance.now()` time after which the window is not worth running. */
  at: number;
}

interface Job {
  readonly window: Int32Array;
  readonly deadline: Deadline | undefined;
  resolve(probs: Float32Array): void;
  reject(error: unknown): void;
}

/** Next turn of the event loop: `setImmediate` in Node, a microtask elsewhere (browsers, edge). */
const defer: (fn: () => void) => void =
  typeof setImmediate === 'function' ? (fn) => void setImmediate(fn) : (fn) => queueMicrotask(fn);

/** Window lengths that share a model run: padding a 12-token window to 128 would cost 10x. */
function bucketOf(length: number): number {
  return length <= 16 ? 0 : length <= 32 ? 1 : length <= 64 ? 2 : 3;
}

/**
 * Gathers windows from concurrent `inspect()` calls into shared model runs. A window submitted
 * while the backend is idle runs at the next turn of the event loop (with every window submitted
 * in the same turn); windows submitted while a run is in progress wait for it and then share the
 * next run. So the wait is bounded by one run (plus `maxWaitMs`, default 0), and under load the
 * batch grows by itself, up to `maxBatch` windows of similar length and `maxTokens` padded tokens per run.
 *
 * Why a token cap: ONNX Runtime's working set grows with the largest batch it ever ran and is not given
 * back (32 windows of 128 tokens took RSS from +32 MB to +74 MB with the arena, +168 MB without it),
 * while the model's cost is linear in tokens, so a batch of 1,024 tokens already spreads the fixed
 * per-run cost (~75 µs) over several milliseconds of work.
 */
export class MicroBatcher {
  private readonly queue: Job[] = [];
  private running = false;
  private scheduled = false;
  /** Model runs and windows, for the benchmark's statistics. */
  runs = 0;
  windows = 0;

  constructor(
    private readonly backend: InferenceBackend,
    private readonly labels: number,
    private readonly maxBatch: number,
    private readonly maxWaitMs: number,
    private readonly maxTokens: number = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * Probabilities (one row of `labels`) for one window. Rejects with {@link ExpiredError} when
   * `deadline` passes before the window's run starts.
   */
  score(window: Int32Array, deadline?: Deadline): Promise<Float32Array> {
    return new Promise<Float32Array>((resolve, reject) => {
      this.queue.push({ window, deadline, resolve, reject });
      this.schedule();
    });
  }

  /** Several windows, queued together (they usually share a run). */
  async scoreAll(windows: readonly Int32Array[], deadline?: Deadline): Promise<Float32Array[]> {
    return Promise.all(windows.map((w) => this.score(w, deadline)));
  }

  /** Windows dropped because their deadline passed before they could run. */
  expired = 0;

  private schedule(): void {
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      void this.drain();
    };
    if (this.maxWaitMs > 0 && this.queue.length < this.maxBatch) setTimeout(run, this.maxWaitMs);
    else defer(run);
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        this.dropExpired();
        if (this.queue.length === 0) break;
        // Take the oldest window's length bucket, then fill the run with queued windows of that bucket.
        // The first window always runs, even alone over `maxTokens`; the others join while the padded
        // batch (windows x longest window) stays within it.
        const bucket = bucketOf(this.queue[0]!.window.length);
        const jobs: Job[] = [];
        let longest = 0;
        for (let i = 0; i < this.queue.length && jobs.length < this.maxBatch;) {
          const length = this.queue[i]!.window.length;
          const padded = (jobs.length + 1) * Math.max(longest, length);
          if (bucketOf(length) === bucket && (jobs.length === 0 || padded <= this.maxTokens)) {
            jobs.push(...this.queue.splice(i, 1));
            longest = Math.max(longest, length);
          } else i++;
        }
        await this.run(jobs);
      }
    } finally {
      this.running = false;
    }
  }

  private dropExpired(): void {
    const now = performance.now();
    let kept = 0;
    for (const job of this.queue) {
      if (job.deadline !== undefined && job.deadline.at < now) {
        this.expired++;
        job.reject(new ExpiredError());
      } else this.queue[kept++] = job;
    }
    this.queue.length = kept;
  }

  private async run(jobs: Job[]): Promise<void> {
    this.runs++;
    this.windows += jobs.length;
    try {
      const probs = await this.backend.run(packBatch(jobs.map((j) => j.window)));
      for (let i = 0; i < jobs.length; i++)
        jobs[i]!.resolve(probs.slice(i * this.labels, (i + 1) * this.labels));
    } catch (error) {
      for (const job of jobs) job.reject(error);
    }
  }
}
