import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../src/corpus/build.js';
import type { EvalRecord } from '../src/records.js';
import { validateRecord } from '../src/records.js';
import {
  datasetsAvailable,
  missingDatasetsMessage,
  resolveDatasetsDir,
} from '../src/sources/datasets-dir.js';
import { defaultKey } from '../src/text/normalize-key.js';

const datasets = resolveDatasetsDir();
const available = datasetsAvailable(datasets);
if (!available) console.warn(`[models integration test] ${missingDatasetsMessage(datasets)}`);

/** The real-data smoke run CI does with `--sample`: skipped when /work/shared/datasets is absent. */
describe.skipIf(!available)(`corpus builder on the real datasets (${datasets}, --sample)`, () => {
  const out = mkdtempSync(join(tmpdir(), 'wafer-corpus-real-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const read = (name: string): EvalRecord[] =>
    readFileSync(join(out, name), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as EvalRecord);

  it('builds a small corpus within 20 s with the split, OOD and benchmark invariants', async () => {
    const t0 = Date.now();
    const result = await buildCorpus({
      datasetsDir: datasets,
      outDir: out,
      seed: 1,
      sample: 1500,
      progress: false,
    });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(result.skipped).toBe(false);
    const splits = {
      train: read('train.jsonl'),
      validation: read('validation.jsonl'),
      test: read('test.jsonl'),
    };
    const inDist = [...splits.train, ...splits.validation, ...splits.test];
    expect(inDist.length).toBeGreaterThan(1200);
    for (const r of inDist) expect(validateRecord(r)).toEqual([]);
    expect(new Set(inDist.map((r) => r.attack_type).filter(Boolean)).size).toBe(13);
    const share = inDist.filter((r) => r.label === 'benign').length / inDist.length;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
    const owner = new Map<string, string>();
    for (const [name, records] of Object.entries(splits)) {
      for (const r of records) {
        if (!r.placement) continue;
        const key = defaultKey(r.placement.payload);
        expect(owner.get(key) ?? name).toBe(name);
        owner.set(key, name);
      }
    }
    expect(inDist.some((r) => r.source === 'atrdf-api' || r.source === 'elastic-apache-logs')).toBe(false);
    expect(read('ood.jsonl').every((r) => r.source === 'atrdf-api')).toBe(true);
    expect(read('benign-benchmark.jsonl').every((r) => r.label === 'benign')).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'data-manifest.json'), 'utf8'));
    expect(manifest.missing_sources).toEqual([]);
    expect(
      manifest.sources.payloadsallthethings.groups['code-blocks/Server Side Template Injection'].kept,
    ).toBeGreaterThan(50);
  }, 60_000);
});
