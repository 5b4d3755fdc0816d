import type { PayloadSample } from '../payload-sample.js';
import type { Rng } from '../rng.js';
import type { AttackClass } from '../taxonomy.js';

/**
 * Draws from `make` until `count` distinct texts exist (or attempts run out) and wraps them as
 * payload samples of our generator `name` (source `generated:<name>`).
 */
export function distinctSamples(
  name: string,
  cls: AttackClass,
  count: number,
  rng: Rng,
  make: (rng: Rng) => string,
): PayloadSample[] {
  const seen = new Set<string>();
  for (let attempt = 0; attempt < count * 20 && seen.size < count; attempt++) seen.add(make(rng));
  return [...seen].map((text) => ({
    source: `generated:${name}`,
    sourceFile: `src/attacks/${name}.ts`,
    text,
    label: 'attack',
    attackType: cls,
    context: 'value',
  }));
}
