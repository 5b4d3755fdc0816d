import type { AttackClass } from '../taxonomy.js';
import type { FileRule, SourceInfo } from './mapping-types.js';

/** PayloadsAllTheThings lists + markdown code blocks. */
export const PATT_INFO: SourceInfo = {
  id: 'payloadsallthethings',
  title: 'PayloadsAllTheThings payload lists and README code blocks',
  license: 'MIT (Copyright (c) 2019 Swissky)',
  upstream: 'https://github.com/swisskyrepo/PayloadsAllTheThings @ f9fa5141',
  use: 'training attacks, widest class coverage (SSTI, SSRF, XXE, NoSQL, LDAP, CRLF, Log4Shell, deserialization from curated code blocks)',
};

/** Mapping of `lists/<Category>/...` files, first match wins. */
export const PATT_LIST_RULES: readonly FileRule[] = [
  { match: 'CRLF Injection/', role: 'attack', attackType: 'crlf', note: 'CRLF header injection' },
  {
    match: 'Command Injection/',
    role: 'attack',
    attackType: 'cmdi',
    note: 'command injection; lone separators dropped as fragments',
  },
  {
    match: 'Directory Traversal/',
    role: 'attack',
    attackType: 'path_traversal',
    note: 'traversal, {FILE} filled',
  },
  {
    match: 'File Inclusion/Intruders/php-filter-iconv.txt',
    role: 'attack',
    attackType: 'path_traversal',
    template: 'php://filter/{LINE}/resource={FILE}',
    note: 'iconv filter names are chain components: wrapped into a php://filter read',
  },
  {
    match: 'File Inclusion/Intruders/dot-slash-PathTraversal_and_LFI_pairing.txt',
    role: 'attack',
    attackType: 'path_traversal',
    appendFile: 0.7,
    note: 'bare ../ prefixes, paired with a sensitive file 70% of the time as the file name says',
  },
  {
    match: 'File Inclusion/Intruders/List_Of_File_To_Include.txt',
    role: 'file-pool',
    note: 'bare file names (/etc/passwd, C:\\boot.ini) are NOT attacks on their own; used to fill {FILE}',
  },
  { match: 'File Inclusion/Intruders/Linux-files.txt', role: 'file-pool', note: 'bare file names' },
  { match: 'File Inclusion/Intruders/Windows-files.txt', role: 'file-pool', note: 'bare file names' },
  { match: 'File Inclusion/Intruders/Mac-files.txt', role: 'file-pool', note: 'bare file names' },
  { match: 'File Inclusion/Intruders/BSD-files.txt', role: 'file-pool', note: 'bare file names' },
  { match: 'File Inclusion/Intruders/Web-files.txt', role: 'file-pool', note: 'bare file names' },
  { match: 'File Inclusion/Intruders/LFI-FD-check.txt', role: 'file-pool', note: 'bare /proc paths' },
  {
    match: 'File Inclusion/Intruders/LFI-WindowsFileCheck.txt',
    role: 'file-pool',
    note: 'bare Windows paths',
  },
  {
    match: 'File Inclusion/',
    role: 'attack',
    attackType: 'path_traversal',
    note: 'LFI with traversal/wrapper/NUL; php://input, data://, expect:// relabel to code_injection by evidence',
  },
  {
    match: 'LDAP Injection/Intruder/LDAP_attributes.txt',
    role: 'hard-negative',
    note: 'bare LDAP attribute names (cn, mail) are ordinary words',
  },
  { match: 'LDAP Injection/', role: 'attack', attackType: 'ldap_xpath', note: 'LDAP filter injection' },
  { match: 'NoSQL Injection/', role: 'attack', attackType: 'nosqli', note: 'MongoDB operator injection' },
  {
    match: 'Open Redirect/',
    role: 'attack',
    attackType: 'open_redirect',
    note: 'only obfuscated redirect targets (//, /\\, @, %09, numeric IPs); a plain https:// URL is benign-looking and dropped',
  },
  { match: 'SQL Injection/', role: 'attack', attackType: 'sqli', note: 'SQLi' },
  {
    match: 'Server Side Include Injection/',
    role: 'attack',
    attackType: 'code_injection',
    note: 'SSI/ESI directives: code injection; <!--#echo var--> without exec/include passes as SSI evidence',
  },
  {
    match: 'XSS Injection/',
    role: 'attack',
    attackType: 'xss',
    note: 'one XML/HTML document with namespaced scripts',
  },
  {
    match: 'XXE Injection/',
    role: 'attack',
    attackType: 'xxe',
    note: 'XXE documents (each XML file is one payload)',
  },
  {
    match: 'XSLT Injection/',
    role: 'attack',
    attackType: 'xxe',
    note: 'XSLT: XML-processor attack, grouped with XXE',
  },
];

/**
 * Code-block categories → class. `classify`: lines get their class from the signatures
 * (GraphQL blocks carry SQLi/NoSQLi inside queries). `null`: category outside the taxonomy.
 */
export const PATT_BLOCK_CATEGORIES: Readonly<Record<string, AttackClass | 'classify' | null>> = {
  'SQL Injection': 'sqli',
  'XSS Injection': 'xss',
  'Server Side Template Injection': 'ssti',
  'Server Side Request Forgery': 'ssrf',
  'File Inclusion': 'path_traversal',
  'Directory Traversal': 'path_traversal',
  'XXE Injection': 'xxe',
  'XSLT Injection': 'xxe',
  'Insecure Deserialization': 'code_injection',
  'Prototype Pollution': 'code_injection',
  'Command Injection': 'cmdi',
  'CRLF Injection': 'crlf',
  'NoSQL Injection': 'nosqli',
  'LDAP Injection': 'ldap_xpath',
  'XPATH Injection': 'ldap_xpath',
  'CVE Exploits': 'classify', // Log4Shell lines → log4shell, Shellshock → cmdi
  'GraphQL Injection': 'classify',
  'LaTeX Injection': 'code_injection',
  'Open Redirect': 'open_redirect',
  'Server Side Include Injection': 'code_injection',
  'JSON Web Token': null,
  'ORM Leak': null,
  'Request Smuggling': null,
  'Upload Insecure Files': null,
  'Headless Browser': null,
  'CSV Injection': null,
  'Type Juggling': null,
  'HTTP Parameter Pollution': null,
};
