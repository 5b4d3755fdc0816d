/**
 * Timed waits that `wake()` cuts short, so `close()` never waits out a poll interval or a retry backoff.
 * Timers are unref'd: a waiting worker never keeps the process alive.
 *
 * @example
 * ```ts
 * const sleeper = createSleeper();
 * await sleeper.sleep(1_000); // resolves after 1 s, or at once when close() calls sleeper.wake()
 * ```
 */
export interface Sleeper {
  /** Resolves after `ms`, or when {@link Sleeper.wake} is called, whichever comes first. */
  sleep(ms: number): Promise<void>;
  /** Ends every wait in progress. */
  wake(): void;
}

/**
 * Creates a {@link Sleeper}.
 *
 * @example
 * ```ts
 * const sleeper = createSleeper();
 * const waited = sleeper.sleep(30_000);
 * sleeper.wake(); // `waited` resolves now
 * ```
 */
export function createSleeper(): Sleeper {
  const waiting = new Set<() => void>();
  return {
    sleep(ms) {
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiting.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        timer.unref();
        waiting.add(done);
      });
    },
    wake() {
      for (const done of [...waiting]) done();
    },
  };
}
