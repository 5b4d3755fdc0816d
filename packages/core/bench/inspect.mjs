// inspect() benchmark: the whole detection path (parse, fast path, cache, model on a worker thread,
// evidence) on a realistic benign mix and an attack mix, one request at a time, then with 64 in
// flight. Run by `pnpm bench`; writes its section of docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatUs, machineLine, writeSection } from '../../../bench/report.mjs';
import { createWaf } from '../dist/index.js';
import { ATTACK_TEMPLATE_COUNT, attackRequests } from './attack-requests.mjs';
import { benignMix } from './benign-mix.mjs';
import { typicalBenignRequest } from './requests.mjs';

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** One request at a time: per-request latency (µs) of `await waf.inspect()`. */
async function sequential(waf, requests, { explain = false } = {}) {
  const times = [];
  const explainTimes = [];
  const decidedBy = {};
  let attacks = 0;
  const t0 = performance.now();
  for (const request of requests) {
    const start = performance.now();
    const decision = await waf.inspect(request);
    times.push((performance.now() - start) * 1000);
    // Lazy evidence: the time until the explained decision, measured after the decision (not counted above).
    if (explain) {
      await waf.explain(decision);
      explainTimes.push((performance.now() - start) * 1000);
    }
    decidedBy[decision.decidedBy] = (decidedBy[decision.decidedBy] ?? 0) + 1;
    if (decision.attack) attacks++;
  }
  const seconds = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  explainTimes.sort((a, b) => a - b);
  return {
    medianUs: percentile(times, 50),
    p99Us: percentile(times, 99),
    ...(explain
      ? { explainedMedianUs: percentile(explainTimes, 50), explainedP99Us: percentile(explainTimes, 99) }
      : {}),
    perSecond: requests.length / seconds,
    decidedBy,
    attacks,
    count: requests.length,
  };
}

/** `concurrency` requests in flight: throughput with micro-batching. */
async function concurrent(waf, requests, concurrency) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) await waf.inspect(requests[next++]);
    }),
  );
  return requests.length / ((performance.now() - t0) / 1000);
}

