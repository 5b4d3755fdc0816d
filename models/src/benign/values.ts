import type { Rng } from '../rng.js';
import type { Fakers } from './fakers.js';
import { hex, ulid, uuid } from './tokens.js';

/** A resource id in one of the shapes real APIs use (numeric, UUID, ULID, prefixed, hashid, slug). */
export function resourceId(rng: Rng, fakers: Fakers): string {
  return rng.weighted<() => string>([
    [() => String(rng.int(1, 99_999)), 5],
    [() => String(rng.int(100_000, 99_999_999)), 2],
    [() => uuid(rng), 3],
    [() => ulid(rng), 1],
    [
      () =>
        `${rng.pick(['cus', 'ord', 'inv', 'prod', 'usr', 'txn', 'sub', 'pi'])}_${hex(rng, rng.pick([14, 16, 24]))}`,
      2,
    ],
    [() => fakers.get('en').lorem.slug(rng.int(1, 4)), 2],
    [() => hex(rng, 24), 1],
  ])();
}

/** ISO date within the last few years. */
export function isoDate(rng: Rng): string {
  const y = rng.int(2019, 2025);
  const m = String(rng.int(1, 12)).padStart(2, '0');
  const d = String(rng.int(1, 28)).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** ISO timestamp (sometimes with milliseconds / offset). */
export function isoTimestamp(rng: Rng): string {
  const t = `${isoDate(rng)}T${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
  return rng.weighted<string>([
    [`${t}Z`, 3],
    [`${t}.${rng.int(100, 999)}Z`, 2],
    [`${t}+02:00`, 1],
    [t, 1],
  ]);
}

/** A price as an API would send it. */
export function price(rng: Rng): number {
  return Math.round(rng.int(99, 49_999)) / 100;
}
