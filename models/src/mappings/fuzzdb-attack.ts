import type { FileRule, SourceInfo } from './mapping-types.js';

/** FuzzDB `attack/` lists. */
export const FUZZDB_INFO: SourceInfo = {
  id: 'fuzzdb-attack',
  title: 'FuzzDB attack pattern lists',
  license: 'BSD-3-Clause (Adam Muntner) + CC-BY-3.0 — attribution kept (see _copyright.txt)',
  upstream: 'https://github.com/fuzzdb-project/fuzzdb @ 5656ab25',
  use: 'training attacks (SQLi, XSS, traversal, LFI/RFI, cmdi, XPath/LDAP, SSI); building-block files as hard negatives',
};

/** Mapping decisions, first match wins. Paths are relative to `fuzzdb-attack/attack/`. */
export const FUZZDB_RULES: readonly FileRule[] = [
  // Building blocks: ordinary words and structures when they appear on their own.
  {
    match: 'json/JSON_Fuzzing.txt',
    role: 'hard-negative',
    note: 'JSON structure fuzz values: building blocks, no attack by themselves',
  },
  {
    match: 'xss/html-event-attributes.txt',
    role: 'hard-negative',
    note: 'bare event names (onclick) are ordinary words',
  },
  { match: 'xss/default-javascript-event-attributes.txt', role: 'hard-negative', note: 'bare event names' },
  {
    match: 'xss/all-encodings-of-lt.txt',
    role: 'skip',
    note: 'encodings of a lone "<" are fragments, neither attack nor useful benign',
  },
  { match: 'html_js_fuzz/html_tags.txt', role: 'hard-negative', note: 'bare HTML tag names' },
  { match: 'html_js_fuzz/html_attributes.txt', role: 'hard-negative', note: 'bare HTML attribute names' },
  { match: 'html_js_fuzz/javascript_events.txt', role: 'hard-negative', note: 'bare JS event names' },
  {
    match: 'html_js_fuzz/quotationmarks.txt',
    role: 'hard-negative',
    note: 'quote characters and quoted attributes, no payload',
  },
  {
    match: 'html_js_fuzz/js_inject.txt',
    role: 'attack',
    attackType: 'nosqli',
    note: 'MongoDB $where JavaScript injection (this.x, function(){return this})',
  },
  { match: 'html_js_fuzz/', role: 'attack', attackType: 'xss', note: 'HTML5 injection vectors' },
  {
    match: 'xss/',
    role: 'attack',
    attackType: 'xss',
    note: 'XSS vectors; "Exploit Name:" prose lines of the JHADDIX doc are dropped by the gate',
  },
  {
    match: 'os-cmd-execution/Commands-',
    role: 'hard-negative',
    note: 'bare command names (accept, finger, ls) are ordinary words',
  },
  { match: 'os-cmd-execution/shell-', role: 'skip', note: 'lone shell delimiters/operators are fragments' },
  {
    match: 'os-cmd-execution/useful-commands-',
    role: 'skip',
    note: 'bare commands without an injection context are ambiguous',
  },
  {
    match: 'os-cmd-execution/',
    role: 'attack',
    attackType: 'cmdi',
    note: 'command injection; {cmd} templates filled with real commands',
  },
  {
    match: 'lfi/common-',
    role: 'file-pool',
    note: 'bare log-file locations: not attacks alone, used to fill {FILE} after a traversal',
  },
  {
    match: 'lfi/',
    role: 'attack',
    attackType: 'path_traversal',
    note: 'LFI; bare file names are dropped by the gate (no traversal/wrapper/NUL)',
  },
  {
    match: 'rfi/rfi.txt',
    role: 'attack',
    attackType: 'code_injection',
    context: 'url',
    note: 'RFI: vulnerable script paths with XXpathXX replaced by a remote attacker URL',
  },
  {
    match: 'path-traversal/',
    role: 'attack',
    attackType: 'path_traversal',
    note: 'traversal; {FILE} filled with sensitive files',
  },
  {
    match: 'sql-injection/',
    role: 'attack',
    attackType: 'sqli',
    note: 'SQLi detection/exploitation/blind payloads',
  },
  {
    match: 'xml/',
    role: 'attack',
    attackType: 'xxe',
    note: 'XXE; the SQLi lines in this file are relabelled by evidence',
  },
  {
    match: 'xpath/',
    role: 'attack',
    attackType: 'ldap_xpath',
    note: 'XPath injection; plain SQL-like tautologies relabel to sqli',
  },
  {
    match: 'ldap/',
    role: 'attack',
    attackType: 'ldap_xpath',
    note: 'LDAP injection; lone metacharacters are fragments',
  },
  { match: 'no-sql-injection/', role: 'attack', attackType: 'nosqli', note: 'MongoDB operator/JS injection' },
  {
    match: 'server-side-include/',
    role: 'attack',
    attackType: 'code_injection',
    note: 'SSI directives are evaluated by the web server: code injection',
  },
  {
    match: 'http-protocol/crlf-injection.txt',
    role: 'attack',
    attackType: 'crlf',
    note: 'CRLF / response splitting; bare %0d%0a are fragments',
  },
  { match: 'http-protocol/hpp.txt', role: 'skip', note: 'HTTP parameter pollution is outside the taxonomy' },
  {
    match: 'redirect/',
    role: 'attack',
    attackType: 'open_redirect',
    note: 'open redirect templates ({target}); only obfuscated forms pass the gate',
  },
  {
    match: 'all-attacks/',
    role: 'attack',
    attackType: 'classify',
    note: 'mixed list: class from signatures',
  },
  { match: 'format-strings/', role: 'skip', note: 'format-string attacks are outside the taxonomy' },
  { match: 'control-chars/', role: 'skip', note: 'NUL representations alone are fragments' },
  {
    match: 'disclosure-source/source-disc-cmd-exec-traversal.txt',
    role: 'attack',
    attackType: 'path_traversal',
    note: 'encoded traversal sequences',
  },
  {
    match: 'disclosure-source/',
    role: 'skip',
    note: 'source-disclosure suffixes (::$DATA, %70) are outside the taxonomy',
  },
];
