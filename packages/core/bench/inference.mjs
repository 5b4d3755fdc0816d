// Model inference benchmark: one field (≤ 64 tokens) through the shipped model with onnxruntime-node,
// tokenization included. Run by `pnpm bench`; writes its section of docs/benchmarks.md.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatUs, machineLine, runTasks, writeSection } from '../../../bench/report.mjs';
import {
  createOnnxNodeBackend,
  createTokenizer,
  encodeFieldWindows,
  packBatch,
  parseModelManifest,
  parseTokenizerJson,
} from '../dist/index.js';

const MODELS = fileURLToPath(new URL('../../../models/', import.meta.url));
if (!existsSync(`${MODELS}manifest.json`)) {
  console.log(`inference benchmark skipped: no shipped model at ${MODELS}manifest.json`);
  process.exit(0);
}

const manifest = parseModelManifest(JSON.parse(readFileSync(`${MODELS}manifest.json`, 'utf8')));
const tokenizer = createTokenizer(
  parseTokenizerJson(JSON.parse(readFileSync(`${MODELS}${manifest.tokenizer.path}`, 'utf8'))),
);
const rssBefore = process.memoryUsage().rss;
const backend = await createOnnxNodeBackend(readFileSync(`${MODELS}${manifest.model.path}`));
const rssAfter = process.memoryUsage().rss;

const fields = [
  {
    name: 'short benign (query.q)',
    field: { location: 'query', kind: 'value', value: 'running shoes size 42' },
  },
  {
    name: 'attack (query.id, SQLi)',
    field: { location: 'query', kind: 'value', value: "1' union select username,password from users-- -" },
  },
  {
    name: 'long value (body.comment, ~64 tokens)',
    field: {
      location: 'body',
      kind: 'value',
      value:
        "thanks for the quick delivery! the shoes fit well, but i'd like to exchange the blue ones for size 43. order #8412, placed on 2026-03-02.",
    },
  },
];

const tasks = [];
for (const { name, field } of fields) {
  const window = encodeFieldWindows(tokenizer, field, { maxLength: 64, maxWindows: 1 }).windows[0];
  tasks.push({
    name: `${name}, ${window.length} tokens`,
    fn: async () => {
      const ids = encodeFieldWindows(tokenizer, field, { maxLength: 64, maxWindows: 1 }).windows[0];
      await backend.run(packBatch([ids]));
    },
  });
  // What the inference worker does: the same run on the calling thread, without `run()`'s turn of the event loop.
  tasks.push({
    name: `${name}, ${window.length} tokens, \`runSync\``,
    fn: () => {
      const ids = encodeFieldWindows(tokenizer, field, { maxLength: 64, maxWindows: 1 }).windows[0];
      backend.runSync(packBatch([ids]));
    },
  });
}
const rows = await runTasks(tasks, { time: 3000 });
await backend.close();

const TARGET_US = 150;
const lines = [
  `## Model inference (onnxruntime-node, ${manifest.variant} model ${manifest.version}, 1 thread)`,
  '',
  `Machine: ${machineLine()}. Command: \`pnpm bench\` (packages/core/bench/inference.mjs). One field per call, tokenization included: \`await backend.run()\` (a turn of the event loop, then the run) and \`runSync\` (the run on the calling thread, as the inference worker does it).`,
  '',
  '| field | median | p99 | calls/s |',
  '| --- | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${formatUs(r.medianUs)} | ${formatUs(r.p99Us)} | ${Math.round(r.opsPerSecond).toLocaleString('en-US')} |`,
  ),
  '',
  `Target: one field of ≤ 64 tokens ≤ ${TARGET_US} µs median — ${rows.every((r) => r.medianUs <= TARGET_US) ? 'met' : 'NOT met'} (worst median ${formatUs(Math.max(...rows.map((r) => r.medianUs)))}).`,
  `RSS increase from loading the model: ${((rssAfter - rssBefore) / 1048576).toFixed(1)} MB (model file ${(manifest.model.bytes / 1048576).toFixed(2)} MB).`,
];
for (const r of rows)
  console.log(
    `${r.name.padEnd(50)} median ${formatUs(r.medianUs).padStart(10)}  p99 ${formatUs(r.p99Us).padStart(10)}`,
  );
console.log(`written to ${await writeSection('core-inference', lines.join('\n'))}`);
