// Dashboard API benchmark (`pnpm bench`): sustained ingest through POST /api/events into SQLite, checked for
// loss, and WebSocket fan-out latency to 100 clients. The server runs in a child process; this process is the
// load generator. Writes its section of docs/benchmarks.md.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { machineLine, writeSection } from '../../../bench/report.mjs';

const SECONDS = Number(process.env.WAFER_BENCH_INGEST_SECONDS ?? 20);
const BATCH = 500;
const CONNECTIONS = 4;
const TARGET = 10_000;
const WS_CLIENTS = 100;
const WS_MESSAGES = 200;

const child = fork(fileURLToPath(new URL('./server.mjs', import.meta.url)), {
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
});
const info = await new Promise((resolve, reject) => {
  let buffer = '';
  child.stdout.on('data', (d) => {
    buffer += d;
    if (buffer.includes('\n')) resolve(JSON.parse(buffer.split('\n')[0]));
  });
  child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
});
const { port } = new URL(info.url);
const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });

// Realistic events (the @wafer/express wire format); a fresh request id each, so none is a duplicate.
const TEMPLATE = {
  ip: '203.0.113.7',
  method: 'GET',
  path: '/api/products/42',
  query: 'page=2&sort=price',
  status: 200,
  latencyMs: 0.8,
  responseSize: 2048,
  userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/17.5',
  action: 'allow',
  reason: null,
  mode: 'block',
  dryRun: false,
  route: null,
  score: 0.001,
  attackScore: 99,
  attackClasses: [],
  failure: null,
  storeError: false,
  decidedBy: 'fast-path',
  inspectUs: 18,
  model: 'wafer-model@2.0.0',
  body: { source: 'none', bytes: 0, truncated: false },
  threats: [],
  findings: [],
  headers: null,
};
const ATTACK = {
  ...TEMPLATE,
  path: '/search',
  query: "q=1'%20OR%201=1--",
  status: 403,
  action: 'block',
  reason: 'attack',
  score: 0.999,
  attackScore: 2,
  attackClasses: ['sqli'],
  threats: [
    {
      type: 'sqli',
      severity: 'critical',
      location: 'query',
      fieldPath: 'query.q',
      evidence: "1' OR 1=1--",
      score: 0.999,
    },
  ],
};
function batchBody(size) {
  const now = Date.now();
  const events = [];
  for (let i = 0; i < size; i++)
    events.push({
      ...(i % 20 === 0 ? ATTACK : TEMPLATE),
      time: now,
      requestId: randomUUID(),
      ip: `203.0.113.${i % 250}`,
    });
  return JSON.stringify({
    version: 1,
    batchId: randomUUID(),
    sentAt: now,
    instance: { id: 'bench:1', app: 'bench', sdk: '@wafer/express' },
    events,
  });
}

