/**
 * Picks the base alphabet of a BPE vocabulary: the `max` most frequent characters (code points)
 * seen at least `minFrequency` times in the chunk counts, returned in code-point order.
 * Ties on frequency go to the lower code point, so the choice is deterministic. Lone surrogates
 * and characters in `excluded` (tokens already reserved) are never chosen: they are spelled with
 * byte-fallback tokens instead.
 *
 * @example
 * ```ts
 * chooseAlphabet(new Map([['ab', 3], ['b', 1]]), { max: 1, minFrequency: 1, excluded: new Set() }); // [0x62] ('b': 4)
 * ```
 */
export function chooseAlphabet(
  chunks: ReadonlyMap<string, number>,
  options: { readonly max: number; readonly minFrequency: number; readonly excluded: ReadonlySet<string> },
): number[] {
  const counts = new Map<number, number>();
  for (const [chunk, freq] of chunks) {
    for (let i = 0; i < chunk.length;) {
      const cp = chunk.codePointAt(i)!;
      counts.set(cp, (counts.get(cp) ?? 0) + freq);
      i += cp > 0xffff ? 2 : 1;
    }
  }
  const candidates: Array<[cp: number, count: number]> = [];
  for (const [cp, count] of counts) {
    if (count < options.minFrequency) continue;
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (options.excluded.has(String.fromCodePoint(cp))) continue;
    candidates.push([cp, count]);
  }
  candidates.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  return candidates
    .slice(0, Math.max(0, options.max))
    .map(([cp]) => cp)
    .sort((x, y) => x - y);
}
