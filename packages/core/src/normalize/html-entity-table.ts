/**
 * The named character references `html-entities.ts` decodes: a curated subset of the HTML5 list
 * (which has over 2,000 names, mostly mathematical symbols nobody uses to hide an attack). It
 * holds everything an evasion needs — every name for an ASCII character — plus the common text
 * entities so benign input decodes to what a browser would show: all of Latin-1, typography,
 * arrows and math operators from HTML 4, Greek letters, and the invisible and space characters.
 */

/** `[name, code point]` for every ASCII character that has a name in HTML5. */
const ASCII_ENTITIES: ReadonlyArray<readonly [string, number]> = [
  ['Tab', 0x09],
  ['NewLine', 0x0a],
  ['excl', 0x21],
  ['quot', 0x22],
  ['QUOT', 0x22],
  ['num', 0x23],
  ['dollar', 0x24],
  ['percnt', 0x25],
  ['amp', 0x26],
  ['AMP', 0x26],
  ['apos', 0x27],
  ['lpar', 0x28],
  ['rpar', 0x29],
  ['ast', 0x2a],
  ['midast', 0x2a],
  ['plus', 0x2b],
  ['comma', 0x2c],
  ['period', 0x2e],
  ['sol', 0x2f],
  ['colon', 0x3a],
  ['semi', 0x3b],
  ['lt', 0x3c],
  ['LT', 0x3c],
  ['equals', 0x3d],
  ['gt', 0x3e],
  ['GT', 0x3e],
  ['quest', 0x3f],
  ['commat', 0x40],
  ['lsqb', 0x5b],
  ['lbrack', 0x5b],
  ['bsol', 0x5c],
  ['rsqb', 0x5d],
  ['rbrack', 0x5d],
  ['Hat', 0x5e],
  ['lowbar', 0x5f],
  ['UnderBar', 0x5f],
  ['grave', 0x60],
  ['DiacriticalGrave', 0x60],
  ['lcub', 0x7b],
  ['lbrace', 0x7b],
  ['verbar', 0x7c],
  ['vert', 0x7c],
  ['VerticalLine', 0x7c],
  ['rcub', 0x7d],
  ['rbrace', 0x7d],
];

/**
 * The 96 Latin-1 names, in code point order from U+00A0 (`nbsp`) to U+00FF (`yuml`). In HTML5
 * they are all "legacy" names, which browsers also decode without the trailing `;`.
 */
const LATIN1_NAMES = [
  'nbsp', 'iexcl', 'cent', 'pound', 'curren', 'yen', 'brvbar', 'sect',
  'uml', 'copy', 'ordf', 'laquo', 'not', 'shy', 'reg', 'macr',
  'deg', 'plusmn', 'sup2', 'sup3', 'acute', 'micro', 'para', 'middot',
  'cedil', 'sup1', 'ordm', 'raquo', 'frac14', 'frac12', 'frac34', 'iquest',
  'Agrave', 'Aacute', 'Acirc', 'Atilde', 'Auml', 'Aring', 'AElig', 'Ccedil',
  'Egrave', 'Eacute', 'Ecirc', 'Euml', 'Igrave', 'Iacute', 'Icirc', 'Iuml',
  'ETH', 'Ntilde', 'Ograve', 'Oacute', 'Ocirc', 'Otilde', 'Ouml', 'times',
  'Oslash', 'Ugrave', 'Uacute', 'Ucirc', 'Uuml', 'Yacute', 'THORN', 'szlig',
  'agrave', 'aacute', 'acirc', 'atilde', 'auml', 'aring', 'aelig', 'ccedil',
  'egrave', 'eacute', 'ecirc', 'euml', 'igrave', 'iacute', 'icirc', 'iuml',
  'eth', 'ntilde', 'ograve', 'oacute', 'ocirc', 'otilde', 'ouml', 'divide',
  'oslash', 'ugrave', 'uacute', 'ucirc', 'uuml', 'yacute', 'thorn', 'yuml',
]; // prettier-ignore

/** Greek letters, HTML 4 names. Capitals U+0391–U+03A9 (no U+03A2), small U+03B1–U+03C9. */
const GREEK_NAMES = [
  'Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta', 'Theta', 'Iota', 'Kappa',
  'Lambda', 'Mu', 'Nu', 'Xi', 'Omicron', 'Pi', 'Rho', '', 'Sigma', 'Tau', 'Upsilon', 'Phi',
  'Chi', 'Psi', 'Omega',
]; // prettier-ignore

