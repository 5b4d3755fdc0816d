// The dashboard API under benchmark, in its own process (the load generator gets the other core): SQLite in a
// temp folder, an ingest and a read key printed as JSON on stdout, then it serves until SIGTERM.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDashboardApi } from '../dist/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wafer-dashboard-bench-'));
const api = await createDashboardApi({
  storage: { sqlite: { path: path.join(dir, 'wafer.db') } },
  // Ingest does not score: leave the model out so the figures are the write path's own.
  waf: false,
  rateLimit: { requestsPerMinute: 0 },
  // Every traffic message goes out: the fan-out figure is per message, not thinned.
  websocket: { maxClients: 1_000, maxTrafficPerSecond: 1_000_000 },
});
const ingest = (await api.storage.apiKeys.create({ name: 'bench-ingest', scopes: ['ingest'] })).secret;
const read = (await api.storage.apiKeys.create({ name: 'bench-read', scopes: ['read'] })).secret;
const { url } = await api.listen({ port: 0 });
process.stdout.write(JSON.stringify({ url, ingest, read, db: path.join(dir, 'wafer.db') }) + '\n');
process.on('message', async (message) => {
  if (message === 'count') {
    const row = await api.storage.kysely
      .selectFrom('traffic')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    process.send({ count: Number(row.n), stats: api.stats() });
  }
});
process.once('SIGTERM', async () => {
  await api.close();
  process.exit(0);
});
