import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitOf } from '../src/corpus/split.js';
import { buildCorpus } from '../src/corpus/build.js';
import { assemble } from '../src/corpus/assemble.js';
import type { CorpusItem } from '../src/corpus/corpus-item.js';
import type { EvalRecord } from '../src/records.js';
import { validateRecord } from '../src/records.js';
import { defaultKey } from '../src/text/normalize-key.js';
import { FIXTURE_DATASETS } from './fixture-paths.js';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'wafer-corpus-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const readJsonl = (path: string): EvalRecord[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EvalRecord);

async function build(seed: number, out = tmp()) {
  const result = await buildCorpus({
    datasetsDir: FIXTURE_DATASETS,
    outDir: out,
    seed,
    sample: 600,
    progress: false,
  });
  const files = Object.fromEntries(
    ['train', 'validation', 'test', 'ood', 'benign-benchmark'].map((n) => [
      n,
      readJsonl(join(out, `${n}.jsonl`)),
    ]),
  );
  return { result, out, files };
}

describe('buildCorpus on the fixture datasets', async () => {
  const a = await build(1);

  it('writes every file and a manifest with licenses, counts and reasons', () => {
    expect(a.result.skipped).toBe(false);
    const manifest = JSON.parse(readFileSync(join(a.out, 'data-manifest.json'), 'utf8'));
    expect(manifest.seed).toBe(1);
    expect(Object.keys(manifest.sources)).toHaveLength(8);
    for (const s of Object.values(manifest.sources) as Array<Record<string, unknown>>) {
      expect(s.license).toBeTruthy();
      expect(s.read).toBeGreaterThan(0);
    }
    expect(manifest.splits.train.per_class).toHaveProperty('log4shell');
    expect(manifest.builder['@faker-js/faker']).toMatch(/^\d+\./);
    expect(manifest.ood_choice.source).toBe('atrdf-api');
  });

  it('produces valid records with unique ids, every attack class, and 40–60 % benign', () => {
    const inDist = [...a.files.train!, ...a.files.validation!, ...a.files.test!];
    const ids = new Set<string>();
    for (const r of inDist) {
      expect(validateRecord(r)).toEqual([]);
      expect(ids.has(r.id ?? '')).toBe(false);
      ids.add(r.id ?? '');
    }
    const classes = new Set(inDist.map((r) => r.attack_type).filter(Boolean));
    expect(classes.size).toBe(13);
    const benignShare = inDist.filter((r) => r.label === 'benign').length / inDist.length;
    expect(benignShare).toBeGreaterThan(0.4);
    expect(benignShare).toBeLessThan(0.6);
  });

  it('never puts one normalized payload in two splits', () => {
    const seen = new Map<string, string>();
    for (const split of ['train', 'validation', 'test']) {
      for (const r of a.files[split]!) {
        if (!r.placement) continue;
        const key = defaultKey(r.placement.payload);
        expect(seen.get(key) ?? split, key).toBe(split);
        seen.set(key, split);
      }
    }
  });

  it('keeps the OOD source and the benchmark slice out of train/validation/test', () => {
    const inDist = [...a.files.train!, ...a.files.validation!, ...a.files.test!];
    expect(inDist.some((r) => r.source === 'atrdf-api')).toBe(false);
    expect(inDist.some((r) => r.source === 'elastic-apache-logs')).toBe(false);
    expect(a.files.ood!.length).toBe(5);
    expect(a.files.ood!.every((r) => r.source === 'atrdf-api')).toBe(true);
    const oodPayloads = new Set(
      a.files.ood!.filter((r) => r.placement).map((r) => defaultKey(r.placement!.wire)),
    );
    expect(inDist.some((r) => r.placement && oodPayloads.has(defaultKey(r.placement.payload)))).toBe(false);
    const benchUrls = new Set(a.files['benign-benchmark']!.map((r) => defaultKey(r.url)));
    expect(inDist.some((r) => r.label === 'benign' && benchUrls.has(defaultKey(r.url)))).toBe(false);
  });

  it('pins CSIC/HttpParams benign to train', () => {
    for (const split of ['validation', 'test']) {
      expect(
        a.files[split]!.some(
          (r) => r.label === 'benign' && (r.source === 'csic2010' || r.source?.includes('+httpparams')),
        ),
      ).toBe(false);
    }
  });

  it('is deterministic for a seed and changes with the seed', async () => {
    const hash = (dir: string): string =>
      createHash('sha256')
        .update(readFileSync(join(dir, 'train.jsonl')))
        .digest('hex');
    const again = await build(1);
    expect(hash(again.out)).toBe(hash(a.out));
    const other = await build(2);
    expect(hash(other.out)).not.toBe(hash(a.out));
  });

  it('skips with a clear message when the datasets folder is absent', async () => {
    const r = await buildCorpus({
      datasetsDir: join(tmp(), 'nope'),
      outDir: tmp(),
      seed: 1,
      progress: false,
    });
    expect(r.skipped).toBe(true);
    expect(r.message).toMatch(/datasets not found .*--datasets.*WAFER_DATASETS/);
  });
});

describe('assemble (dedup and split invariants)', () => {
  const rec = (url: string, label: EvalRecord['label'] = 'benign'): EvalRecord => ({
    method: 'GET',
    url,
    headers: { host: 'h' },
    label,
    ...(label === 'attack' ? { attack_type: 'sqli' as const } : {}),
  });

  it('drops exact duplicates and benchmark URLs, keeps one group in one split, pins to train', () => {
    const items: CorpusItem[] = [
      { record: rec('/a?q=1'), groupKey: 'g1' },
      { record: rec('/a?q=1'), groupKey: 'g1' },
      { record: rec('/A?q=%31'), groupKey: 'g2' }, // same normalized request: duplicate
      { record: rec('/bench'), groupKey: 'g3' },
      ...Array.from({ length: 40 }, (_, i): CorpusItem => ({ record: rec(`/x/${i}`), groupKey: 'shared' })),
      { record: rec('/pinned'), groupKey: 'shared-pinned', pin: 'train' },
      { record: rec('/pinned-too'), groupKey: 'shared-pinned' },
    ];
    const out = assemble(items, defaultKey, 1, new Set(['/bench']));
    expect(out.dropped.duplicateRequests).toBe(2);
    expect(out.dropped.benchmarkCollisions).toBe(1);
    const where = (url: string): string[] =>
      Object.entries(out.splits)
        .filter(([, list]) => list.some((i) => i.record.url === url))
        .map(([s]) => s);
    const sharedSplits = new Set(Array.from({ length: 40 }, (_, i) => where(`/x/${i}`)[0]));
    expect(sharedSplits.size).toBe(1);
    expect(where('/pinned-too')).toEqual(['train']);
  });

  it('splits about 80/10/10 by hash', () => {
    const counts = { train: 0, validation: 0, test: 0 };
    for (let i = 0; i < 20_000; i++) counts[splitOf(`k${i}`, 1)]++;
    expect(counts.train / 20_000).toBeCloseTo(0.8, 1);
    expect(counts.validation / 20_000).toBeCloseTo(0.1, 1);
  });
});
