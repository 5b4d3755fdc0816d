import type { AttackClass } from './taxonomy.js';
import { decodeView } from './text/decode-view.js';

/**
 * Attack-evidence signatures, one list of regular expressions per class, matched against the
 * decoded, lower-cased `decodeView` of a text.
 *
 * They are a GATE for noisy sources, not a detector: a list line is kept as an attack example only
 * when it shows evidence of an attack (a bare `'`, `;`, `onclick` or `/etc/passwd` is a fragment or
 * a plain word, not an attack), and unlabelled lines (fwaf, CSIC "anomalous", FuzzDB all-attacks)
 * get their class from `classify`. Benign data is never filtered through them.
 */

const CMD =
  '(?:cat|ls|id|whoami|uname|pwd|ping|sleep|nc|ncat|netcat|wget|curl|bash|sh|zsh|ksh|cmd|cmd\\.exe|powershell|pwsh|echo|dir|type|net|ipconfig|ifconfig|nslookup|dig|rm|chmod|perl|python[23]?|ruby|php|telnet|busybox|xterm|systeminfo|tasklist|timeout|tftp|mkfifo|hostname|env|printenv|ver|find|grep|head|tail|more|base64|xxd|awk|sed|nohup|exec|kill|reboot|shutdown|touch|crontab|useradd|sudo|ps|netstat|ssh|del|copy|start|reg|certutil|bitsadmin|wmic|uptime|who|w|last|set)';

