import type { Transform } from './transform.js';

// ASCII text is always in NFKC, so the (comparatively costly) ICU call is skipped for it.
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Applies Unicode compatibility normalization (NFKC).
 *
 * Compatibility forms look like ASCII to a human and are folded to ASCII by many back ends
 * (databases with lenient collations, .NET / Java best-fit mappings, `normalize()` calls in the
 * application), so attackers use them to hide syntax: full-width `＜ｓｃｒｉｐｔ＞` → `<script>`,
 * `％２５` → `%25`, `ｕｎｉｏｎ` → `union`, ligatures `ﬁ` → `fi`, superscripts `²` → `2`. Canonical
 * composition also merges `e` + U+0301 into `é`, so one text has one spelling.
 *
 * Lone surrogates are left as they are (ICU does not throw on them). Returns `input` itself when
 * it is pure ASCII or already normalized.
 */
export function toNfkc(input: string): string {
  if (!NON_ASCII.test(input)) return input;
  const out = input.normalize('NFKC');
  return out === input ? input : out;
}

/** `nfkc`: Unicode NFKC normalization, skipped for pure-ASCII input. */
export const nfkc: Transform = {
  name: 'nfkc',
  apply: (input) => toNfkc(input),
};
