// One benchmark server in its own process (autocannon runs in the parent): `node server.mjs <variant>`.
// Prints `READY <port> <info json>` once listening with its WAF loaded. `GET /__bench/cost` (answered before
// the app, so never inspected) returns the server's cumulative cost counters: requests served, event-loop
// busy time and CPU time of all its threads (the model's worker included).
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createApp } from './app.mjs';

const variant = process.argv[2];
const { app, info, close } = await createApp(variant);
let requests = 0;
const server = createServer((req, res) => {
  if (req.url === '/__bench/cost') {
    const elu = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ requests, loopActiveMs: elu.active, cpuUs: cpu.user + cpu.system }));
    return;
  }
  requests++;
  app(req, res);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`READY ${server.address().port} ${JSON.stringify(info)}\n`);
});
// Close the WAF before exiting: exiting while the model runs on its worker thread aborts the process.
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => close().then(() => process.exit(0)));
});
