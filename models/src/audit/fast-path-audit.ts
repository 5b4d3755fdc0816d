import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createExtractor,
  fromEvalRecord,
  isInertField,
  type Field,
} from '../../../packages/core/src/index.js';
import { readSources } from '../corpus/read-sources.js';
import type { EvalRecord } from '../records.js';
import { Rng } from '../rng.js';
import {
  datasetsAvailable,
  missingDatasetsMessage,
  REPO_ROOT,
  resolveDatasetsDir,
} from '../sources/datasets-dir.js';
import { labelFields } from '../windows/label-fields.js';
import { readJsonl } from '../windows/read-jsonl.js';

/**
 * Audits core's fast path (`isInertField`: values skipped without running the model) against the
 * attack data. The rule must skip no attack example:
 *
 * 1. every attack text of every dataset list (before placement), as a field value, normalized by
 *    core's extractor exactly as a query parameter would be, and as the request path (`/text`,
 *    `/app/text`, or the text itself when it starts with `/`; texts with `?` or `#` are left out of
 *    this part, since those characters end a path and the rest lands elsewhere);
 * 2. every attack request of every corpus split (train, validation, test, OOD): the field(s) the
 *    payload was placed in, and — for whole-request sources without a placement — the request
 *    must keep at least one field for the model;
 *
 * and reports how much of the benign traffic it skips (the point of having it).
 *
 *   tsx models/src/audit/fast-path-audit.ts [--datasets DIR] [--corpus DIR] [--out FILE]
 */

interface Counts {
  checked: number;
  skipped: number;
  examples: string[];
}

const extractor = createExtractor();

function note(counts: Counts, skipped: boolean, example: string): void {
  counts.checked++;
  if (!skipped) return;
  counts.skipped++;
  if (counts.examples.length < 20) counts.examples.push(example);
}

function basePath(path: string): string {
  return path.replace(/\(\d+\)$/, '');
}

function fieldsOf(record: EvalRecord): Field[] {
  return extractor.extract(fromEvalRecord(record)).fields;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      datasets: { type: 'string' },
      corpus: { type: 'string', default: join(REPO_ROOT, 'models/.work/full/corpus') },
      out: { type: 'string' },
    },
  });
  const datasetsDir = resolveDatasetsDir(values.datasets);
  if (!datasetsAvailable(datasetsDir)) {
    process.stderr.write(`${missingDatasetsMessage(datasetsDir)}\n`);
    return 0;
  }

  // 1. Raw attack texts of every source, as a query value and as the request path.
  const texts: Counts = { checked: 0, skipped: 0, examples: [] };
  const textsAsPaths: Counts = { checked: 0, skipped: 0, examples: [] };
  const wholeRequests: Counts = { checked: 0, skipped: 0, examples: [] };
  const { outputs } = readSources(datasetsDir, new Rng(1));
  for (const output of outputs) {
    for (const sample of output.payloads) {
      if (sample.label === 'benign') continue;
      const fields = fieldsOf({
        method: 'GET',
        url: `/?q=${encodeURIComponent(sample.text)}`,
        headers: {},
        label: 'attack',
      }).filter((f) => f.location === 'query' && f.kind === 'value');
      const skipped = fields.length > 0 && fields.every(isInertField);
      note(texts, skipped, `${sample.source}/${sample.sourceFile}: ${JSON.stringify(sample.text)}`);
      if (/[?#]/.test(sample.text)) continue;
      const targets = sample.text.startsWith('/')
        ? [sample.text]
        : [`/${sample.text}`, `/app/${sample.text}`];
      for (const url of targets) {
        const path = fieldsOf({ method: 'GET', url, headers: {}, label: 'attack' }).filter(
          (f) => f.location === 'path',
        );
        note(
          textsAsPaths,
          path.length > 0 && path.every(isInertField),
          `${sample.source}/${sample.sourceFile} as ${JSON.stringify(url)}`,
        );
      }
    }
    for (const { record } of output.records) {
      if (record.label === 'benign') continue;
      const fields = fieldsOf(record);
      note(
        wholeRequests,
        fields.length === 0 || fields.every(isInertField),
        `${record.source}: ${record.method} ${record.url}`,
      );
    }
  }

  // 2. Placed attacks of every corpus split; benign skip rate on the same splits.
  const placed: Counts /* attack requests of the corpus */ = { checked: 0, skipped: 0, examples: [] };
  const benign = { fields: 0, skipped: 0, requests: 0, requestsAllSkipped: 0 };
  const corpusDir = resolve(values.corpus);
  const splits = ['train', 'validation', 'test', 'ood', 'benign-benchmark'];
  const haveCorpus = existsSync(join(corpusDir, 'train.jsonl'));
  if (haveCorpus) {
    for (const split of splits) {
      for await (const record of readJsonl<EvalRecord>(join(corpusDir, `${split}.jsonl`))) {
        const fields = fieldsOf(record);
        if (record.label === 'benign') {
          benign.requests++;
          let skippedHere = 0;
          for (const field of fields) {
            benign.fields++;
            if (isInertField(field)) skippedHere++;
          }
          benign.skipped += skippedHere;
          if (skippedHere === fields.length) benign.requestsAllSkipped++;
          continue;
        }
        const labelled = labelFields(record, fields);
        if (typeof labelled === 'string') {
          note(
            wholeRequests,
            fields.length === 0 || fields.every(isInertField),
            `${record.source}: ${record.method} ${record.url}`,
          );
          continue;
        }
        // The payload may sit in the labelled field, in its decoded variant (same path) or, for
        // structural payloads (`{"$ne": …}`), in fields below the placement path.
        const roots = new Set(labelled.filter((l) => l.label !== 0).map((l) => basePath(l.field.path)));
        if (record.placement) roots.add(record.placement.attack_path_hint);
        const carriers = fields.filter((f) => {
          const path = basePath(f.path);
          for (const root of roots)
            if (
              path === root ||
              path.startsWith(`${root}.`) ||
              path.startsWith(`${root}[`) ||
              path.startsWith(`${root}#`)
            )
              return true;
          return false;
        });
        note(
          placed,
          carriers.length > 0 && carriers.every(isInertField),
          `${record.source} ${[...roots].join(',')}: ${carriers.map((f) => JSON.stringify(f.raw)).join(' ')}`,
        );
      }
    }
  }

  const report = {
    rule: 'isInertField (packages/core/src/waf/fast-path.ts)',
    attackTexts: texts,
    attackTextsAsPaths: textsAsPaths,
    placedAttackFields: placed,
    attackRequestsWithoutPlacement: wholeRequests,
    benign: {
      ...benign,
      fieldSkipRate: benign.fields === 0 ? null : benign.skipped / benign.fields,
    },
    corpus: haveCorpus ? corpusDir : `absent (${corpusDir}); run pnpm train or build-corpus for part 2`,
  };
  const json = JSON.stringify(report, null, 2);
  if (values.out) writeFileSync(values.out, `${json}\n`);
  process.stdout.write(`${json}\n`);
  const dropped = texts.skipped + textsAsPaths.skipped + placed.skipped + wholeRequests.skipped;
  if (dropped > 0) {
    process.stderr.write(`fast-path audit FAILED: ${dropped} attack examples would skip the model\n`);
    return 1;
  }
  process.stderr.write(
    `fast-path audit passed: 0 of ${texts.checked + textsAsPaths.checked + placed.checked + wholeRequests.checked} attack examples skipped\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `fast-path audit failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
