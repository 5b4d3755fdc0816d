// Memory of the detection engine, in a process of its own so no other engine is counted: the RSS
// increase from createWaf() (measured first thing, as a host app would see it), then the RSS growth
// while it serves concurrent requests whose payloads are all new, so ONNX Runtime runs batches of
// many shapes (its buffers are kept for the process lifetime). Options for createWaf as a JSON
// argument. Prints one JSON line; inspect.mjs runs it. Needs --expose-gc.
import { createWaf } from '../dist/index.js';
import { attackRequests } from './attack-requests.mjs';
import { benignMix } from './benign-mix.mjs';
import { largeJsonRequest } from './requests.mjs';

const settle = async () => {
  global.gc();
  await new Promise((resolve) => setTimeout(resolve, 200));
  global.gc();
  return process.memoryUsage().rss;
};
const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;

const before = await settle();
const waf = await createWaf(JSON.parse(process.argv[2] ?? '{}'));
const loaded = await settle();

const { requests: benign } = await benignMix();
const unique = (r, i) => ({ ...r, target: `${r.target}${r.target.includes('?') ? '&' : '?'}m=${i}` });
// Every payload new (no cache), many fields per request (large batches), long windows (128 tokens).
const traffic = [
  ...benign.slice(0, 3000).map(unique),
  ...attackRequests(2000).map(unique),
  ...Array.from({ length: 20 }, (_, i) => unique(largeJsonRequest(), i)),
];
const ready = await settle();

let next = 0;
const deadline = performance.now() + 60_000; // bounded in time whatever the machine
await Promise.all(
  Array.from({ length: 64 }, async () => {
    while (next < traffic.length && performance.now() < deadline) await waf.inspect(traffic[next++]);
  }),
);
const { modelRuns, modelWindows } = waf.stats();
const served = await settle();
await waf.close();

console.log(
  JSON.stringify({
    loadMb: mb(loaded - before),
    servingGrowthMb: mb(served - ready),
    requests: next,
    modelRuns,
    modelWindows,
  }),
);
