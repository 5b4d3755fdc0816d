// Shared by every package's benchmark: runs tinybench tasks, prints a table and writes the results into
// docs/benchmarks.md between markers, so each benchmark owns one section and re-running replaces it.
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';

const REPORT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/benchmarks.md');

const HEADER = `# Benchmarks

Written by \`pnpm bench\`; each section is replaced when its benchmark runs again. Machines are shared and
noisy: compare medians and ratios, not single runs. Times are per operation.
`;

/** Runs tasks `{ name, fn }` and returns rows with median, p99 (µs) and ops/s. */
export async function runTasks(tasks, { time = 2000, warmupTime = 300 } = {}) {
  const bench = new Bench({ time, warmupTime });
  for (const task of tasks) bench.add(task.name, task.fn);
  await bench.run();
  return bench.tasks.map((task) => {
    const latency = task.result.latency;
    return {
      name: task.name,
      medianUs: latency.p50 * 1000,
      p99Us: latency.p99 * 1000,
      opsPerSecond: 1000 / latency.mean,
      samples: latency.samples.length,
    };
  });
}

export function formatUs(us) {
  return us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`;
}

export function machineLine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

/** Replaces (or appends) the section `id` of docs/benchmarks.md with `markdown`. */
export async function writeSection(id, markdown) {
  let text;
  try {
    text = await readFile(REPORT, 'utf8');
  } catch {
    text = HEADER;
  }
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  text =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  await writeFile(REPORT, text);
  return REPORT;
}
