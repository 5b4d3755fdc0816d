import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { generateCmdi } from '../attacks/cmdi.js';
import { generateCodeInjection } from '../attacks/code-injection.js';
import { generateCrlf } from '../attacks/crlf.js';
import { generateLdapXpath } from '../attacks/ldap-xpath.js';
import { generateLog4Shell } from '../attacks/log4shell.js';
import { generateNoSqli } from '../attacks/nosqli.js';
import { generateOpenRedirect } from '../attacks/open-redirect.js';
import { generateSsrf } from '../attacks/ssrf.js';
import { generateSsti } from '../attacks/ssti.js';
import { generateXxe } from '../attacks/xxe.js';
import { BENIGN_GENERATOR_VERSION, BenignGenerator } from '../benign/generate-benign.js';
import { learnPathShapes } from '../benign/path-shapes.js';
import { BENCHMARK_PERCENT, BENCHMARK_SALT } from '../mappings/elastic-apache-logs.js';
import type { PayloadSample } from '../payload-sample.js';
import { PLACEMENT_VERSION } from '../placement.js';
import type { EvalRecord } from '../records.js';
import { Rng } from '../rng.js';
import { datasetsAvailable, missingDatasetsMessage, REPO_ROOT } from '../sources/datasets-dir.js';
import { ATTACK_CLASSES, CLASS_NAMES } from '../taxonomy.js';
import type { KeyFn } from '../text/normalize-key.js';
import { DEFAULT_KEY_NAME, defaultKey } from '../text/normalize-key.js';
import { assemble } from './assemble.js';
import { buildAttackRecords } from './attack-records.js';
import { buildBenignRecords } from './benign-records.js';
import { BENCHMARK_SOURCE, BENIGN_SHARE, CLASS_TARGETS, GENERATOR_COUNTS, OOD_SOURCE } from './config.js';
import type { CorpusItem } from './corpus-item.js';
import { writeJsonl } from './jsonl-writer.js';
import { buildPayloadPool } from './payload-pool.js';
import { Progress } from './progress.js';
import { readSources } from './read-sources.js';
import { selectForClass } from './select-payloads.js';

/** Options of one corpus build. */
export interface BuildOptions {
  readonly datasetsDir: string;
  readonly outDir: string;
  readonly seed: number | string;
  /** Approximate total number of in-distribution records for a quick small corpus. */
  readonly sample?: number;
  /** Normalization key (de-duplication and split grouping); `@wafer/core`'s normalizer later. */
  readonly keyFn?: KeyFn;
  readonly keyName?: string;
  readonly progress?: boolean;
}

/** What a build produced (also written to `data-manifest.json`). */
export interface BuildResult {
  readonly skipped: boolean;
  readonly message?: string;
  readonly manifest?: Record<string, unknown>;
  readonly files?: Record<string, number>;
}

/** Version of the corpus builder as a whole. */
export const CORPUS_BUILDER_VERSION = '1.0.0';

const OUTPUT_FILES = [
  'train.jsonl',
  'validation.jsonl',
  'test.jsonl',
  'ood.jsonl',
  'benign-benchmark.jsonl',
] as const;

