const LF = 0x0a;

/** Extra byte comparisons a search may spend before it gives up on skipping (see below). */
const SLACK = 1024;

/**
 * Compiles a search for `prefix` at the start of a line: the returned function gives the index of the
 * first LF at or after `from` that is directly followed by `prefix`, or -1. `prefix` must not contain
 * LF (a multipart boundary from a header cannot).
 *
 * Why two algorithms: Boyer-Moore-Horspool over `LF + prefix` skips up to its length per step, so a
 * 1 MB upload costs a few tens of thousands of comparisons; but in multipart bodies the attacker picks
 * both the boundary (in `Content-Type`) and the body, and Horspool has inputs that make it
 * O(body × boundary). So comparisons are budgeted (twice the distance covered, plus some slack); past
 * the budget the search finishes with a one-pass automaton that is linear whatever the input: since LF
 * occurs only at the start of the needle, a failed partial match can only restart at an LF.
 *
 * @example
 * ```ts
 * const find = compileLineSearch(new TextEncoder().encode('--xyz'));
 * find(new TextEncoder().encode('a --xyz\n--xyz--'), 0); // 7
 * find(new TextEncoder().encode('--xyz'), 0);            // -1 (no LF before it)
 * ```
 */
export function compileLineSearch(prefix: Uint8Array): (haystack: Uint8Array, from: number) => number {
  const m = prefix.length + 1;
  const needle = new Uint8Array(m);
  needle[0] = LF;
  needle.set(prefix, 1);
  const skip = new Int32Array(256).fill(m);
  for (let k = 0; k < m - 1; k++) skip[needle[k]!] = m - 1 - k;
  const lastByte = needle[m - 1]!;

  const linear = (haystack: Uint8Array, from: number): number => {
    let matched = 0;
    for (let i = from; i < haystack.length; i++) {
      const b = haystack[i]!;
      if (matched > 0 && b === needle[matched]) matched++;
      else matched = b === LF ? 1 : 0;
      if (matched === m) return i - m + 1;
    }
    return -1;
  };

  return (haystack: Uint8Array, from: number): number => {
    const limit = haystack.length - m;
    const start = from > 0 ? from : 0;
    let i = start;
    let work = 0;
    while (i <= limit) {
      const tail = haystack[i + m - 1]!;
      if (tail === lastByte) {
        let j = m - 2;
        while (j >= 0 && haystack[i + j] === needle[j]) j--;
        if (j < 0) return i;
        work += m - 1 - j;
        // Horspool never skips a match, so nothing before `i` matches: finish linearly from there.
        if (work > ((i - start) << 1) + SLACK) return linear(haystack, i);
      }
      i += skip[tail]!;
    }
    return -1;
  };
}