function post(body) {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/events',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${info.ingest}`,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () =>
          resolve({ status: res.statusCode, retryAfter: Number(res.headers['retry-after'] ?? 1), text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// 1. Sustained ingest: CONNECTIONS loops, each posting batches back to back; a 429 waits Retry-After and resends
// the same batch (as the reporter does), so every event is eventually acknowledged exactly once.
let accepted = 0;
let rejected429 = 0;
let errors = 0;
const perSecond = [];
const started = performance.now();
const deadline = started + SECONDS * 1000;
let lastCount = 0;
const ticker = setInterval(() => {
  perSecond.push(accepted - lastCount);
  lastCount = accepted;
}, 1000);
await Promise.all(
  Array.from({ length: CONNECTIONS }, async () => {
    while (performance.now() < deadline) {
      const body = batchBody(BATCH);
      for (;;) {
        const res = await post(body);
        if (res.status === 202) {
          accepted += JSON.parse(res.text).data.accepted;
          break;
        }
        if (res.status === 429) {
          rejected429++;
          await new Promise((r) => setTimeout(r, Math.min(res.retryAfter, 1) * 1000));
          continue;
        }
        errors++;
        break;
      }
    }
  }),
);
clearInterval(ticker);
const elapsedS = (performance.now() - started) / 1000;
const stored = await new Promise((resolve) => {
  child.once('message', resolve);
  child.send('count');
});
const sorted = [...perSecond].sort((a, b) => a - b);
const medianPerSecond = sorted[Math.floor(sorted.length / 2)] ?? 0;
const eventsPerSecond = accepted / elapsedS;
console.log(
  `ingest: ${accepted} events in ${elapsedS.toFixed(1)} s = ${Math.round(eventsPerSecond)}/s (median second ${medianPerSecond}); stored ${stored.count}; 429s ${rejected429}; errors ${errors}`,
);

// 2. WebSocket fan-out: 100 clients; one single-event batch at a time; latency from the POST to each client's receipt.
const clients = await Promise.all(
  Array.from(
    { length: WS_CLIENTS },
    () =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, {
          headers: { authorization: `Bearer ${info.read}` },
        });
        const waiting = new Map();
        ws.on('message', (raw) => {
          const message = JSON.parse(String(raw));
          if (message.type !== 'traffic') return;
          const resolveOne = waiting.get(message.data.requestId);
          if (resolveOne) resolveOne(performance.now());
        });
        ws.once('open', () => resolve({ ws, waiting }));
        ws.once('error', reject);
      }),
  ),
);
const latencies = [];
for (let i = 0; i < WS_MESSAGES; i++) {
  const requestId = randomUUID();
  const receipts = clients.map(({ waiting }) => new Promise((resolve) => waiting.set(requestId, resolve)));
  const body = JSON.stringify({
    version: 1,
    sentAt: Date.now(),
    instance: { id: 'bench:ws' },
    events: [{ ...TEMPLATE, time: Date.now(), requestId }],
  });
  const t0 = performance.now();
  const res = await post(body);
  if (res.status !== 202) throw new Error(`ws round ${i}: HTTP ${res.status} ${res.text}`);
  for (const at of await Promise.all(receipts)) latencies.push(at - t0);
  for (const { waiting } of clients) waiting.delete(requestId);
}
for (const { ws } of clients) ws.terminate();
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
console.log(
  `fan-out to ${WS_CLIENTS} clients: p50 ${pct(50).toFixed(2)} ms, p99 ${pct(99).toFixed(2)} ms over ${latencies.length} deliveries`,
);

child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
agent.destroy();

const lost = accepted - stored.count;
const lines = [
  '## @wafer/dashboard-api (ingest and live fan-out)',
  '',
  `Machine: ${machineLine()}. Command: \`pnpm bench\` (packages/dashboard-api/bench/run.mjs). The API runs in its own process on SQLite (WAL, synchronous=NORMAL), without a model (ingest does not score); this process is the load generator.`,
  '',
  '| | |',
  '| --- | ---: |',
  `| sustained ingest through \`POST /api/events\` (${CONNECTIONS} connections, batches of ${BATCH}, 5% attacks with a threat row each, ${SECONDS} s) | ${Math.round(eventsPerSecond).toLocaleString('en-US')} events/s (median second ${medianPerSecond.toLocaleString('en-US')}) |`,
  `| events acknowledged (202) / rows stored / lost | ${accepted.toLocaleString('en-US')} / ${stored.count.toLocaleString('en-US')} / ${lost} |`,
  `| 429 back-pressure answers (batch resent after Retry-After) / other errors | ${rejected429} / ${errors} |`,
  `| ingest transactions (group commit) | ${stored.stats.ingest.transactions.toLocaleString('en-US')} |`,
  `| WebSocket fan-out to ${WS_CLIENTS} clients, POST → message received, p50 / p99 (${latencies.length.toLocaleString('en-US')} deliveries) | ${pct(50).toFixed(2)} ms / ${pct(99).toFixed(2)} ms |`,
  '',
  `Target: ≥ ${TARGET.toLocaleString('en-US')} events/s sustained with no loss — ${eventsPerSecond >= TARGET && lost === 0 ? 'met' : 'NOT met'}.`,
];
const file = await writeSection('dashboard-api', lines.join('\n'));
console.log(`written to ${file}`);
process.exit(lost === 0 && errors === 0 ? 0 : 1);