function packageVersion(name: string): string {
  try {
    const require = createRequire(join(REPO_ROOT, 'package.json'));
    const pkgPath = require.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function countBy<T>(items: Iterable<T>, keyOf: (t: T) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) {
    const k = keyOf(it);
    if (k !== undefined) out[k] = (out[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

function classOf(r: EvalRecord): string {
  return r.label === 'attack' ? (r.attack_type ?? 'unknown') : 'benign';
}

function splitSummary(records: readonly EvalRecord[]): Record<string, unknown> {
  const perClass = Object.fromEntries(CLASS_NAMES.map((c) => [c, 0]));
  for (const r of records) perClass[classOf(r)] = (perClass[classOf(r)] ?? 0) + 1;
  const benign = perClass.benign ?? 0;
  return {
    total: records.length,
    benign,
    attack: records.length - benign,
    benign_share: records.length ? Number((benign / records.length).toFixed(4)) : 0,
    per_class: perClass,
  };
}

/**
 * Builds the corpus: reads the datasets, generates benign traffic and attack requests, de-duplicates,
 * splits, and writes train/validation/test/ood/benign-benchmark JSONL plus `data-manifest.json`.
 * Skips (without throwing) when the datasets folder is absent.
 */
export async function buildCorpus(options: BuildOptions): Promise<BuildResult> {
  if (!datasetsAvailable(options.datasetsDir))
    return { skipped: true, message: missingDatasetsMessage(options.datasetsDir) };
  const started = Date.now();
  const timings: Record<string, number> = {};
  const lap = (name: string, t0: number): void => {
    timings[name] = Date.now() - t0;
  };
  const keyFn = options.keyFn ?? defaultKey;
  const progress = new Progress(options.progress ?? true);
  const rng = new Rng(options.seed);

  // Scale: a full build targets CLASS_TARGETS; --sample N scales everything to about N records.
  const fullAttack = ATTACK_CLASSES.reduce((a, c) => a + CLASS_TARGETS[c], 0);
  const fullTotal = fullAttack / (1 - BENIGN_SHARE);
  const scale = options.sample ? Math.min(1, options.sample / fullTotal) : 1;
  const scaled = (n: number, min: number): number => Math.max(min, Math.round(n * scale));

  // 1. Sources.
  let t0 = Date.now();
  progress.stage('reading datasets');
  const read = readSources(options.datasetsDir, rng.fork('sources'), (id) => progress.stage(`reading ${id}`));
  lap('read_sources', t0);

  // 2. Our generators for the rare classes.
  t0 = Date.now();
  progress.stage('generating attack payloads');
  const genRng = rng.fork('attack-generators');
  const generated: PayloadSample[] = [
    ...generateCmdi(genRng.fork('cmdi'), scaled(GENERATOR_COUNTS.cmdi, 30)),
    ...generateCodeInjection(genRng.fork('code-injection'), scaled(GENERATOR_COUNTS.code_injection, 30)),
    ...generateLog4Shell(genRng.fork('log4shell'), scaled(GENERATOR_COUNTS.log4shell, 30)),
    ...generateSsrf(genRng.fork('ssrf'), scaled(GENERATOR_COUNTS.ssrf, 30)),
    ...generateNoSqli(genRng.fork('nosqli'), scaled(GENERATOR_COUNTS.nosqli, 30)),
    ...generateSsti(genRng.fork('ssti'), scaled(GENERATOR_COUNTS.ssti, 30)),
    ...generateCrlf(genRng.fork('crlf'), scaled(GENERATOR_COUNTS.crlf, 30)),
    ...generateXxe(genRng.fork('xxe'), scaled(GENERATOR_COUNTS.xxe, 30)),
    ...generateLdapXpath(genRng.fork('ldap-xpath'), scaled(GENERATOR_COUNTS.ldap_xpath, 30)),
    ...generateOpenRedirect(genRng.fork('open-redirect'), scaled(GENERATOR_COUNTS.open_redirect, 30)),
  ];
  lap('generate_payloads', t0);

  // 3. OOD and benchmark records; the in-distribution pool excludes every OOD payload.
  const byId = new Map(read.outputs.map((o) => [o.info.id, o]));
  const ood = byId.get(OOD_SOURCE)?.records ?? [];
  const oodKeys = new Set(
    ood.filter((r) => r.payloadText !== undefined).map((r) => keyFn(r.payloadText ?? '')),
  );
  const benchmark = byId.get(BENCHMARK_SOURCE)?.records ?? [];
  const benchmarkUrlKeys = new Set(benchmark.map((r) => keyFn(r.record.url)));
  const inDist = read.outputs.filter((o) => o.info.id !== OOD_SOURCE && o.info.id !== BENCHMARK_SOURCE);
  const samples = [...inDist.flatMap((o) => o.payloads), ...generated];
  const sourceRecords = inDist.flatMap((o) => o.records.map((record) => ({ record, source: o.info.id })));
  t0 = Date.now();
  progress.stage('de-duplicating payloads');
  const pool = buildPayloadPool(
    samples,
    sourceRecords.filter((r) => r.record.record.label === 'attack'),
    keyFn,
    oodKeys,
  );
  lap('payload_pool', t0);

  // 4. Attack requests, class by class.
  const shapes = learnPathShapes(read.shapeEntries);
  const gen = new BenignGenerator(rng.fork('benign-context'), shapes);
  const placeRng = rng.fork('placement');
  const selectRng = rng.fork('selection');
  const attackItems: CorpusItem[] = [];
  const selectionReport: Record<string, unknown> = {};
  t0 = Date.now();
  for (const cls of ATTACK_CLASSES) {
    progress.stage(`placing ${cls} attacks`);
    const items = pool.attacks.get(cls) ?? [];
    const target = scaled(CLASS_TARGETS[cls], 20);
    const selection = selectForClass(items, target, selectRng.fork(cls));
    const built = buildAttackRecords(selection, gen, placeRng.fork(cls));
    attackItems.push(...built.items);
    selectionReport[cls] = {
      target,
      distinct_payloads_available: items.length,
      distinct_payloads_used: selection.length,
      requests_built: built.items.length,
      placement_failures: built.failed,
      payloads_by_source: countBy(selection, (s) => s.item.source),
    };
  }
  lap('attack_requests', t0);

  // 5. Benign requests.
  t0 = Date.now();
  progress.stage('generating benign traffic');
  const benignTotal = Math.round((attackItems.length * BENIGN_SHARE) / (1 - BENIGN_SHARE));
  const csicNormal = (byId.get('csic2010')?.records ?? []).filter((r) => r.record.label === 'benign');
  const benignItems = buildBenignRecords(
    { total: benignTotal, texts: pool.benignTexts, csicNormal },
    gen,
    rng.fork('benign'),
    keyFn,
  );
  lap('benign_requests', t0);

  // 6. De-duplicate, split, write.
  t0 = Date.now();
  progress.stage('de-duplicating requests and splitting');
  const assembled = assemble([...attackItems, ...benignItems], keyFn, options.seed, benchmarkUrlKeys);
  const oodRecords: EvalRecord[] = [];
  const oodSeen = new Set<string>();
  for (const r of ood) {
    const identity = `${r.record.label}|${r.record.method}|${keyFn(r.record.url)}|${keyFn(r.record.body ?? '')}|${JSON.stringify(r.record.headers.cookie ?? '')}|${JSON.stringify(r.record.headers['user-agent'] ?? '')}`;
    if (oodSeen.has(identity)) continue;
    oodSeen.add(identity);
    oodRecords.push({ ...r.record });
  }
  const benchRecords = benchmark.map((r) => ({ ...r.record }));
  for (const r of [...oodRecords, ...benchRecords])
    r.id = `${r.source === OOD_SOURCE ? 'o' : 'b'}${(Math.abs(hashCode(JSON.stringify(r))) >>> 0).toString(16)}`;
  lap('assemble', t0);

  t0 = Date.now();
  progress.stage('writing files');
  mkdirSync(options.outDir, { recursive: true });
  // Records are written in a seeded random order (not grouped by class or source).
  const orderRng = rng.fork('write-order');
  const shuffled = (items: readonly CorpusItem[]): EvalRecord[] =>
    orderRng.shuffle(items.map((i) => i.record));
  const bySplit: Record<(typeof OUTPUT_FILES)[number], EvalRecord[]> = {
    'train.jsonl': shuffled(assembled.splits.train),
    'validation.jsonl': shuffled(assembled.splits.validation),
    'test.jsonl': shuffled(assembled.splits.test),
    'ood.jsonl': oodRecords,
    'benign-benchmark.jsonl': benchRecords,
  };
  const files: Record<string, number> = {};
  for (const name of OUTPUT_FILES) files[name] = await writeJsonl(join(options.outDir, name), bySplit[name]);
  lap('write', t0);

  const inDistItems = [...assembled.splits.train, ...assembled.splits.validation, ...assembled.splits.test];
  const hardNegatives = inDistItems.filter((i) => i.hardNegative !== undefined);
  const manifest: Record<string, unknown> = {
    schema: 'wafer-data-manifest/1',
    builder: {
      version: CORPUS_BUILDER_VERSION,
      benign_generators: BENIGN_GENERATOR_VERSION,
      placement: PLACEMENT_VERSION,
      node: process.version,
      '@faker-js/faker': packageVersion('@faker-js/faker'),
      'user-agents': packageVersion('user-agents'),
    },
    seed: options.seed,
    sample: options.sample ?? null,
    scale: Number(scale.toFixed(4)),
    key_function: options.keyName ?? (options.keyFn ? 'custom' : DEFAULT_KEY_NAME),
    label_taxonomy: CLASS_NAMES,
    files,
    splits: {
      train: splitSummary(bySplit['train.jsonl']),
      validation: splitSummary(bySplit['validation.jsonl']),
      test: splitSummary(bySplit['test.jsonl']),
      ood: { source: OOD_SOURCE, ...splitSummary(oodRecords) },
      'benign-benchmark': {
        source: BENCHMARK_SOURCE,
        percent_of_log: BENCHMARK_PERCENT,
        salt: BENCHMARK_SALT,
        ...splitSummary(benchRecords),
      },
    },
    in_distribution: splitSummary(inDistItems.map((i) => i.record)),
    ood_choice: {
      source: OOD_SOURCE,
      why: 'exact generator labels, benign AND attack requests (OOD FPR and detection), whole JSON-API requests from an app/generator no other source shares; its classes stay covered in training by other sources and our generators; kaggle XSS stays in training as the best free-text hard negatives',
      in_distribution_payloads_dropped_for_overlap: pool.stats.oodOverlapDropped,
    },
    hard_negatives: {
      records: hardNegatives.length,
      distinct_texts: new Set(hardNegatives.map((i) => i.groupKey)).size,
      by_origin: countBy(hardNegatives, (i) =>
        i.hardNegative?.startsWith('generated/') ? i.hardNegative : i.hardNegative?.split(':')[0],
      ),
    },
    benign_sources: countBy(
      inDistItems.filter((i) => i.record.label === 'benign'),
      (i) =>
        i.record.source?.split(/[+:]/)[0] === 'synthetic'
          ? `synthetic:${i.record.source?.split(/[:+]/)[1]}`
          : i.record.source,
    ),
    attack_placement: {
      by_site: countBy(attackItems, (i) => i.site ?? 'source-request'),
      by_encoding: countBy(attackItems, (i) =>
        i.record.placement ? i.record.placement.encoding.join('+') || 'verbatim' : undefined,
      ),
      with_evasion: attackItems.filter((i) => (i.record.placement?.evasions.length ?? 0) > 0).length,
    },
    selection: selectionReport,
    payload_pool: {
      distinct_attack_payloads: Object.fromEntries(
        ATTACK_CLASSES.map((c) => [c, pool.attacks.get(c)?.length ?? 0]),
      ),
      distinct_benign_texts: pool.benignTexts.length,
      duplicates_merged: pool.stats.duplicates,
      label_conflicts: pool.stats.labelConflicts,
      label_conflict_examples: pool.stats.conflictExamples,
      generated_payloads: countBy(generated, (s) => s.attackType),
    },
    request_dedup: assembled.dropped,
    sources: Object.fromEntries(
      read.outputs.map((o) => [
        o.info.id,
        {
          title: o.info.title,
          license: o.info.license,
          upstream: o.info.upstream,
          use: o.info.use,
          read_ms: read.timingsMs[o.info.id],
          ...o.stats.toJSON(),
        },
      ]),
    ),
    missing_sources: read.missing,
    path_shapes: {
      learned_from_lines: shapes.learnedFrom,
      shapes: shapes.shapes.length,
      top_words: shapes.topWords,
      extensions: [...new Set(shapes.extensions)].length,
    },
    template_file_pool: read.pools.files.length,
    timings_ms: { ...timings, total: Date.now() - started },
  };
  writeFileSync(join(options.outDir, 'data-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  progress.done(`done in ${((Date.now() - started) / 1000).toFixed(1)}s → ${options.outDir}`);
  return { skipped: false, manifest, files };
}

function hashCode(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}
