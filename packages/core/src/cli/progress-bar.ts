/** What a progress line shows. */
export interface ProgressState {
  /** Bytes of input read so far. */
  readonly bytes: number;
  /** Input size, when known (a file; not a pipe). */
  readonly totalBytes?: number;
  /** Items finished (lines, records). */
  readonly items: number;
  /** Unit of `items`, plural (`lines`, `records`). */
  readonly unit: string;
  readonly elapsedMs: number;
  /** Terminal width: the line never wraps. */
  readonly columns: number;
}

/** Longest interval between two redraws is the caller's; shortest is this (a redraw costs a syscall). */
const REDRAW_MS = 100;

/**
 * One line of progress: a bar and percentage when the size is known, bytes read, items per
 * second and the time left, cut to the terminal's width.
 *
 * @example
 * ```ts
 * formatProgress({ bytes: 5e6, totalBytes: 1e7, items: 2000, unit: 'lines', elapsedMs: 4000, columns: 80 });
 * // '[##########----------]  50%  4.8/9.5 MiB  500 lines/s  ETA 0:04'
 * ```
 */
export function formatProgress(state: ProgressState): string {
  const seconds = state.elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(state.items / seconds) : 0;
  const parts: string[] = [];
  const total = state.totalBytes;
  if (total !== undefined && total > 0) {
    const fraction = Math.min(state.bytes / total, 1);
    const width = 20;
    const filled = Math.round(fraction * width);
    parts.push(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`);
    parts.push(`${Math.floor(fraction * 100)}%`.padStart(4));
    parts.push(`${mib(state.bytes)}/${mib(total)} MiB`);
  } else {
    parts.push(`${mib(state.bytes)} MiB`);
  }
  parts.push(`${rate.toLocaleString('en-US')} ${state.unit}/s`);
  if (total !== undefined && total > 0 && state.bytes > 0 && seconds > 0) {
    const left = ((total - state.bytes) / state.bytes) * seconds;
    parts.push(`ETA ${clock(left)}`);
  }
  const line = parts.join('  ');
  return line.length > state.columns - 1 ? line.slice(0, Math.max(state.columns - 1, 0)) : line;
}

function mib(bytes: number): string {
  return (bytes / 1048576).toFixed(1);
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The terminal a progress bar draws on: `process.stderr`, or anything shaped like it. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): boolean;
}

/** A progress line redrawn in place; see {@link createProgressBar}. */
export interface ProgressBar {
  /** Reports progress; redraws at most every 100 ms. */
  update(bytes: number, items: number): void;
  /** Erases the line, so what is printed next starts clean. */
  done(): void;
}

/**
 * A progress line on `stream` (stderr) when it is a terminal, and nothing at all otherwise: a
 * redirected stderr (a CI log, `2> file`) must not fill up with carriage returns.
 *
 * @example
 * ```ts
 * const bar = createProgressBar(process.stderr, { totalBytes: size, unit: 'lines' });
 * bar.update(bytesRead, lines);
 * bar.done();
 * ```
 */
export function createProgressBar(
  stream: ProgressStream,
  options: { readonly totalBytes?: number; readonly unit: string },
): ProgressBar {
  if (stream.isTTY !== true) return { update() {}, done() {} };
  const started = performance.now();
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(bytes, items) {
      const now = performance.now();
      if (now - last < REDRAW_MS) return;
      last = now;
      drawn = true;
      const line = formatProgress({
        bytes,
        ...(options.totalBytes === undefined ? {} : { totalBytes: options.totalBytes }),
        items,
        unit: options.unit,
        elapsedMs: now - started,
        // 0 when the terminal does not say (some pseudo-terminals): assume the classic width.
        columns: stream.columns || 80,
      });
      stream.write(`\r\x1b[K${line}`);
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