/** Everything else: HTML 4 typography, symbols, arrows and operators, plus HTML5 spaces. */
const OTHER_ENTITIES: ReadonlyArray<readonly [string, number]> = [
  // Latin Extended and spacing modifiers
  ['OElig', 0x152],
  ['oelig', 0x153],
  ['Scaron', 0x160],
  ['scaron', 0x161],
  ['Yuml', 0x178],
  ['fnof', 0x192],
  ['circ', 0x2c6],
  ['tilde', 0x2dc],
  // Greek extras
  ['sigmaf', 0x3c2],
  ['thetasym', 0x3d1],
  ['upsih', 0x3d2],
  ['piv', 0x3d6],
  // Spaces and invisible characters (attackers use them to split keywords)
  ['ensp', 0x2002],
  ['emsp', 0x2003],
  ['emsp13', 0x2004],
  ['emsp14', 0x2005],
  ['numsp', 0x2007],
  ['puncsp', 0x2008],
  ['thinsp', 0x2009],
  ['ThinSpace', 0x2009],
  ['hairsp', 0x200a],
  ['VeryThinSpace', 0x200a],
  ['ZeroWidthSpace', 0x200b],
  ['zwnj', 0x200c],
  ['zwj', 0x200d],
  ['lrm', 0x200e],
  ['rlm', 0x200f],
  ['MediumSpace', 0x205f],
  ['NoBreak', 0x2060],
  ['ApplyFunction', 0x2061],
  ['af', 0x2061],
  ['InvisibleTimes', 0x2062],
  ['it', 0x2062],
  ['InvisibleComma', 0x2063],
  ['ic', 0x2063],
  ['NonBreakingSpace', 0xa0],
  // Punctuation and typography
  ['hyphen', 0x2010],
  ['dash', 0x2010],
  ['ndash', 0x2013],
  ['mdash', 0x2014],
  ['horbar', 0x2015],
  ['Verbar', 0x2016],
  ['lsquo', 0x2018],
  ['rsquo', 0x2019],
  ['rsquor', 0x2019],
  ['sbquo', 0x201a],
  ['lsquor', 0x201a],
  ['ldquo', 0x201c],
  ['rdquo', 0x201d],
  ['rdquor', 0x201d],
  ['bdquo', 0x201e],
  ['ldquor', 0x201e],
  ['dagger', 0x2020],
  ['Dagger', 0x2021],
  ['bull', 0x2022],
  ['bullet', 0x2022],
  ['nldr', 0x2025],
  ['hellip', 0x2026],
  ['mldr', 0x2026],
  ['permil', 0x2030],
  ['prime', 0x2032],
  ['Prime', 0x2033],
  ['lsaquo', 0x2039],
  ['rsaquo', 0x203a],
  ['oline', 0x203e],
  ['frasl', 0x2044],
  ['euro', 0x20ac],
  ['image', 0x2111],
  ['weierp', 0x2118],
  ['real', 0x211c],
  ['trade', 0x2122],
  ['TRADE', 0x2122],
  ['alefsym', 0x2135],
  ['half', 0xbd],
  ['centerdot', 0xb7],
  ['CenterDot', 0xb7],
  ['div', 0xf7],
  ['check', 0x2713],
  ['cross', 0x2717],
  ['star', 0x2606],
  ['starf', 0x2605],
  ['phone', 0x260e],
  ['female', 0x2640],
  ['male', 0x2642],
  ['sung', 0x266a],
  ['flat', 0x266d],
  ['natural', 0x266e],
  ['sharp', 0x266f],
  // Arrows
  ['larr', 0x2190],
  ['uarr', 0x2191],
  ['rarr', 0x2192],
  ['darr', 0x2193],
  ['harr', 0x2194],
  ['crarr', 0x21b5],
  ['lArr', 0x21d0],
  ['uArr', 0x21d1],
  ['rArr', 0x21d2],
  ['dArr', 0x21d3],
  ['hArr', 0x21d4],
  // Mathematical operators
  ['forall', 0x2200],
  ['part', 0x2202],
  ['exist', 0x2203],
  ['empty', 0x2205],
  ['nabla', 0x2207],
  ['isin', 0x2208],
  ['notin', 0x2209],
  ['ni', 0x220b],
  ['prod', 0x220f],
  ['sum', 0x2211],
  ['minus', 0x2212],
  ['lowast', 0x2217],
  ['radic', 0x221a],
  ['prop', 0x221d],
  ['infin', 0x221e],
  ['ang', 0x2220],
  ['and', 0x2227],
  ['or', 0x2228],
  ['cap', 0x2229],
  ['cup', 0x222a],
  ['int', 0x222b],
  ['there4', 0x2234],
  ['sim', 0x223c],
  ['cong', 0x2245],
  ['asymp', 0x2248],
  ['ne', 0x2260],
  ['equiv', 0x2261],
  ['le', 0x2264],
  ['ge', 0x2265],
  ['sub', 0x2282],
  ['sup', 0x2283],
  ['nsub', 0x2284],
  ['sube', 0x2286],
  ['supe', 0x2287],
  ['oplus', 0x2295],
  ['otimes', 0x2297],
  ['perp', 0x22a5],
  ['sdot', 0x22c5],
  ['lceil', 0x2308],
  ['rceil', 0x2309],
  ['lfloor', 0x230a],
  ['rfloor', 0x230b],
  ['lang', 0x27e8],
  ['rang', 0x27e9],
  ['loz', 0x25ca],
  ['spades', 0x2660],
  ['clubs', 0x2663],
  ['hearts', 0x2665],
  ['diams', 0x2666],
];

