#!/usr/bin/env node
// The one-command demo (`pnpm demo` from the repository root): the dashboard API, the shop protected by
// waf({ mode: 'block' }) reporting to it, and the traffic generator — all on 127.0.0.1 — with a live summary.
// Ctrl-C stops everything cleanly (queued decisions are delivered and written first).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTrafficGenerator, formatSummary } from '@wafer/example-traffic-generator';
import { startStack } from './stack.mjs';

// pnpm 9 forwards the `--` of `pnpm demo -- --rate 50` to the script; parseArgs would read everything
// after it as positionals and refuse them.
const args = process.argv.slice(2);
if (args[0] === '--') args.shift();
const { values } = parseArgs({
  args,
  options: {
    rate: { type: 'string', default: '30' },
    duration: { type: 'string', default: '120' },
    'app-port': { type: 'string', default: '3000' },
    'dashboard-port': { type: 'string', default: '3001' },
    data: { type: 'string', default: path.join(path.dirname(fileURLToPath(import.meta.url)), 'data') },
    exit: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(`Usage: pnpm demo [-- --rate 30 --duration 120 --app-port 3000 --dashboard-port 3001 --data <dir> --exit]
  --rate       requests per second the generator sends
  --duration   seconds of generated traffic (the app and dashboard keep running until Ctrl-C)
  --exit       stop everything when the traffic is done`);
  process.exit(0);
}

console.log('Starting Wafer: loading the model, opening the dashboard database…');
const stack = await startStack({
  dataDir: values.data,
  appPort: Number(values['app-port']),
  dashboardPort: Number(values['dashboard-port']),
});
const d = stack.dashboardUrl;
console.log(`
  shop (protected, block mode)  ${stack.appUrl}        try: curl "${stack.appUrl}/api/products?search=1'%20OR%201=1--"
  dashboard API                 ${d}        e.g. curl ${d}/api/metrics/realtime
                                                       curl "${d}/api/threats/recent?limit=5"
                                                       curl "${d}/api/analytics/summary?range=1h"
  live feed (WebSocket)         ws://${d.slice(7)}/ws
  read key (for other machines) ${stack.keys.read}
  data                          ${values.data}

Sending realistic traffic with waves of attacks (${values.rate} req/s for ${values.duration} s). Ctrl-C stops.
`);

const generator = createTrafficGenerator({
  target: stack.appUrl,
  rate: Number(values.rate),
  durationMs: Number(values.duration) * 1000,
  seed: Date.now() % 100_000,
});

async function dashboardLine() {
  try {
    const [realtime, stats] = await Promise.all([
      fetch(`${d}/api/metrics/realtime`).then((r) => r.json()),
      fetch(`${d}/api/threats/stats?range=1h`).then((r) => r.json()),
    ]);
    const top = Object.entries(stats.data.byType)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ');
    return `       dashboard: ${realtime.data.requests} requests and ${realtime.data.blocked} blocked in the last minute; threats stored (1 h): ${stats.data.total}${top ? ` (${top})` : ''}`;
  } catch (error) {
    return `       dashboard: not answering (${error.message})`;
  }
}

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  clearInterval(printer);
  console.log(`\n${signal}: stopping the generator, delivering queued decisions, closing…`);
  const summary = await generator.stop();
  console.log(formatSummary(summary));
  await stack.close();
  console.log('Stopped.');
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

const printer = setInterval(async () => {
  if (stopping) return;
  const line = formatSummary(generator.summary());
  console.log(`${line}\n${await dashboardLine()}`);
}, 3_000);

const summary = await generator.start();
if (!stopping) {
  console.log(`\nTraffic done.\n${formatSummary(summary)}\n${await dashboardLine()}`);
  if (values.exit) await shutdown('done');
  else {
    clearInterval(printer);
    console.log('The shop and the dashboard API keep running: explore the endpoints above. Ctrl-C stops.');
  }
}
