// Load benchmark of @wafer/express: the same Express app bare, behind waf() in monitor and block mode, and
// behind Datadog's libddwaf with dd-trace's recommended rules, under autocannon on loopback. Each server runs in
// its own process; runs are interleaved (the variant order rotates every round) and bounded in time; the table
// reports medians over rounds. Run by `pnpm bench` (via packages/express) or `node bench/express/run.mjs`.
// Options: --rounds N (3), --duration S (10, at most 10), --connections N (32), --mixes benign,attack,fresh,
// --no-write (print only; for trying changes).
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { machineLine, writeSection } from '../report.mjs';
import { VARIANTS } from './app.mjs';
import { RULES_PATH } from './ddwaf-middleware.mjs';
import { ATTACK_TEMPLATE_COUNT } from '../../packages/core/bench/attack-requests.mjs';
import { attackMix, benignMix, fixtureRequests, freshAttackSource } from './mixes.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const ROUNDS = Number(option('rounds', 3));
// Every load run is bounded: at most 10 s, plus a 2 s warm-up that is not measured.
const DURATION = Math.min(10, Number(option('duration', 10)));
const WARMUP = 2;
const CONNECTIONS = Number(option('connections', 32));
const MIXES = option('mixes', 'benign,attack,fresh').split(',');
const SERVER = fileURLToPath(new URL('./server.mjs', import.meta.url));

function startServer(variant) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER, variant], {
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /READY (\d+) (.*)\n/.exec(out);
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}`, info: JSON.parse(match[2]) });
    });
    child.once('exit', (code) => reject(new Error(`${variant} server exited (${code}) before it was ready`)));
  });
}

async function stopServer({ child }) {
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(timer);
}

function load(url, requests, duration) {
  return autocannon({ url, connections: CONNECTIONS, pipelining: 1, duration, requests, timeout: 10 });
}

async function cost(url) {
  const response = await fetch(`${url}/__bench/cost`);
  return response.json();
}

function send(url, req) {
  return new Promise((resolve) => {
    const r = httpRequest(new URL(req.path, url), { method: req.method, headers: req.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    r.on('error', () => resolve(0));
    if (req.body) r.write(req.body);
    r.end();
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const benign = await benignMix();
const attack = attackMix(benign.requests);
const mixes = {
  benign: { title: 'benign mix', describe: benign.source, requests: () => benign.requests },
  attack: {
    title: 'attack-heavy mix',
    describe: `${attack.attacks.toLocaleString('en-US')} distinct attacks of ${ATTACK_TEMPLATE_COUNT} templates (SQLi, XSS, path traversal, command injection, SSRF, SSTI, LDAP, open redirect, Log4Shell, NoSQLi, XXE, CRLF; in query, path, headers, cookies, JSON, form and XML bodies) interleaved 1:1 with the benign requests, cycled`,
    requests: () => attack.requests,
  },
  fresh: {
    title: 'attack-heavy mix, every payload new',
    describe:
      'the same templates, each payload rewritten with a number never used before (no score-cache hits for attacks), interleaved 1:1 with benign requests',
    requests: () => [freshAttackSource(benign.requests)],
  },
};

const loadBefore = os.loadavg();
const started = Date.now();
console.log(
  `autocannon: ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per run, ${ROUNDS} rounds, interleaved`,
);

// Sanity: every variant answers the HTTP fixtures as a WAF should (and libddwaf is really wired).
const fixtures = fixtureRequests();
const sanity = {};
const infos = {};
for (const variant of VARIANTS) {
  const server = await startServer(variant);
  infos[variant] = server.info;
  const statuses = [];
  for (const f of fixtures) statuses.push({ attack: f.attack, status: await send(server.url, f.request) });
  sanity[variant] = {
    attacksBlocked: statuses.filter((s) => s.attack && s.status === 403).length,
    attacks: statuses.filter((s) => s.attack).length,
    benignBlocked: statuses.filter((s) => !s.attack && s.status === 403).length,
    benign: statuses.filter((s) => !s.attack).length,
  };
  await stopServer(server);
}
console.log('fixtures blocked:', sanity);

const results = {};
for (let round = 0; round < ROUNDS; round++) {
  for (const mixName of MIXES) {
    const mix = mixes[mixName];
    const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
    for (const variant of order) {
      const server = await startServer(variant);
      try {
        await load(server.url, mix.requests(), WARMUP);
        const before = await cost(server.url);
        const r = await load(server.url, mix.requests(), DURATION);
        const after = await cost(server.url);
        const served = Math.max(1, after.requests - before.requests);
        const run = {
          loopUs: ((after.loopActiveMs - before.loopActiveMs) * 1000) / served,
          cpuUs: (after.cpuUs - before.cpuUs) / served,
          rps: r.requests.average,
          p50: r.latency.p50,
          p99: r.latency.p99,
          total: r.requests.total,
          blocked: r.statusCodeStats?.['403']?.count ?? 0,
          errors: r.errors + r.timeouts,
        };
        ((results[mixName] ??= {})[variant] ??= []).push(run);
        console.log(
          `round ${round + 1} ${mixName.padEnd(6)} ${variant.padEnd(14)} ${Math.round(run.rps).toString().padStart(6)} req/s  p50 ${run.p50} ms  p99 ${run.p99} ms  loop ${run.loopUs.toFixed(0)} µs/req  cpu ${run.cpuUs.toFixed(0)} µs/req  403 ${run.blocked}/${run.total}  errors ${run.errors}`,
        );
      } finally {
        await stopServer(server);
      }
    }
  }
}
const loadAfter = os.loadavg();

const NAMES = {
  bare: 'bare Express',
  'wafer-monitor': '`waf()` monitor mode',
  'wafer-block': "`waf({ mode: 'block' })`",
  libddwaf: 'libddwaf middleware (block on match)',
};
const pct = (x) => `${(x * 100).toFixed(1)}%`;
const lines = [
  '## @wafer/express under load (autocannon)',
  '',
  `Machine: ${machineLine()}. Command: \`pnpm bench\` (bench/express/run.mjs). Load average ${loadBefore.map((l) => l.toFixed(2)).join(' / ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(' / ')} after; ${Math.round((Date.now() - started) / 1000)} s in all.`,
  `Each cell: median of ${ROUNDS} interleaved runs (${WARMUP} s warm-up + ${DURATION} s measured, ${CONNECTIONS} connections, loopback, server in its own process, \`NODE_ENV=production\`). The app: Express 5, JSON/urlencoded/text parsers and a handler answering a small JSON. \`waf()\` runs with its defaults (shipped model on a worker thread, 50 ms budget; evidence is searched after the response and only when reports are consumed — none are here); libddwaf ${infos.libddwaf?.libddwaf ?? '?'} with dd-trace's recommended rules ${infos.libddwaf?.rulesVersion ?? '?'} (${infos.libddwaf?.rules ?? '?'} rules, \`${RULES_PATH.replace(/^.*node_modules\//, '')}\`), fed the way dd-trace feeds it. The ratio is the median of each round's requests/s over bare Express's in the same round.`,
  '',
  `Sanity check on the HTTP fixtures of @wafer/core: ${VARIANTS.map((v) => `${NAMES[v]} blocks ${sanity[v].attacksBlocked}/${sanity[v].attacks} attacks and ${sanity[v].benignBlocked}/${sanity[v].benign} benign`).join('; ')}.`,
];
for (const mixName of MIXES) {
  const runs = results[mixName];
  if (!runs) continue;
  lines.push('', `### ${mixes[mixName].title}`, '', `${mixes[mixName].describe}.`, '');
  lines.push(
    '| | requests/s | ratio to bare | p50 | p99 | event loop per request | CPU per request | answered 403 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const variant of VARIANTS) {
    const list = runs[variant] ?? [];
    const ratios = list.map((run, i) => run.rps / runs.bare[i].rps);
    lines.push(
      `| ${NAMES[variant]} | ${Math.round(median(list.map((r) => r.rps))).toLocaleString('en-US')} | ${variant === 'bare' ? '—' : pct(median(ratios))} | ${median(list.map((r) => r.p50))} ms | ${median(list.map((r) => r.p99))} ms | ${Math.round(median(list.map((r) => r.loopUs)))} µs | ${Math.round(median(list.map((r) => r.cpuUs)))} µs | ${pct(median(list.map((r) => r.blocked / Math.max(1, r.total))))} |`,
    );
  }
}
const rps = (mix, variant) => median((results[mix]?.[variant] ?? []).map((r) => r.rps));
const ratio = (mix, variant) =>
  median((results[mix]?.[variant] ?? []).map((r, i) => r.rps / results[mix].bare[i].rps));
