import { PATT_BLOCK_CATEGORIES } from '../mappings/payloadsallthethings.js';
import type { PayloadContext, PayloadSample } from '../payload-sample.js';
import type { Rng } from '../rng.js';
import { classify, hasEvidence } from '../signatures.js';
import type { AttackClass } from '../taxonomy.js';
import type { TemplatePools } from '../templates.js';
import { fillTemplates } from '../templates.js';
import { parseQuery, splitUrl } from '../url-parts.js';
import { gateAttack } from './gate.js';
import type { SourceStats } from './source-stats.js';

/** One row of `markdown_code_blocks.jsonl`. */
export interface CodeBlock {
  readonly category: string;
  readonly file: string;
  readonly heading: string;
  readonly lang: string;
  readonly block: string;
}

/** A candidate payload cut out of a block, before gating. */
interface Candidate {
  readonly text: string;
  readonly context: PayloadContext;
}

/**
 * Rules that curate README code blocks into payloads. Blocks mix real payloads with tool command
 * lines, HTTP exchanges, server responses, exploit source code and prose; only payload-looking
 * candidates that pass the class gate are kept, and every drop is counted by reason per category.
 */

/** Lines of program source (exploit scripts, vulnerable-code samples), not payloads. */
const SOURCE_LINE =
  /^\s*(?:import\s|from\s+\S+\s+import\b|def\s|class\s|public\s|private\s|protected\s|return\b|print\s*\(|printf?\s|puts\s|if\s*\(|if\s+\w+.*:\s*$|for\s*\(|for\s+\w+\s+in\b|while\s*[(\w]|function\s+\w+\s*\(|const\s|let\s|var\s+\w+\s*=|require\s|#!\/|\}\s*;?\s*$|end\s*$|@\w+\(|try\s*[:{]|except\b|catch\s*\(|else\s*[:{]?\s*$|\$\w+\s*(?:=|->)|\w+\s*=\s*(?:requests|open|input|raw_input)\b|\w+\.\w+\(.*\)\s*;\s*$|\w+\s*\(.*\)\s*;\s*$|\/\/\s|#\s|<\?php\s*$|\?>\s*$|>>>\s|\w+\s*=\s*(?:['"[]|\w+\()|.*\.each\s+do\b|.*\bdo\s*\|)/;

/** `$x = … $_GET['p']`: a vulnerable-code sample (what the server runs), never a payload. */
function isVulnerableSample(block: string): boolean {
  return /^\s*\$\w+\s*=/m.test(block) && /\$_(?:GET|POST|REQUEST|COOKIE)\b/.test(block);
}

/** Headings of blocks that document how a framework is used (legitimate templates), not attacks. */
const DOC_HEADING = /Template Format|^Plates$|PHPlib|patTemplate|Vulnerable code|General Concept/i;

/** Tool invocations: the tool's own command line is not what reaches the target. */
const TOOL_LINE =
  /^\s*(?:sudo\s+)?(?:sqlmap|python\d?(?:\.\d+)?|py\s|pip\d?|wget\s|java\s+-jar|nc\s+-l|ncat|docker|git\s|go\s+(?:run|get)|node\s|npm\s|ruby\s+-|perl\s+-|php\s+-|ssh\s|telnet\s|nslookup\s|dig\s|nmap|ffuf|gobuster|wfuzz|msfvenom|msfconsole|jwt_tool|phpggc|\.?\\?ysoserial|\.\/|\.\\|mail\s+-s|convert\s|google-chrome|tplmap|sstimap|graphql-path-enum|code\s|xxd\s+-r|echo\s+-e\s+"(?:GET|POST|HEAD)|for\s+\w+\s+in\s.*;\s*do)/i;

/** HTTP messages and tool output. */
const HTTP_START = /^\s*(?:HTTP\/\d|(?:GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH)\s+\S+\s+HTTP\/\d)/;
const HEADER_LINE = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*:\s+(.*)$/;
const OUTPUT_LINE =
  /^\s*(?:root:x:0:0|\[[+*x!i-]\]|Name:\s|Address:\s|\|.*\|\s*$|\+[-+]+\+\s*$|Trying\s|Connected to|Escape character|\d{3}\s[\w.]|Computing|Found\s\d+|Please\s|Your new|Current value|Token Signing|Validation failed|\/\s*$|[0-9a-f]{8}:\s|\/\/[a-z]+\s+[a-z]+\s+[a-z])/;

/** Trailing annotations PATT writes after payloads ("# Rendered RCE", "would result in 49"). */
function stripAnnotations(line: string): string {
  return line
    .replace(/\s+would\s+(?:result|return)\b.*$/i, '')
    .replace(/\s+:\s+(?:OK|KO)\s*$/, '')
    .replace(/\s+--\s+(?:TRUE|FALSE)\s*$/, '')
    .replace(/\s+--\s+\(Expected.*$/, '')
    .replace(/\s{2,}#.*$/, '')
    .replace(/\s#\s+[A-Z][\w-]*(?:[ -][\w>-]+)*(?:\s*\([^)]*\))?\s*$/, '')
    .replace(/(\S)\s+\/\/\s+[A-Za-z=>].*$/, '$1')
    .replace(/(\S)\s+#\s+[a-z]+\s+[a-z].*$/, '$1')
    .replace(/^\s*[a-z_]+\s{1,}=\s{1,}(?=\S)/, '') // "user  = *)(uid=*" displays an assignment
    .replace(/^\s*\S+@\S+:[^$#\s]*[$#]\s+/, '') // shell prompt "user@host:~$ "
    .replace(/^\s*\$\s+/, '')
    .replace(/^\s*(?:mysql|MariaDB \[\w+\]|postgres=#|SQL)>\s*/, '') // SQL console prompts
    .replace(/^\s*\[\.\.\.\]\s*/, '')
    .trimEnd();
}

/** Values worth keeping from a curl command line: -H/-A header values and --data bodies. */
function curlValues(line: string): string[] {
  const out: string[] = [];
  const re = /(?:-H|--header|-A|--user-agent|-d|--data(?:-raw|-binary)?)\s+(["'])((?:\\.|(?!\1).)*)\1/g;
  for (const m of line.matchAll(re)) {
    const v = (m[2] ?? '').replace(/\\(["'$])/g, '$1');
    const header = HEADER_LINE.exec(v);
    const form = /^[\w.-]+=([\s\S]*)$/.exec(v);
    out.push(header ? (header[2] ?? '') : form ? (form[1] ?? '') : v);
  }
  return out;
}

/** True when the block is mostly program source (exploit scripts, vulnerable-code samples). */
function isProgramSource(lines: readonly string[]): boolean {
  const code = lines.filter((l) => l.trim() !== '');
  if (code.length < 3) return false;
  const sourceLines = code.filter((l) => SOURCE_LINE.test(l) || TOOL_LINE.test(l)).length;
  return sourceLines / code.length >= 0.4;
}

/** Multi-line documents that are ONE payload (XML/XSLT, YAML gadgets, JSON objects, template programs). */
function isDocumentBlock(block: CodeBlock, lines: readonly string[]): boolean {
  if (lines.length < 2) return false;
  const text = block.block.trim();
  if (/^[[{]/.test(text)) {
    try {
      JSON.parse(text);
      return true;
    } catch {
      /* not JSON: fall through */
    }
  }
  if (block.category === 'XXE Injection' || block.category === 'XSLT Injection') return /^\s*</.test(text);
  if (block.category === 'Insecure Deserialization' && /^(?:yaml|xml)$/.test(block.lang)) return true;
  if (block.category === 'LaTeX Injection') return true;
  // Indented template code is one nested program (Handlebars {{#with}} blocks).
  if (/^(?:Server Side Template|XSS)/.test(block.category) && lines.some((l) => /^\s+\S/.test(l)))
    return true;
  // A template program spans lines when its first line leaves a delimiter open.
  const first = lines.find((l) => l.trim() !== '') ?? '';
  return (
    /[{(<]/.test(first) &&
    (count(first, '{') !== count(first, '}') || count(first, '(') !== count(first, ')'))
  );
}

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

/** Prose lines inside document blocks ("File stored on http://…"). */
const PROSE_LINE =
  /^\s*(?:File stored on|Convert the|Simple example|\/\/ =>|[A-Z][a-z]+(?:\s+[a-z]+){3,}[.:]?\s*$)/;

/** Splits a document block into chunks separated by blank lines, without prose lines. */
function documentChunks(block: string): string[] {
  return block
    .split(/\n\s*\n/)
    .map((chunk) =>
      chunk
        .split('\n')
        .filter((l) => !PROSE_LINE.test(l) && !TOOL_LINE.test(l))
        .join('\n')
        .trim(),
    )
    .filter((c) => c !== '');
}

/** Candidates from one line of a line-mode block (may be several: URL params, curl values). */
function lineCandidates(
  rawLine: string,
  rng: Rng,
  pools: TemplatePools,
  stats: SourceStats,
  group: string,
): Candidate[] {
  const line = fillTemplates(stripAnnotations(rawLine), rng, pools).text;
  if (rawLine.trim() === '') return []; // blank separator lines are not candidates
  if (line.trim() === '') {
    stats.drop('annotation only', group);
    return [];
  }
  if (group.endsWith('/Prototype Pollution')) return prototypePollutionCandidates(line.trim(), stats, group);
  if (/^\s*curl\s/i.test(line)) {
    const values = curlValues(line);
    if (values.length === 0) stats.drop('tool command line', group);
    return values.map((text) => ({ text, context: 'value' }));
  }
  if (TOOL_LINE.test(line)) {
    stats.drop('tool command line', group);
    return [];
  }
  if (HTTP_START.test(line) || OUTPUT_LINE.test(line)) {
    stats.drop('HTTP message or tool output', group);
    return [];
  }
  const header = HEADER_LINE.exec(line);
  if (
    header &&
    !/^(?:https?|file|gopher|dict|ftp|jar|php|data|expect|ldap|javascript)$/i.test(header[1] ?? '')
  ) {
    // A header line: only its value can be a payload (User-Agent: ${jndi:…}).
    return [{ text: header[2] ?? '', context: 'value' }];
  }
  if (SOURCE_LINE.test(line) && !/^\s*(?:\$\{|#\{|\{\{|\{%)/.test(line)) {
    stats.drop('program source line', group);
    return [];
  }
  const trimmed = line.trim();
  // URLs and query strings: the payload is in a parameter value (or is the URL itself, for SSRF).
  if (/^(?:https?:\/\/\S+.*|\?\S.*|[\w./-]*\?[^\s]*=[^\s]*|[\w[\]$.-]+=[^\s]*&[^\s]+)$/.test(trimmed)) {
    const isUrl = /^https?:\/\//.test(trimmed) || trimmed.includes('?');
    const params = isUrl
      ? splitUrl(trimmed.replace(/^https?:\/\/[^/?]*/, '') || '/').params
      : parseQuery(trimmed);
    if (!isUrl && /\[\$\w+\]/.test(trimmed)) return [{ text: trimmed, context: 'url' }];
    if (/#.*__proto__/.test(trimmed)) {
      stats.drop('client-side URL fragment (never sent to the server)', group);
      return [];
    }
    // Prefer the parameter values that carry the attack; else the URL itself is the payload (SSRF).
    const fromParams = params
      .filter((p) => p.value !== undefined && p.value !== '' && classify(p.value) !== undefined)
      .map((p) => ({ text: p.value ?? '', context: 'value' as const }));
    if (fromParams.length > 0) return fromParams;
    // Evidence in a parameter NAME (`password[$ne]=`, `__proto__[x]=`): the query string is the payload.
    if (params.some((p) => classify(p.name) !== undefined))
      return [{ text: trimmed.replace(/^[^?]*\?/, '?'), context: 'url' }];
    return [{ text: trimmed, context: 'value' }];
  }
  if (/^\/\S*$/.test(trimmed) && /[./%]{3,}/.test(trimmed)) return [{ text: trimmed, context: 'url' }];
  return [{ text: trimmed, context: 'value' }];
}

/**
 * Prototype-pollution lines: JSON bodies and query parameters reach the server; JavaScript
 * statements (`Object.__proto__.x = 1;`) are source code and are dropped.
 */
function prototypePollutionCandidates(line: string, stats: SourceStats, group: string): Candidate[] {
  if (/^[{[]/.test(line)) return [{ text: line, context: 'value' }];
  if (line.startsWith('?')) return [{ text: line, context: 'url' }];
  const param = /^((?:\w+)?(?:\[\w]+\]|\.\w+)*(?:__proto__|\[__proto__\])[\w.[\]]*)\s*=\s*(\w+)$/.exec(line);
  if (param && !/^(?:Object|myDog)\b/.test(line))
    return [{ text: `?${param[1]}=${param[2]}`, context: 'url' }];
  stats.drop('JavaScript source statement', group);
  return [];
}

/** Leftover placeholders (`<attacker>`, `[TABLE_NAME]`) mean the line is documentation, not a payload. */
const UNFILLED = /<[a-z][a-z _-]*>|\[[A-Z][A-Z _]{2,}\]|[{#]\{?=?\s*\.\.\.\s*\}/;

/**
 * Curates one block into payload samples of its category's class.
 * `prefixSeparator`: Command Injection "bypass" blocks list the injected command alone
 * (`w'h'o'am'i`); it reaches the target after a separator, so one is prepended.
 */
export function curateBlock(
  block: CodeBlock,
  rng: Rng,
  pools: TemplatePools,
  stats: SourceStats,
): PayloadSample[] {
  const group = `code-blocks/${block.category}`;
  const mapped = PATT_BLOCK_CATEGORIES[block.category];
  stats.countRead(1, group);
  if (mapped === null || mapped === undefined) {
    stats.drop(`block category outside the taxonomy`, group);
    return [];
  }
  const lines = block.block.split('\n');
  if (isVulnerableSample(block.block)) {
    stats.drop('block is a vulnerable-code sample', group);
    return [];
  }
  if (DOC_HEADING.test(block.heading)) {
    stats.drop('block documents legitimate framework usage', group);
    return [];
  }
  const documentMode = isDocumentBlock(block, lines);
  if (!documentMode && isProgramSource(lines)) {
    stats.drop('block is exploit/program source code', group);
    return [];
  }
  const candidates: Candidate[] = documentMode
    ? documentChunks(block.block).map((text) => ({ text, context: 'value' }))
    : lines.flatMap((l) => lineCandidates(l, rng, pools, stats, group));

  const out: PayloadSample[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    let text = fillTemplates(candidate.text, rng, pools).text.trim();
    if (mapped === 'cmdi' && !hasEvidence(text, 'cmdi') && /^[\w'"`$\\/{~@^-]/.test(text)) {
      const separator = rng.pick([';', '|', '&&', '||', '%0a', '`']);
      text = separator === '`' ? `\`${text}\`` : `${separator}${text}`;
    }
    if (UNFILLED.test(text) && !/^\s*</.test(text)) {
      stats.drop('unfilled placeholder (documentation, not a payload)', group);
      continue;
    }
    if (seen.has(text)) continue;
    seen.add(text);
    const cls: AttackClass | undefined = gateAttack(text, mapped, stats, group);
    if (!cls) continue;
    out.push({
      source: 'payloadsallthethings',
      sourceFile: `markdown_code_blocks.jsonl#${block.file} › ${block.heading}`,
      text,
      label: 'attack',
      attackType: cls,
      context: candidate.context,
      notes: [documentMode ? 'code-block:document' : 'code-block:line'],
    });
    stats.keep(cls, group);
  }
  return out;
}
