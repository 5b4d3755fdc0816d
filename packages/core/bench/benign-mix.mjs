// The benchmarks' benign mix: the Apache access log of ../shared/datasets when present, else our own
// fixtures, so `pnpm bench` runs on a fresh clone.
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { accessLogEntryToRequest, parseHttpMessage, streamAccessLog } from '../dist/index.js';
import { typicalBenignRequest } from './requests.mjs';

const LOG = fileURLToPath(
  new URL('../../../../shared/datasets/elastic-apache-logs/apache_logs', import.meta.url),
);
const FIXTURES = new URL('../test/fixtures/http/', import.meta.url);

/** The Apache access log's requests (core `WafRequest`s, in log order), or `undefined` without the dataset. */
export async function readApacheLog() {
  if (!existsSync(LOG)) return undefined;
  const requests = [];
  for await (const result of streamAccessLog(createReadStream(LOG))) {
    if (result.ok) requests.push(accessLogEntryToRequest(result.entry));
  }
  return requests;
}

/** `{ requests, source }`: the requests and a line saying where they come from. */
export async function benignMix() {
  const log = await readApacheLog();
  if (log !== undefined)
    return { requests: log, source: `${log.length} requests of elastic-apache-logs (replayed in log order)` };
  const fixtures = readdirSync(FIXTURES)
    .filter((f) => f.startsWith('benign-'))
    .map((f) => parseHttpMessage(readFileSync(new URL(f, FIXTURES))))
    .flatMap((result) => (result.ok ? [result.request] : []));
  const requests = [];
  for (let i = 0; i < 2000; i++)
    requests.push(i % 3 === 0 ? typicalBenignRequest() : fixtures[i % fixtures.length]);
  return {
    requests,
    source: `our fixtures (${fixtures.length} benign .http files + a typical GET), 2,000 requests`,
  };
}
