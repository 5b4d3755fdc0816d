// Request pipeline benchmark: parse + normalize + extract, median and p99 per request.
// Run with `pnpm bench` from the root (builds first); writes its section of docs/benchmarks.md.
import { formatUs, machineLine, runTasks, writeSection } from '../../../bench/report.mjs';
import { createExtractor } from '../dist/index.js';
import { largeJsonRequest, typicalBenignRequest } from './requests.mjs';

const extractor = createExtractor();
const typical = typicalBenignRequest();
const large = largeJsonRequest();
const typicalBytes =
  typical.target.length + typical.headers.reduce((n, [k, v]) => n + k.length + v.length + 4, 0);

const rows = await runTasks([
  {
    name: `typical benign GET (${typicalBytes} B, ${extractor.extract(typical).fields.length} fields)`,
    fn: () => extractor.extract(typical),
  },
  {
    name: `large JSON POST (${Math.round(large.body.length / 1024)} KB, ${extractor.extract(large).fields.length} fields)`,
    fn: () => extractor.extract(large),
  },
]);

const TARGET_US = 20;
const largeFindings = [
  ...new Set(
    extractor
      .extract(large)
      .findings.filter((f) => f.kind === 'limit_exceeded')
      .map((f) => f.limit),
  ),
];
const lines = [
  '## @wafer/core request pipeline (parse + normalize + extract)',
  '',
  `Machine: ${machineLine()}. Command: \`pnpm bench\` (packages/core/bench/run.mjs).`,
  '',
  '| request | median | p99 | requests/s |',
  '| --- | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${formatUs(r.medianUs)} | ${formatUs(r.p99Us)} | ${Math.round(r.opsPerSecond).toLocaleString('en-US')} |`,
  ),
  '',
  `Target: typical benign request ≤ ${TARGET_US} µs median — ${rows[0].medianUs <= TARGET_US ? 'met' : 'NOT met'} (${formatUs(rows[0].medianUs)}).`,
  largeFindings.length > 0
    ? `The large body hits limits by design (${largeFindings.join(', ')}): what is over them is counted and reported, not normalized.`
    : 'The large body fits within the default limits.',
];
for (const r of rows)
  console.log(
    `${r.name.padEnd(60)} median ${formatUs(r.medianUs).padStart(10)}  p99 ${formatUs(r.p99Us).padStart(10)}`,
  );
const file = await writeSection('core-extract', lines.join('\n'));
console.log(`written to ${file}`);