const SIGNATURES: Record<AttackClass, readonly RegExp[]> = {
  log4shell: [
    /jndi\s*:\s*(?:ldaps?|rmi|dns|iiop|corba|nds|nis|http|https)\b/,
    /\$\{\s*jndi\s*:/,
    /\$\{[^}]*\$\{[^}]*\}[^}]*\}/,
  ],
  xxe: [
    /<!entity\b/,
    /<!doctype[^>]*\[/,
    /<!doctype\s+\w+\s+(?:system|public)\s/,
    /\bxi:include\b|xmlns:xi\s*=/,
    /<xsl:(?:stylesheet|value-of|copy-of|template|variable)|xmlns:xsl\s*=|xsl:version/,
  ],
  crlf: [/[\r\n\u560a\u560d]+\s*(?:[a-z][\w-]*(?: [\w-]+){0,2}\s*:\s*\S|http\/\d|<\w)/],
  ssti: [
    /\{\{[^}]*[*.()[\]|_'"~+=][^}]*\}\}/,
    /\{%[\s\S]*?%\}/,
    /\$\{[^}]*[*.()[\]@'"?][^}]*\}/,
    /<%=?[\s\S]*?%>/,
    /#\{[^}]*[.()*][^}]*\}/,
    /\*\{[^}]*[.()*][^}]*\}/,
    /#set\s*\(|<#assign|\?new\s*\(\)|\{php\}|\{\s*\$\w+\s*=|\{\{\s*#with\b/,
    /\[\[[^\]]*[*.()][^\]]*\]\]/,
  ],
  nosqli: [
    /\[\s*\$(?:ne|eq|gt|gte|lt|lte|in|nin|regex|where|exists|or|and|nor|not|expr|elemmatch|size|type|all|mod|text)\s*\]/,
    /["']?\$(?:ne|eq|gt|gte|lt|lte|in|nin|regex|where|exists|or|and|nor|not|expr|elemmatch|function|accumulator)["']?\s*:/,
    /\bthis\.\w+\.match\s*\(|\bthis\.\w+\s*(?:==|!=)|db\.\w+\.(?:find|insert|update|remove|drop|mapreduce)\b/,
    /function\s*\(\s*\)\s*\{\s*return\s+(?:this\b|version)/,
    /['"]\s*(?:\|\||&&)\s*(?:this\b|['"]?1['"]?\s*==)/,
  ],
  ldap_xpath: [
    /\*\)\s*\(/,
    /\)\s*\(\s*[|&!]\s*\(?\s*\w/,
    /\(\s*[|&]\s*\(\s*\w+\s*=/,
    /\)\s*\(\s*\w+\s*[~<>]?=/,
    /\bcount\s*\(\s*\/|\/child::|\bname\s*\(\s*\/|string-length\s*\(|\bdoc\s*\(\s*['"]|text\s*\(\s*\)\s*=|\bposition\s*\(\s*\)/,
    /\/\/\w+\[\s*\w+\s*=|\bor\s+\/\/\w/,
  ],
  sqli: [
    /\bunion\b[\s(]*(?:all\s+|distinct\s+)?select\b/,
    /\bselect\b[\s\S]{0,200}?\bfrom\b/,
    /['"`)]\s*(?:or|and|xor|\|\|)\s*[('"`]*\s*[\w'"@]+\s*[)'"`]*\s*(?:=|<|>|<=|>=|<>|!=|\blike\b|\bis\b|\bbetween\b|\brlike\b|\bregexp\b|\bin\s*\()/,
    /\b(?:or|and|xor)\s+\(?\s*['"]?\w+['"]?\s*\)?\s*(?:=|<|>|!=|<>|\blike\b)\s*\(?\s*['"]?\w+/,
    /\b(?:sleep|benchmark|pg_sleep|randomblob|extractvalue|updatexml|load_file|utl_inaddr|utl_http|make_set|group_concat|json_arrayagg|string_agg)\s*\(/,
    /\bwaitfor\s+(?:delay|time)\b|utl_http\.|utl_inaddr\.|dbms_pipe\.receive_message|dbms_lock\.sleep|xp_cmdshell|sp_executesql|sp_oacreate|openrowset|information_schema|\bsysobjects\b|\bsyscolumns\b|sysdatabases|\ball_tables\b|pg_catalog|sqlite_master|mysql\.user|@@version|\bversion\s*\(\s*\)|\bdatabase\s*\(\s*\)|\bcurrent_user\b|\bsysibm\./,
    /\b(?:char|chr)\s*\(\s*\d+\s*\)\s*(?:\+|\|\||,)|concat\s*\(\s*0x|\b0x[0-9a-f]{6,}\b.*\b(?:union|select|and|or)\b/,
    /\binto\s+(?:out|dump)file\b|\bprocedure\s+analyse\b|\bhaving\s+\d+\s*=\s*\d+|\border\s+by\s+\d+\s*(?:--|#|\/\*|$)|\bgroup\s+by\s+[\w,\s]+having\b/,
    /;\s*(?:drop|insert|update|delete|select|exec|execute|declare|shutdown|create|alter|truncate|grant)\b/,
    /['"`]\s*\)*\s*(?:--|#|\/\*|;\s*--|;\s*%00)/,
    /\b(?:insert\s+into|delete\s+from|drop\s+(?:table|database|function)|update\s+\w+\s+set|truncate\s+table|exec(?:ute)?\s+(?:master\b|xp_\w+|sp_\w+))/,
    /\bcase\s+when\b[\s\S]*\bthen\b/,
    /['"]\s*(?:and|or)\s+['"(]|['"]\s*(?:and|or)\s+\w+\s*\(/,
    /['"]\s*(?:\|\||\+)\s*\(?\s*select\b|\b(?:rlike|regexp|like)\s*\(\s*select\b/,
  ],
  xss: [
    /<\s*\/?\s*script\b/,
    /<[a-z][^>]*[\s/"'`]on[a-z]{3,}\s*=/,
    /["'`]\s*\/?\s*on[a-z]{3,}\s*=/,
    /\bon(?:error|load|mouseover|focus|click|start|toggle|begin|animationstart|pointerover|beforescriptexecute)\s*=\s*['"`]?[\w.$]+\s*\(/,
    /j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:|vbscript\s*:|livescript\s*:|data\s*:\s*text\/html/,
    /<\s*(?:iframe|frame|frameset|object|embed|applet|svg|math|base|meta|link|style|img|image|video|audio|body|form|isindex|input|details|marquee|xss|bgsound|layer|xml|portal|animate|set|keygen|textarea|a\s+href|x\s)\b/,
    /\b(?:alert|prompt|confirm)\s*[(`]|document\s*\.\s*(?:cookie|domain|write|location)|string\.fromcharcode|expression\s*\(|-moz-binding|\bsrcdoc\s*=|\.innerhtml\s*=|window\s*\[\s*['"]/,
  ],
  code_injection: [
    /<\?(?:php|=)/,
    /\b(?:system|shell_exec|passthru|popen|proc_open|pcntl_exec|assert|create_function|call_user_func(?:_array)?|preg_replace|include_once|require_once|file_get_contents|file_put_contents|readfile|phpinfo|base64_decode|str_rot13|gzinflate|highlight_file|show_source)\s*\(/,
    /\$_(?:get|post|request|cookie|server|files|env)\b/,
    /child_process|process\.mainmodule|constructor\.constructor|global\.process|\bprocess\.(?:binding|kill|exit)\s*\(|require\s*\(\s*['"`](?:child_process|fs|os|net|vm)['"`]/,
    /__proto__|constructor\s*(?:\[\s*['"]?|\.)\s*prototype|"constructor"\s*:\s*\{\s*"prototype"/,
    /__import__|__builtins__|__globals__|__subclasses__|__mro__|\bos\.(?:system|popen|exec\w*)\s*\(|subprocess\.|\bpickle\.|\bexec\s*\(\s*['"]/,
    /\bo:\d+:"[^"]+":\d+:\{|\ba:\d+:\{(?:s|i|o|a|b|n):|ro0ab|aced0005|!!python\/|!ruby\/|!!javax?\.|!!com\.|"\$type"\s*:|objectdataprovider|expandedwrapper|typeconfusedelegate|system\.diagnostics\.process|__js_function|_\$\$nd_func\$\$_|^gasv[a-z0-9+/=]{16,}/,
    /=\s*['"]?(?:https?|ftps?):\/\/[^\s&]+(?:\?|%00|\\x00|\x00)\s*['"]?$|=\s*['"]?(?:(?:https?|ftps?):)?\/\/[^\s&/]+\/[^\s&]*\.(?:txt|php\d?|inc|gif|jpg|sh|pl)\b/,
    /^\s*(?:https?|ftps?):\/\/\S+\.(?:txt|php\d?|inc|sh|pl|jpg|gif)\?+(?:cmd=\w+\??)?\s*$/,
    /^\s*(?:https?|ftps?):\/\/\S+\?{2,}\s*$/,
    /<!--\s*#\s*(?:exec|include|echo|config|printenv|set|fsize|flastmod|if)\b|<esi:/,
    /\bphp:\/\/input|\bdata:\/\/text\/plain|data:text\/plain;base64|\bexpect:\/\//,
    /\\(?:input|include|write18|immediate|lstinputlisting|verbatiminput|openin|newread|catcode)\b/,
    /java\.lang\.(?:runtime|processbuilder|system)|runtime\.getruntime\s*\(|\bprocessbuilder\b|@java\.lang\./,
    /\b(?:eval|assert|exec)\s*\(\s*(?:\$|base64_decode|gzinflate|str_rot13|chr\(|request|\w+\.read)/,
  ],
  cmdi: [
    new RegExp(`(?:[;&|\`\\n\\r]|\\$\\(|\\|\\||&&)\\s*(?:sudo\\s+)?${CMD}(?:\\.exe)?(?=$|[\\s;&|\`'"<>)$%])`),
    new RegExp(`\`[^\`]*\\b${CMD}\\b[^\`]*\``),
    new RegExp(`\\$\\(\\s*${CMD}\\b`),
    /\$\{?ifs\}?|\/bin\/(?:ba|z|k|da)?sh\b|\bcmd(?:\.exe)?\s+\/[ck]\b|\bpowershell(?:\.exe)?\s+-\w|\(\s*\)\s*\{\s*:\s*;\s*\}\s*;/,
    /\/usr\/bin\/(?:id|whoami|wget|curl|nc|perl|python|env|sleep)\b|\/bin\/(?:cat|ls|id|echo|sleep|ping|uname)\b|\bnc\s+-[el]|\bping\s+-[a-z]\s+\d+|\bsleep\s+\d+\s*[;&|#`]/,
    new RegExp(`^\\s*['"]\\s*${CMD}\\s+[^\\n]*(?:[>|]|#\\s*$)`),
  ],
  path_traversal: [
    /(?:\.{2,}|\.\s\.)[\\/]/,
    /[\\/]\.{2,}(?:[\\/;]|$)/,
    /\.\.;\/|(?:0x2e){2}(?:0x2f|0x5c)|\.\.%(?:2f|5c|c0|c1|e0|u)/,
    /\b(?:file|php|zip|phar|glob|compress\.zlib|compress\.bzip2|zlib|rar|ssh2|ogg):\/\//,
  ],
  ssrf: [
    /(?:https?|gopher|dict|ftp|tftp|sftp|ldap|file|netdoc|jar|smb|telnet):\/\/[^\s/?#]*?(?:localhost|127\.\d+\.\d+\.\d+|127\.1\b|0\.0\.0\.0|\[::1?\]|\[0:0:0:0:0:ffff|169\.254\.\d+\.\d+|metadata\.google\.internal|metadata\.azure|100\.100\.100\.200|192\.168\.\d+\.\d+|\b10\.\d+\.\d+\.\d+|172\.(?:1[6-9]|2\d|3[01])\.\d+\.\d+|0x7f|2130706433|017700000001|\b0177\.|kubernetes\.default|instance-data|\.internal\b|\.local(?=[:/]|$)|\.consul\b|\.svc\b|::ffff|nip\.io|localtest\.me|burpcollaborator)/,
    /\b(?:gopher|dict|tftp|netdoc|jar:https?|sftp|smb):\/\//,
    /^\s*file:\/\/\//,
    /https?:\/?\/?(?:0|127\.1|0x[0-9a-f]{8}|\d{9,10})(?=[/:?#]|$)/,
    /\/latest\/meta-data|\/computemetadata\/v1|\/metadata\/instance|\/latest\/user-data|\/latest\/api\/token|\/metadata\/v1\//,
  ],
  open_redirect: [
    /^\s*(?:\/{2,}|\\{2,}|\/\\|\\\/)\s*[a-z0-9[]/,
    /^\s*\/*(?:https?:)?\/\/[^/?#\s]*@[^/?#\s]+/,
    /^\s*\/?https?:(?!\/\/)[/\\]?[a-z0-9]/,
    /^\s*\/*\s*(?:%09|\t)\s*\/|^\s*\/?(?:%2f%2f|%5c%5c|\/%2f|%2f\/|%5c\/)/,
    /^\s*\/*(?:https?:)?\/\/(?:\d{8,10}|0x[0-9a-f]{8}|0[0-7]{3}\.[0-7]+|\[::[^\]]*\])(?:[/?#]|$)/,
  ],
};

/**
 * Priority when several classes match one text: the more specific class wins
 * (a JNDI lookup inside a SQL string is Log4Shell; `{${phpinfo()}}` is code injection, not a
 * template probe). XSS outranks CRLF because newlines inside `java&#x0A;script:` are an XSS
 * evasion; mapped CRLF lists keep their label (the mapping, not `classify`, decides there).
 */
export const CLASS_PRIORITY: readonly AttackClass[] = [
  'log4shell',
  'xxe',
  'xss',
  'crlf',
  'code_injection',
  'ssti',
  'nosqli',
  'ldap_xpath',
  'sqli',
  'cmdi',
  'path_traversal',
  'ssrf',
  'open_redirect',
];

/** Pre-decodes overlong UTF-8 / full-width traversal characters before the generic decoding. */
function foldTraversalTricks(text: string): string {
  return text
    .replace(/%c0%ae|%e0%80%ae|%c0%2e|%uff0e|\uff0e/gi, '.')
    .replace(/%c0%af|%e0%80%af|%c0%2f|%u2215|%uff0f|\uff0f|\u2215/gi, '/')
    .replace(/%c1%9c|%c0%5c|%u2216|%uff3c|\uff3c|\u2216/gi, '\\');
}

/** Undoes Log4j lookup obfuscation (`${lower:j}`, `${::-n}`, `${env:X:-d}`) so `${jndi:` shows. */
function foldLog4jLookups(view: string): string {
  let current = view;
  for (let i = 0; i < 6; i++) {
    const next = current
      .replace(/\$\{[^${}]*:-([^${}]*)\}/g, '$1')
      .replace(/\$\{(?:lower|upper)\s*:([^${}]*)\}/g, '$1');
    if (next === current) break;
    current = next;
  }
  return current;
}

/** The decoded matching view used by all signatures (exported for tests and reports). */
export function signatureView(text: string): string {
  // Escaped CR/LF written as text (`\r\n`, `%5cr%5cn`) count as line breaks for CRLF payloads.
  return foldLog4jLookups(decodeView(foldTraversalTricks(text)))
    .replace(/\\r/g, '\r')
    .replace(/\\n/g, '\n');
}

/** True when `text` shows evidence of `attackClass`. */
export function hasEvidence(text: string, attackClass: AttackClass, view = signatureView(text)): boolean {
  // A literal line break in a list item means a multi-line document (XML, YAML, a template
  // program), not an injected CR/LF: CRLF payloads carry their line breaks encoded or escaped.
  // The same holds for command separators: a newline inside a GraphQL query is not `%0a id`.
  if ((attackClass === 'crlf' || attackClass === 'cmdi') && /[\r\n]/.test(text)) {
    view = signatureView(text.replace(/[\r\n]+/g, ' '));
  }
  if (attackClass === 'path_traversal' && NUL_TRUNCATION.test(text.toLowerCase())) return true;
  return SIGNATURES[attackClass].some((re) => re.test(view));
}

/**
 * A sensitive file followed by a NUL (`/etc/shadow%00`, `win.ini\x00.png`): path truncation,
 * an LFI technique. Tested on the raw text because the decoded view drops NUL bytes.
 */
const NUL_TRUNCATION =
  /(?:\/etc\/(?:passwd|shadow|hosts|group|issue|hostname)|win\.ini|boot\.ini|system\.ini|\/proc\/self\/|system32)[^\n]*(?:\x00|%00|%2500|\\x00|\\0)/;

/** Every class with evidence in `text`, in priority order. */
export function evidenceClasses(text: string): AttackClass[] {
  const view = signatureView(text);
  return CLASS_PRIORITY.filter((c) => hasEvidence(text, c, view));
}

/** The highest-priority class with evidence, or `undefined` when the text shows no attack. */
export function classify(text: string): AttackClass | undefined {
  const view = signatureView(text);
  return CLASS_PRIORITY.find((c) => hasEvidence(text, c, view));
}
