import { parseClfTime } from './clf-time.js';

// Epoch numbers below this are seconds, above it milliseconds: 1e11 s is the year 5138, 1e11 ms is 1973.
const SECONDS_LIMIT = 1e11;
const ISO_8601 =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d{1,9}))?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Reads the time of a JSON access-log line: ISO 8601 / RFC 3339 text (nginx `$time_iso8601`,
 * `2015-05-17T10:05:03+00:00`; without a zone it is taken as UTC), epoch seconds or milliseconds as a
 * number or numeric text (nginx `$msec` is `1431857103.123`), or CLF time (`$time_local`).
 * `undefined` when it is none of those.
 *
 * @example
 * ```ts
 * parseJsonLogTime('2015-05-17T10:05:03+02:00')?.toISOString(); // '2015-05-17T08:05:03.000Z'
 * parseJsonLogTime(1431857103.5)?.toISOString(); // '2015-05-17T10:05:03.500Z'
 * parseJsonLogTime('17/May/2015:10:05:03 +0000')?.toISOString(); // '2015-05-17T10:05:03.000Z'
 * ```
 */
export function parseJsonLogTime(value: unknown): Date | undefined {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d{1,16}(?:\.\d{1,9})?$/.test(text)) return fromEpoch(Number(text));
  const iso = ISO_8601.exec(text);
  if (iso) return fromIso(iso);
  return parseClfTime(text);
}

function fromEpoch(value: number): Date | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  return valid(new Date(value < SECONDS_LIMIT ? Math.round(value * 1000) : Math.round(value)));
}

function fromIso(match: RegExpExecArray): Date | undefined {
  const [, date = '', clock = '', fraction, zone] = match;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour = 0, minute = 0, second = 0] = clock.split(':').map(Number);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return undefined;
  let offsetMinutes = 0;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const zoneMinutes = Number(digits.slice(2) || '0');
    offsetMinutes = Number(digits.slice(0, 2)) * 60 + zoneMinutes;
    if (zoneMinutes > 59 || offsetMinutes > 18 * 60) return undefined;
    if (zone.startsWith('+')) offsetMinutes = -offsetMinutes;
  }
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const result = new Date(0);
  result.setUTCFullYear(year, month - 1, day);
  if (result.getUTCDate() !== day || result.getUTCMonth() !== month - 1) return undefined;
  result.setUTCHours(hour, minute + offsetMinutes, second, millis);
  return valid(result);
}

function valid(date: Date): Date | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date;
}
