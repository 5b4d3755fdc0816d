/**
 * How "binary" a byte range looks: `-1` when it contains a NUL byte (text formats never carry one),
 * otherwise the number of suspicious bytes: C0 controls other than TAB/LF/VT/FF/CR, DEL, and bytes that
 * are not part of well-formed UTF-8 (RFC 3629 §4: overlong forms, surrogates and code points above
 * U+10FFFF are ill-formed). A multi-byte sequence cut off by `end` is not counted (the window may end
 * mid-character).
 *
 * @example
 * ```ts
 * binaryScore(new TextEncoder().encode('héllo\n'), 0, 7); // 0
 * binaryScore(new Uint8Array([0x41, 0x00]), 0, 2);        // -1
 * binaryScore(new Uint8Array([0xff, 0x41]), 0, 2);        // 1
 * ```
 */
export function binaryScore(bytes: Uint8Array, start: number, end: number): number {
  let bad = 0;
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      if (b === 0) return -1;
      if ((b < 0x20 && (b < 0x09 || b > 0x0d)) || b === 0x7f) bad++;
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b === 0xe0) {
      need = 2;
      low = 0xa0;
    } else if (b === 0xed) {
      need = 2;
      high = 0x9f; // no UTF-16 surrogates
    } else if (b >= 0xe1 && b <= 0xef) need = 2;
    else if (b === 0xf0) {
      need = 3;
      low = 0x90;
    } else if (b >= 0xf1 && b <= 0xf3) need = 3;
    else if (b === 0xf4) {
      need = 3;
      high = 0x8f; // nothing above U+10FFFF
    } else {
      bad++; // continuation byte without a lead, 0xC0/0xC1 (overlong) or 0xF5..0xFF
      i++;
      continue;
    }
    const available = Math.min(need, end - i - 1);
    let ok = true;
    if (available >= 1) {
      const second = bytes[i + 1]!;
      ok = second >= low && second <= high;
    }
    for (let k = 2; ok && k <= available; k++) {
      const next = bytes[i + k]!;
      ok = next >= 0x80 && next <= 0xbf;
    }
    if (!ok) {
      bad++;
      i++;
    } else if (available < need) {
      break; // a well-formed start of a character cut off by the window
    } else {
      i += need + 1;
    }
  }
  return bad;
}

/**
 * True when `bytes[start, end)` looks like text: no NUL byte and at most 10% suspicious bytes
 * (see {@link binaryScore}). Only the first `window` bytes are looked at.
 *
 * @example
 * ```ts
 * looksLikeText(new TextEncoder().encode('{"a":1}'));     // true
 * looksLikeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00])); // false (PNG)
 * ```
 */
export function looksLikeText(
  bytes: Uint8Array,
  start = 0,
  end: number = bytes.length,
  window = 2048,
): boolean {
  const stop = Math.min(end, start + window);
  const score = binaryScore(bytes, start, stop);
  return score >= 0 && score * 10 <= stop - start;
}
