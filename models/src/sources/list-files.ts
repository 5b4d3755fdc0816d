import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FileRule } from '../mappings/mapping-types.js';
import { ruleFor } from '../mappings/mapping-types.js';
import type { PayloadSample } from '../payload-sample.js';
import { fillTemplates, SENSITIVE_FILES } from '../templates.js';
import { readLines } from '../text/read-lines.js';
import { gateAttack, gateHardNegative } from './gate.js';
import type { SourceContext } from './source-output.js';
import type { SourceStats } from './source-stats.js';

/** Every regular file under `root`, as sorted paths relative to `root` (deterministic order). */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(root, full));
    }
  };
  walk(root);
  return out;
}

/**
 * Undoes list-file artefacts: CSV-style quoting (`"<?xml version=""1.0""?>"`) and the
 * `Exploit String:` prefix of the JHADDIX "doc" list.
 */
export function cleanListLine(line: string): string {
  let text = line;
  if (/^"[\s\S]*"$/.test(text) && text.includes('""')) text = text.slice(1, -1).replace(/""/g, '"');
  text = text.replace(/^Exploit String:\s*/, '');
  return text;
}

/** Lines of one list file; `.xml` files are one document each (one payload). */
function itemsOf(path: string): string[] {
  if (path.endsWith('.xml')) return [readFileSync(path, 'utf8').trim()];
  return readLines(path);
}

/**
 * Reads every list file under `root` through the mapping `rules`: attacks are gated and
 * template-filled, hard negatives kept only without attack evidence, the rest counted.
 */
export function readListFiles(
  root: string,
  rules: readonly FileRule[],
  sourceId: string,
  ctx: SourceContext,
  stats: SourceStats,
): PayloadSample[] {
  const out: PayloadSample[] = [];
  for (const rel of listFiles(root)) {
    const rule = ruleFor(rules, rel);
    if (!rule || rel.endsWith('.md') || rel.startsWith('_')) continue;
    const items = itemsOf(join(root, rel));
    stats.countRead(items.length, rel);
    if (rule.role === 'skip' || rule.role === 'file-pool') {
      const reason =
        rule.role === 'skip'
          ? `skipped file: ${rule.note}`
          : 'bare file name: {FILE} pool, not an attack alone';
      for (let i = 0; i < items.length; i++) stats.drop(reason, rel);
      continue;
    }
    for (const raw of items) {
      const line = cleanListLine(raw);
      if (rule.role === 'hard-negative') {
        if (gateHardNegative(line, stats, rel)) {
          out.push({
            source: sourceId,
            sourceFile: rel,
            text: line,
            label: 'benign',
            context: 'value',
            notes: ['hard-negative'],
          });
          stats.keep('benign', rel);
        }
        continue;
      }
      let text = rule.template ? rule.template.replace('{LINE}', line) : line;
      if (rule.appendFile && /[/\\]$/.test(text) && ctx.rng.chance(rule.appendFile)) {
        text += ctx.rng.pick([...SENSITIVE_FILES, ...ctx.pools.files]).replace(/^[/\\]+/, '');
      }
      const filled = fillTemplates(text, ctx.rng, ctx.pools);
      const cls = gateAttack(filled.text, rule.attackType ?? 'classify', stats, rel);
      if (!cls) continue;
      const notes =
        filled.substituted.length > 0 ? [`filled:${[...new Set(filled.substituted)].join(',')}`] : [];
      out.push({
        source: sourceId,
        sourceFile: rel,
        text: filled.text,
        label: 'attack',
        attackType: cls,
        context: rule.context ?? 'value',
        notes,
      });
      stats.keep(cls, rel);
    }
  }
  return out;
}

/** Bare sensitive file names from every `file-pool` file (the `{FILE}` substitution pool). */
export function readFilePool(root: string, rules: readonly FileRule[]): string[] {
  const files = new Set<string>();
  for (const rel of listFiles(root)) {
    if (ruleFor(rules, rel)?.role !== 'file-pool') continue;
    for (const line of readLines(join(root, rel))) {
      const name = line.trim();
      // Only plain paths: the pool fills `{FILE}` after a traversal prefix.
      if (/^[\w./\\:~ -]+$/.test(name) && name.length < 120) files.add(name);
    }
  }
  return [...files].sort();
}
