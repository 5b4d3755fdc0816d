#!/usr/bin/env node
// `node examples/traffic-generator/cli.mjs --target http://127.0.0.1:3000 --rate 40 --duration 60`
import { parseArgs } from 'node:util';
import { createTrafficGenerator, formatSummary } from './generator.mjs';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'http://127.0.0.1:3000' },
    rate: { type: 'string', default: '40' },
    duration: { type: 'string', default: '60' },
    seed: { type: 'string', default: '42' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('Usage: wafer-traffic [--target URL] [--rate requests/s] [--duration seconds] [--seed n]');
  process.exit(0);
}
const generator = createTrafficGenerator({
  target: values.target,
  rate: Number(values.rate),
  durationMs: Number(values.duration) * 1000,
  seed: Number(values.seed),
});
process.once('SIGINT', () => void generator.stop());
const printer = setInterval(() => console.log(formatSummary(generator.summary())), 2_000);
const summary = await generator.start();
clearInterval(printer);
console.log(`done\n${formatSummary(summary)}`);