function rates(waf, before) {
  const after = waf.stats();
  const fields = after.fields - before.fields;
  return {
    fastPath: (after.fastPathFields - before.fastPathFields) / fields,
    cache: (after.cachedFields - before.cachedFields) / fields,
    model: (after.modelFields - before.modelFields) / fields,
    windowsPerRun:
      (after.modelWindows - before.modelWindows) / Math.max(1, after.modelRuns - before.modelRuns),
  };
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;

const waf = await createWaf();

const { requests: benign, source } = await benignMix();
// Warm up the JIT on our own fixtures (not the measured requests, so the cache starts cold for them).
for (let i = 0; i < 300; i++) await waf.inspect(typicalBenignRequest());

let before = waf.stats();
const benignFirst = await sequential(waf, benign);
const benignFirstRates = rates(waf, before);
before = waf.stats();
const benignAgain = await sequential(waf, benign);
const benignAgainRates = rates(waf, before);

const attacks = attackRequests(600);
before = waf.stats();
const attack = await sequential(waf, attacks);
const attackRates = rates(waf, before);

// Concurrency: a fresh engine, so the cache does not answer everything.
const fresh = await createWaf();
const benignConcurrent = await concurrent(fresh, benign, 64);
const attackConcurrent = await concurrent(
  fresh,
  attackRequests(600).map((r, i) => ({
    ...r,
    target: `${r.target}${r.target.includes('?') ? '&' : '?'}c=${i}`,
  })),
  64,
);
await fresh.close();

async function attackWith(options, measure = {}) {
  const engine = await createWaf(options);
  for (let i = 0; i < 100; i++) await engine.inspect(typicalBenignRequest());
  const result = await sequential(engine, attackRequests(600), measure);
  await engine.close();
  return result;
}
const attackLazy = await attackWith({ evidence: 'lazy' }, { explain: true });
const attackNoEvidence = await attackWith({ evidence: false });
const attackInProcess = await attackWith({ evidence: false, worker: false });
await waf.close();

/** Memory, measured in a fresh process (bench/memory.mjs) so that no other engine is counted. */
function memory(options = {}) {
  const script = fileURLToPath(new URL('./memory.mjs', import.meta.url));
  const out = execFileSync(process.execPath, ['--expose-gc', script, JSON.stringify(options)], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop());
}
const memoryWorker = memory();
const memoryInProcess = memory({ worker: false });

const TARGETS = { benignMedianUs: 30, attackP50Us: 500, attackP99Us: 2000, rssMb: 60 };
const rssMb = memoryWorker.loadMb;
const ok = (pass) => (pass ? '✅' : '❌');
const decided = (d) =>
  Object.entries(d)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

const rows = [
  ['benign mix, first pass (cold cache)', benignFirst, benignFirstRates],
  ['benign mix, second pass (warm cache)', benignAgain, benignAgainRates],
  [
    `attack mix (${attacks.length} requests, ${ATTACK_TEMPLATE_COUNT} templates, every payload new), evidence on`,
    attack,
    attackRates,
  ],
  ["attack mix, `evidence: 'lazy'` (the decision; @wafer/express's default)", attackLazy, undefined],
  [
    "attack mix, `evidence: 'lazy'`, until `explain()` gives the evidence (after the decision, off the request path)",
    { ...attackLazy, medianUs: attackLazy.explainedMedianUs, p99Us: attackLazy.explainedP99Us },
    undefined,
  ],
  ['attack mix, evidence off', attackNoEvidence, undefined],
  ['attack mix, evidence off, model on the main thread (`worker: false`)', attackInProcess, undefined],
];
/** "int8 model 3.1.0": which model the numbers are for (the bundle createWaf() loads by default). */
function shippedModel() {
  const manifest = JSON.parse(
    readFileSync(new URL('../../../models/manifest.json', import.meta.url), 'utf8'),
  );
  return `${manifest.variant} model ${manifest.version}`;
}

const lines = [
  '## @wafer/core `inspect()` (parse → fast path → cache → model on a worker thread → evidence)',
  '',
  `Machine: ${machineLine()}. Command: \`pnpm bench\` (packages/core/bench/inspect.mjs). Default options`,
  `(\`createWaf()\`: shipped ${shippedModel()}, 1 ORT thread on a worker thread, cache 10,000 fields, evidence searched inside \`inspect()\`).`,
  `Benign mix: ${source}. Attack mix: packages/core/bench/attack-requests.mjs.`,
  'Latency is the wall time of `await waf.inspect(request)`, one request at a time.',
  '',
  '| workload | median | p99 | requests/s (1 in flight) | fast path / cache / model (share of fields) | decided by |',
  '| --- | ---: | ---: | ---: | --- | --- |',
  ...rows.map(
    ([name, r, rt]) =>
      `| ${name} | ${formatUs(r.medianUs)} | ${formatUs(r.p99Us)} | ${Math.round(r.perSecond).toLocaleString('en-US')} | ${rt ? `${pct(rt.fastPath)} / ${pct(rt.cache)} / ${pct(rt.model)}` : '–'} | ${decided(r.decidedBy)} |`,
  ),
  '',
  `With 64 requests in flight (fresh engine, micro-batching): benign mix ${Math.round(benignConcurrent).toLocaleString('en-US')} requests/s, attack mix ${Math.round(attackConcurrent).toLocaleString('en-US')} requests/s.`,
  `Attacks detected in the attack mix: ${attack.attacks} of ${attack.count}; flagged in the benign mix (first pass): ${benignFirst.attacks} of ${benignFirst.count}.`,
  `RSS increase from loading the model (createWaf, worker included, measured first thing in a fresh process): ${rssMb.toFixed(1)} MB;`,
  `then RSS grew by ${memoryWorker.servingGrowthMb.toFixed(1)} MB while the engine served ${memoryWorker.requests.toLocaleString('en-US')} requests whose payloads were all new, 64 at a time (${memoryWorker.modelRuns} model runs of ${memoryWorker.modelWindows.toLocaleString('en-US')} windows; ONNX Runtime keeps the buffers of its largest run).`,
  `With \`worker: false\`: ${memoryInProcess.loadMb.toFixed(1)} MB at load, then +${memoryInProcess.servingGrowthMb.toFixed(1)} MB.`,
  '',
  '| target | measured | |',
  '| --- | ---: | :-: |',
  `| benign median ≤ ${TARGETS.benignMedianUs} µs (first pass) | ${formatUs(benignFirst.medianUs)} | ${ok(benignFirst.medianUs <= TARGETS.benignMedianUs)} |`,
  `| attack p50 ≤ ${TARGETS.attackP50Us} µs | ${formatUs(attack.medianUs)} | ${ok(attack.medianUs <= TARGETS.attackP50Us)} |`,
  `| attack p99 ≤ ${TARGETS.attackP99Us / 1000} ms | ${formatUs(attack.p99Us)} | ${ok(attack.p99Us <= TARGETS.attackP99Us)} |`,
  `| RSS increase ≤ ${TARGETS.rssMb} MB | ${rssMb.toFixed(1)} MB | ${ok(rssMb <= TARGETS.rssMb)} |`,
  '',
  `With \`evidence: 'lazy'\` (what \`@wafer/express\` uses: the response never waits for the explanation), the attack mix's decision takes ${formatUs(attackLazy.medianUs)} p50 / ${formatUs(attackLazy.p99Us)} p99 (targets ${ok(attackLazy.medianUs <= TARGETS.attackP50Us)} / ${ok(attackLazy.p99Us <= TARGETS.attackP99Us)}); the targets above are for the default, evidence searched inside \`inspect()\`.`,
];
const markdown = lines.join('\n');
console.log(markdown);
if (process.env.WAFER_BENCH_NO_WRITE !== '1') await writeSection('core-inspect', markdown);
