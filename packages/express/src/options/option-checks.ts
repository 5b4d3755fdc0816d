import { didYouMean, WaferError } from '@wafer/core';

/** Throws the one option error of Wafer, prefixed with where it was raised. */
export function fail(where: string, message: string): never {
  throw new WaferError('WAFER_ERR_INVALID_OPTION', `${where}: ${message}`);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RegExp);
}

/** Refuses unknown keys with the closest known one ("did you mean"). */
export function checkKeys(where: string, prefix: string, value: object, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const hint = didYouMean(key, known);
    fail(
      where,
      `unknown option \`${prefix}${key}\`.${hint ? ` Did you mean \`${prefix}${hint}\`?` : ''} Known options: ${known.join(', ')}.`,
    );
  }
}

export function oneOf<T extends string>(
  where: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  const hint = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
  fail(
    where,
    `\`${name}\` must be ${allowed.map((a) => `'${a}'`).join(' or ')}, got ${JSON.stringify(value)}.${hint ? ` Did you mean '${hint}'?` : ''}`,
  );
}

export function bool(where: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean')
    fail(where, `\`${name}\` must be true or false, got ${JSON.stringify(value)}.`);
  return value;
}

export function integer(
  where: string,
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    fail(where, `\`${name}\` must be an integer from ${min} to ${max}, got ${describe(value)}.`);
  return value;
}

export function probability(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0 && value < 1))
    fail(where, `\`${name}\` must be a number between 0 and 1 (exclusive), got ${describe(value)}.`);
  return value;
}

export function stringList(where: string, name: string, value: unknown, example: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.length === 0))
    fail(where, `\`${name}\` must be an array of non-empty strings, e.g. ${example}.`);
  return value as string[];
}

export function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (value instanceof RegExp) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