function buildTables(): {
  exact: Map<string, string>;
  folded: Map<string, string>;
  legacy: Set<string>;
} {
  const exact = new Map<string, string>();
  const legacy = new Set<string>(['amp', 'AMP', 'lt', 'LT', 'gt', 'GT', 'quot', 'QUOT', 'COPY', 'REG']);
  for (const [name, cp] of ASCII_ENTITIES) exact.set(name, String.fromCharCode(cp));
  LATIN1_NAMES.forEach((name, i) => {
    exact.set(name, String.fromCharCode(0xa0 + i));
    legacy.add(name);
  });
  exact.set('COPY', '\u00a9');
  exact.set('REG', '\u00ae');
  GREEK_NAMES.forEach((name, i) => {
    if (name === '') return; // U+03A2 is unassigned
    exact.set(name, String.fromCharCode(0x391 + i));
    exact.set(name.toLowerCase(), String.fromCharCode(0x3b1 + i));
  });
  exact.set('epsiv', '\u03f5');
  for (const [name, cp] of OTHER_ENTITIES) exact.set(name, String.fromCodePoint(cp));

  // Case-insensitive view. Where names differ only by case (`Eacute`/`eacute`, `larr`/`lArr`),
  // the all-lower-case name wins, else the first one listed: after case folding both spellings
  // read the same anyway, and this keeps `&EACUTE;` and `&eacute;` decoding alike.
  const folded = new Map<string, string>();
  for (const [name, value] of exact) {
    const key = name.toLowerCase();
    if (name === key || !folded.has(key)) folded.set(key, value);
  }
  return { exact, folded, legacy };
}

const TABLES = buildTables();

/** Named references, exact (case-sensitive) spelling → decoded text. */
export const HTML_ENTITIES: ReadonlyMap<string, string> = TABLES.exact;

/** Named references keyed by their lower-cased name, for the case-insensitive fallback. */
export const HTML_ENTITIES_FOLDED: ReadonlyMap<string, string> = TABLES.folded;

/**
 * The names HTML5 also decodes without the trailing `;` ("legacy" names: `&amp`, `&lt`, `&copy`,
 * all of Latin-1), exact spelling.
 */
export const LEGACY_ENTITY_NAMES: ReadonlySet<string> = TABLES.legacy;

/** Lower-cased legacy names, for the case-insensitive fallback. */
export const LEGACY_ENTITY_NAMES_FOLDED: ReadonlySet<string> = new Set(
  [...TABLES.legacy].map((name) => name.toLowerCase()),
);

/** Longest name in the table (a bound on how far the decoder looks after `&`). */
export const MAX_ENTITY_NAME_LENGTH: number = Math.max(...[...TABLES.exact.keys()].map((n) => n.length));

/** Longest legacy name (`frac12`, `plusmn`, …). */
export const MAX_LEGACY_NAME_LENGTH: number = Math.max(...[...TABLES.legacy].map((n) => n.length));

/**
 * What browsers substitute for numeric references to C1 controls 0x80–0x9F: the Windows-1252
 * character (`&#150;` → `–`), since old pages were written in that code page. Zero means the
 * code point is kept as is (0x81, 0x8D, 0x8F, 0x90, 0x9D).
 */
export const WINDOWS_1252_C1: Uint16Array = Uint16Array.from([
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
]); // prettier-ignore
