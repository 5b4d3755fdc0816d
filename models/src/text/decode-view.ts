import { percentDecode, percentUDecode } from './percent.js';

const NAMED_ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  amp: '&',
  nbsp: ' ',
  colon: ':',
  sol: '/',
  lpar: '(',
  rpar: ')',
  tab: '\t',
  newline: '\n',
  period: '.',
  semi: ';',
  equals: '=',
};

/** Decodes HTML character references (numeric, hex, a few named ones), with or without `;`. */
export function htmlEntityDecode(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Decodes `\xHH`, `\uHHHH` and `\u{H…}` escapes as written in JS/JSON/shell payloads. */
export function backslashDecode(text: string): string {
  if (!text.includes('\\')) return text;
  return text
    .replace(/\\u\{([0-9a-fA-F]{1,6})\}/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * A lower-cased, decoded view of a text used ONLY to match attack signatures (gating noisy
 * sources). It over-decodes on purpose (three rounds of URL, `%u`, HTML and backslash decoding,
 * `+` as space, SQL inline comments as space) because list payloads arrive in every encoding.
 * Never used to produce training text.
 */
export function decodeView(text: string): string {
  let current = text;
  for (let round = 0; round < 3; round++) {
    const next = backslashDecode(htmlEntityDecode(percentUDecode(percentDecode(current))));
    if (next === current) break;
    current = next;
  }
  return current
    .replace(/\/\*.*?\*\//g, ' ')
    .replace(/\+/g, ' ')
    .replace(/\0/g, '')
    .toLowerCase();
}