const keep = Math.min(ratio('benign', 'wafer-monitor'), ratio('benign', 'wafer-block'));
const beats = MIXES.filter((m) => results[m]).map((m) => ({
  mix: m,
  monitor: rps(m, 'wafer-monitor') > rps(m, 'libddwaf'),
  block: rps(m, 'wafer-block') > rps(m, 'libddwaf'),
}));
lines.push(
  '',
  `Targets: ≥ 85% of bare throughput on the benign mix — ${keep >= 0.85 ? 'met' : 'NOT met'} (monitor ${pct(ratio('benign', 'wafer-monitor'))}, block ${pct(ratio('benign', 'wafer-block'))}). Faster than the libddwaf middleware on every mix — ${beats.every((b) => b.monitor && b.block) ? 'met' : 'NOT met'} (${beats.map((b) => `${mixes[b.mix].title}: monitor ${b.monitor ? 'faster' : 'slower'}, block ${b.block ? 'faster' : 'slower'}`).join('; ')}).`,
  "Event loop per request: the server's event-loop busy time divided by the requests it served; CPU per request: the CPU time of all its threads (the model's worker thread included) per request. They measure the server's cost directly, unlike requests/s, which on this 2-core machine also depends on autocannon competing for the same cores.",
  'The 403 column is the share of answers that were blocks: on the attack mixes half the requests are attacks, so 50% means every attack stopped and no benign request blocked. libddwaf matches rules, so it misses payloads its rules do not describe; the model scores every field and pays for it on new attack payloads (a model run per new field; the evidence span, one more run, is searched after the response and only when reports are consumed).',
);
console.log(`\n${lines.join('\n')}\n`);
if (args.includes('--no-write')) console.log('not written (--no-write)');
else console.log(`written to ${await writeSection('express-load', lines.join('\n'))}`);
