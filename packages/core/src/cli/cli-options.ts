import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { WaferError } from '../errors.js';

/**
 * Requests `scan` and `eval` keep in flight. Small on purpose: on CPU a batch of windows costs about
 * as much as running them one by one, so more requests in flight add queueing, not throughput. On a
 * 2-core machine 8 in flight already pushed some requests past the default 50 ms time budget
 * (decided as failures, i.e. let through), and 16 or more made nearly all of them fail, which would
 * measure the CLI's own load instead of the model. 2 overlaps parsing with inference, safely.
 */
export const DEFAULT_CONCURRENCY = 2;

/**
 * Reads `--threshold`: a probability strictly between 0 and 1, like `thresholds.attack` of
 * `createWaf`. Checked here so the message names the flag, not the option.
 *
 * @example
 * ```ts
 * parseThreshold('0.9', 'check'); // 0.9
 * parseThreshold(undefined, 'check'); // undefined: the model's calibrated threshold
 * ```
 */
export function parseThreshold(value: string | undefined, command: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !(number > 0 && number < 1))
    throw new WaferError(
      'WAFER_ERR_CLI_USAGE',
      `wafer ${command}: --threshold must be a number between 0 and 1 (exclusive), got "${value}".`,
    );
  return number;
}

/**
 * Reads `--concurrency`: how many requests are inspected at once (1–1024).
 *
 * @example
 * ```ts
 * parseConcurrency('64', 'scan'); // 64
 * ```
 */
export function parseConcurrency(value: string | undefined, command: string): number {
  if (value === undefined) return DEFAULT_CONCURRENCY;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 1024)
    throw new WaferError(
      'WAFER_ERR_CLI_USAGE',
      `wafer ${command}: --concurrency must be an integer from 1 to 1024, got "${value}".`,
    );
  return number;
}

/**
 * Checks that `value` is one of `allowed`, for flags such as `--mode` and `--format`.
 *
 * @example
 * ```ts
 * parseChoice('block', ['monitor', 'block'], '--mode', 'check'); // 'block'
 * ```
 */
export function parseChoice<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
  command: string,
): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new WaferError(
    'WAFER_ERR_CLI_USAGE',
    `wafer ${command}: ${flag} must be ${allowed.join(' or ')}, got "${value}".`,
  );
}

/** An input file opened for streaming, with its size when it has one (a pipe has none). */
export interface InputSource {
  readonly stream: AsyncIterable<string | Uint8Array>;
  readonly size?: number;
}

/**
 * Opens `file` for streaming, or stdin for `-`. A missing file is a usage error (exit 2), found
 * before the model is loaded.
 *
 * @example
 * ```ts
 * const { stream, size } = await openInput('access.log', 'scan');
 * ```
 */
export async function openInput(file: string, command: string): Promise<InputSource> {
  if (file === '-') return { stream: process.stdin };
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw new WaferError(
      'WAFER_ERR_CLI_USAGE',
      `wafer ${command}: cannot read "${file}" (no such file, or not a regular file).`,
    );
  }
  return { stream: createReadStream(file), size };
}
