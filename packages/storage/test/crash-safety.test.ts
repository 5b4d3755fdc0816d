// Crash safety (SQLite): a writer killed with SIGKILL in the middle of its stream leaves a database that
// opens, passes `PRAGMA integrity_check` and holds every batch the writer saw committed — and no half batch.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { createStorage } from '../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'wafer-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeThenKill(file: string, minBatches: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'support/crash-writer.ts'), file],
      {
        cwd: path.resolve(here, '..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const committed: number[] = [];
    let buffer = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const match = /^committed (\d+)$/.exec(line);
        if (match) committed.push(Number(match[1]));
      }
      // Kill at a moment picked by the stream, not by a timer: the next batch is already being written.
      if (!killed && committed.length >= minBatches) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(committed);
      else reject(new Error(`writer exited on its own (${String(_code)}): ${stderr}`));
    });
  });
}

it('keeps every committed batch and a sound file after SIGKILL', { timeout: 60_000 }, async () => {
  const file = path.join(dir, 'wafer.db');
  let reported: number[] = [];
  // Twice on the same file: the second writer starts from the first one's crash (recovery of a killed WAL).
  for (const round of [0, 1]) {
    const committed = await writeThenKill(file, 25);
    expect(committed.length).toBeGreaterThanOrEqual(25);
    reported = round === 0 ? committed : [...reported, ...committed];

    const storage = await createStorage({ sqlite: { path: file } });
    const { rows } = await sql<{ integrityCheck: string }>`pragma integrity_check`.execute(storage.kysely);
    expect(rows).toEqual([{ integrityCheck: 'ok' }]);
    const perBatch = await storage.kysely
      .selectFrom('traffic')
      .select((eb) => [
        sql<string>`substr(request_id, 1, instr(request_id, '-') - 1)`.as('batch'),
        eb.fn.countAll<number>().as('n'),
      ])
      .groupBy(sql.raw('1'))
      .execute();
    const counts = new Map(perBatch.map((r) => [r.batch, Number(r.n)]));
    // The second writer restarts its batch numbers, so each id can hold up to two batches.
    for (const batch of new Set(reported)) {
      const expected = reported.filter((b) => b === batch).length * 200;
      expect(counts.get(`b${batch}`), `batch ${batch}`).toBeGreaterThanOrEqual(expected);
    }
    // All or nothing: no batch is partly written.
    for (const n of counts.values()) expect(n % 200).toBe(0);
    // The rollups committed with the rows: they count exactly what is in the table.
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const rollup = await storage.kysely
      .selectFrom('trafficRollups')
      .select((eb) => eb.fn.sum<number>('requests').as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(rollup.n)).toBe(total);
    await storage.close();
  }
});
