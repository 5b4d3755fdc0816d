// The same helper as @wafer/core's src/util/did-you-mean.ts, copied on purpose: @wafer/storage must not depend on
// @wafer/core, which brings onnxruntime-node, just for an option-typo hint.
/** Levenshtein distance, bounded: returns `max + 1` as soon as the distance must exceed `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The closest candidate to a misspelled option name, for "did you mean" hints (Helmet's `maxage` → `maxAge`).
 * Case-insensitive; `undefined` when nothing is close. A copy of `@wafer/core`'s helper: storage does not
 * depend on core (which carries ONNX Runtime).
 */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const lowered = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(input.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lowered, candidate.toLowerCase(), bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
