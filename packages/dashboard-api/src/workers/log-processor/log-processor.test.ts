// The processor end to end: real files in a temporary directory, the shipped model, a real SQLite storage.
import { appendFileSync, copyFileSync, renameSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { createWaf, type Waf } from '@wafer/core';
import { createStorage, type IngestRecord, type Storage } from '@wafer/storage';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogProcessor, type LogProcessor } from './log-processor.js';
import type { LogCheckpoint, LogProcessorOptions } from './log-processor-options.js';
import { combinedLine, pageLines, pause, tempDir, waitFor } from './test-support.js';

const POLL_MS = 25;
const SQLI = '/search?q=1%27%20UNION%20SELECT%20password%20FROM%20users--';

describe('createLogProcessor', () => {
  let waf: Waf;
  let tmp: ReturnType<typeof tempDir>;
  let storage: Storage;
  let log: string;
  let sink: ReturnType<typeof collector>;
  const processors: LogProcessor[] = [];

  beforeAll(async () => {
    waf = await createWaf({ timeBudgetMs: 5_000 }); // decisions, not speed: a busy CI machine must not fail them open
  });
  afterAll(async () => {
    await waf.close();
  });
  beforeEach(async () => {
    tmp = tempDir();
    log = tmp.file('access.log');
    storage = await createStorage({ sqlite: { path: tmp.file('wafer.db') } });
    sink = collector(storage);
  });
  afterEach(async () => {
    await Promise.all(processors.splice(0).map((processor) => processor.close()));
    await storage.close();
    tmp.cleanup();
  });

  /**
   * What production does — records and offset in one `ingest.write` transaction — plus a copy of what was stored,
   * failures on demand and a gate that holds the next write.
   */
  function collector(store: Storage) {
    const state = {
      records: [] as IngestRecord[],
      checkpoints: [] as LogCheckpoint[],
      calls: 0,
      failNext: 0,
      gate: null as Promise<void> | null,
      async sink(records: IngestRecord[], checkpoint: LogCheckpoint) {
        state.calls += 1;
        if (state.gate) await state.gate;
        if (state.failNext > 0) {
          state.failNext -= 1;
          throw new Error('database is locked');
        }
        await store.ingest.write(records, { offset: checkpoint });
        state.records.push(...records);
        state.checkpoints.push(checkpoint);
      },
      paths: () => state.records.map((record) => record.traffic.path),
    };
    return state;
  }

  function processor(options: Partial<LogProcessorOptions> = {}) {
    const created = createLogProcessor({
      files: [{ path: log, app: 'shop' }],
      inspect: waf.inspect,
      sink: sink.sink,
      offsets: storage.ingestOffsets,
      pollIntervalMs: POLL_MS,
      ...options,
    });
    processors.push(created);
    return created;
  }

  const pagePaths = (first: number, count: number) =>
    Array.from({ length: count }, (_, i) => `/page/${first + i}`);

  it('turns appended lines into records, in order, and stores the checkpoint with them', async () => {
    writeFileSync(log, pageLines(0, 3));
    const logs = processor();
    await logs.start();
    appendFileSync(log, pageLines(3, 20));
    await waitFor('20 records', () => sink.records.length === 20);
    // startAt 'end': the lines already there are history, not news.
    expect(sink.paths()).toEqual(pagePaths(3, 20));
    const [first] = sink.records;
    expect(first?.key).toBeNull();
    expect(first?.traffic).toMatchObject({
      ip: '198.51.100.2',
      method: 'GET',
      path: '/page/3',
      query: null,
      status: 200,
      responseSize: 512,
      latencyMs: null,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
      appId: 'shop',
      instanceId: `log:${log}`,
      action: 'allow',
      attackClasses: [],
      time: Date.UTC(2026, 10, 21, 10, 0, 0),
    });
    expect(first?.threats).toEqual([]);
    expect(first?.activity).toBeNull();
    const size = statSync(log).size;
    await waitFor('the stored offset', async () => (await storage.ingestOffsets.get(log))?.offset === size);
    expect(await storage.ingestOffsets.get(log)).toMatchObject({
      inode: String(statSync(log, { bigint: true }).ino),
    });
    expect(logs.stats().files[0]).toMatchObject({
      path: log,
      lines: 20,
      parsed: 20,
      offset: size,
      lagBytes: 0,
    });
  });

  it('waits for the newline of a partial line', async () => {
    const logs = processor({ startAt: 'beginning' });
    writeFileSync(log, combinedLine('/complete') + combinedLine('/partial').slice(0, 40));
    await logs.start();
    await waitFor('the complete line', () => sink.records.length === 1);
    await pause(POLL_MS * 4);
    expect(sink.paths()).toEqual(['/complete']);
    appendFileSync(log, combinedLine('/partial').slice(40));
    await waitFor('the completed line', () => sink.records.length === 2);
    expect(sink.paths()).toEqual(['/complete', '/partial']);
  });

  it('stores an attack line as a monitored request with its threat and an activity', async () => {
    writeFileSync(log, combinedLine('/products?page=2') + combinedLine(SQLI, '203.0.113.7'));
    const logs = processor({ startAt: 'beginning' });
    await logs.start();
    await waitFor('both records', () => sink.records.length === 2);
    const [benign, attack] = sink.records;
    expect(benign?.traffic).toMatchObject({ path: '/products', query: 'page=2', action: 'allow' });
    expect(benign?.threats).toEqual([]);
    expect(attack?.traffic).toMatchObject({ ip: '203.0.113.7', path: '/search', action: 'monitor' });
    expect(attack?.traffic.attackClasses).toContain('sqli');
    expect(attack?.traffic.score).toBeGreaterThan(0.9);
    expect(attack?.threats).toHaveLength(1);
    expect(attack?.threats?.[0]).toMatchObject({
      type: 'sqli',
      severity: 'critical',
      ip: '203.0.113.7',
      endpoint: '/search',
      location: 'query',
      fieldPath: 'query.q',
      blocked: false,
      requestId: attack?.traffic.requestId,
    });
    expect(attack?.threats?.[0]?.evidence).toMatch(/union/i);
    expect(attack?.threats?.[0]?.modelVersion).toMatch(/@/);
    expect(attack?.activity).toMatchObject({
      kind: 'allowed',
      title: 'SQL injection from 203.0.113.7 (seen in access log, not blocked)',
      details: { file: log, line: 2 },
      ip: '203.0.113.7',
      endpoint: '/search',
    });
    expect(logs.stats().files[0]).toMatchObject({ attacks: 1, parsed: 2 });
    const day = { from: 0, to: Date.now() + 86_400_000 };
    const threats = await storage.threats.list({ ...day, limit: 10 });
    expect(threats.items.map((threat) => threat.type)).toEqual(['sqli']);
  });

  it('survives a rename rotation: every line exactly once', async () => {
    const logs = processor({ startAt: 'beginning' });
    writeFileSync(log, pageLines(0, 5));
    await logs.start();
    await waitFor('the first lines', () => sink.records.length === 5);
    appendFileSync(log, pageLines(5, 2));
    renameSync(log, `${log}.1`);
    // Written by the server to the renamed file before it reopened its log.
    appendFileSync(`${log}.1`, pageLines(7, 2));
    writeFileSync(log, pageLines(9, 3));
    await waitFor('every line', () => sink.records.length === 12);
    appendFileSync(log, pageLines(12, 1));
    await waitFor('a line appended after the rotation', () => sink.records.length === 13);
    expect(sink.paths()).toEqual(pagePaths(0, 13));
    expect(logs.stats().files[0]).toMatchObject({ rotations: 1, lines: 13 });
    const saved = await storage.ingestOffsets.get(log);
    expect(saved).toMatchObject({
      inode: String(statSync(log, { bigint: true }).ino),
      offset: statSync(log).size,
    });
  });

  it('survives a copytruncate rotation', async () => {
    const logs = processor({ startAt: 'beginning' });
    writeFileSync(log, pageLines(0, 4));
    await logs.start();
    await waitFor('the first lines', () => sink.records.length === 4);
    copyFileSync(log, `${log}.1`);
    truncateSync(log, 0);
    await waitFor('the truncation', () => logs.stats().files[0]?.truncations === 1);
    appendFileSync(log, pageLines(4, 3));
    await waitFor('the lines after the truncation', () => sink.records.length === 7);
    expect(sink.paths()).toEqual(pagePaths(0, 7));
    expect(sink.checkpoints.at(-1)?.offset).toBe(statSync(log).size);
  });

  it('resumes after a restart from the stored checkpoint: nothing repeated, nothing skipped', async () => {
    writeFileSync(log, pageLines(0, 3));
    const first = processor({ startAt: 'beginning' });
    await first.start();
    await waitFor('the first run', () => sink.records.length === 3);
    await first.close();
    // Written while the processor is down.
    appendFileSync(log, pageLines(3, 4));
    // startAt is for files without a checkpoint: this one has one.
    const second = processor({ startAt: 'end' });
    await second.start();
    await waitFor('the lines written while stopped', () => sink.records.length === 7);
    appendFileSync(log, pageLines(7, 1));
    await waitFor('a line after the restart', () => sink.records.length === 8);
    expect(sink.paths()).toEqual(pagePaths(0, 8));
    expect(second.stats().files[0]).toMatchObject({ lines: 5, rotations: 0, truncations: 0 });
  });

  it('reads the new file from 0 when the log was rotated while the processor was down', async () => {
    writeFileSync(log, pageLines(0, 2));
    const first = processor({ startAt: 'beginning' });
    await first.start();
    await waitFor('the first run', () => sink.records.length === 2);
    await first.close();
    renameSync(log, `${log}.1`);
    writeFileSync(log, pageLines(2, 3));
    const second = processor();
    await second.start();
    await waitFor('the new file', () => sink.records.length === 5);
    expect(sink.paths()).toEqual(pagePaths(0, 5));
    expect(second.stats().files[0]?.rotations).toBe(1);
  });

  it('waits for a missing file and reads all of it once it appears', async () => {
    const logs = processor();
    await logs.start();
    expect(logs.stats().files[0]).toMatchObject({ missing: 1, inode: null });
    await pause(POLL_MS * 3);
    writeFileSync(log, pageLines(0, 2));
    await waitFor('the lines of the new file', () => sink.records.length === 2);
    expect(sink.paths()).toEqual(pagePaths(0, 2));
    expect(logs.stats().files[0]?.missing).toBe(1);
  });

  it('counts malformed lines by reason, skips blank ones and still moves the checkpoint past them', async () => {
    const tls = '192.0.2.7 - - [21/Nov/2026:10:00:00 +0000] "\\x16\\x03\\x01" 400 226 "-" "-"\n';
    writeFileSync(log, `not a log line\n\n${tls}${combinedLine('/ok')}`);
    const logs = processor({ startAt: 'beginning' });
    await logs.start();
    await waitFor('the valid line', () => sink.records.length === 1);
    expect(logs.stats().files[0]).toMatchObject({
      lines: 4,
      parsed: 1,
      malformed: { bad_format: 1, bad_request_line: 1 },
    });
    expect(logs.stats().files[0]?.lastMalformed).toMatch(/^line 3: request/);
    // A batch of nothing but malformed lines still stores its checkpoint, so a restart does not count them again.
    appendFileSync(log, 'garbage\n');
    await waitFor(
      'the checkpoint',
      async () => (await storage.ingestOffsets.get(log))?.offset === statSync(log).size,
    );
    expect(sink.checkpoints.at(-1)).toMatchObject({ offset: statSync(log).size });
    expect(sink.records).toHaveLength(1);
  });

  it('skips an over-long line and reads on after it', async () => {
    writeFileSync(
      log,
      combinedLine('/before') + combinedLine(`/long?q=${'a'.repeat(70_000)}`) + combinedLine('/after'),
    );
    const logs = processor({ startAt: 'beginning' });
    await logs.start();
    await waitFor('the lines around it', () => sink.records.length === 2);
    expect(sink.paths()).toEqual(['/before', '/after']);
    expect(logs.stats().files[0]).toMatchObject({ skippedLongLines: 1, lines: 2 });
  });

  it('reads JSON logs with custom field names', async () => {
    const line = (uri: string) =>
      `${JSON.stringify({ client: { ip: '192.0.2.4' }, verb: 'GET', request_uri: uri, status: 404, ts: '2026-11-21T10:00:00Z' })}\n`;
    writeFileSync(log, line('/a?x=1') + line(SQLI));
    const logs = processor({
      startAt: 'beginning',
      files: [
        {
          path: log,
          format: 'json',
          json: { fields: { remoteAddress: 'client.ip', method: 'verb', target: 'request_uri', time: 'ts' } },
        },
      ],
    });
    await logs.start();
    await waitFor('both records', () => sink.records.length === 2);
    expect(sink.records[0]?.traffic).toMatchObject({
      ip: '192.0.2.4',
      path: '/a',
      query: 'x=1',
      status: 404,
      appId: null,
    });
    expect(sink.records[1]?.threats?.[0]?.type).toBe('sqli');
  });

  it('retries a failing sink with backoff, losing and repeating nothing', async () => {
    const errors: string[] = [];
    sink.failNext = 2;
    writeFileSync(log, pageLines(0, 3));
    const logs = processor({ startAt: 'beginning', onError: (_error, context) => errors.push(context) });
    await logs.start();
    await waitFor('the records, after the retries', () => sink.records.length === 3);
    appendFileSync(log, pageLines(3, 2));
    await waitFor('the next lines', () => sink.records.length === 5);
    expect(sink.paths()).toEqual(pagePaths(0, 5));
    expect(logs.stats().files[0]).toMatchObject({
      sinkFailures: 2,
      lastError: 'database is locked',
      lines: 5,
    });
    // The same failure is reported once, not once per attempt.
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`log ${log}: storing 3 lines failed (attempt 1)`);
  });

  it('waits for a checkpoint that cannot be loaded yet instead of guessing where to start', async () => {
    writeFileSync(log, pageLines(0, 2));
    const first = processor({ startAt: 'beginning' });
    await first.start();
    await waitFor('the first run', () => sink.records.length === 2);
    await first.close();
    appendFileSync(log, pageLines(2, 2));
    let failures = 2;
    const errors: string[] = [];
    const second = processor({
      startAt: 'beginning',
      onError: (_error, context) => errors.push(context),
      offsets: {
        get: async (file) => {
          if (failures-- > 0) throw new Error('connection refused');
          return storage.ingestOffsets.get(file);
        },
      },
    });
    await second.start();
    expect(second.stats().files[0]?.lastError).toBe('connection refused');
    await waitFor('the lines written while stopped', () => sink.records.length === 4);
    expect(sink.paths()).toEqual(pagePaths(0, 4));
    expect(errors).toEqual([`log ${log}: could not load the saved offset; retrying`]);
  });

  it('stores a request the engine fails on unscored, and carries on', async () => {
    const errors: string[] = [];
    const logs = processor({
      startAt: 'beginning',
      onError: (_error, context) => errors.push(context),
      inspect: async (request) => {
        if (request.target === '/boom') throw new Error('engine exploded');
        return waf.inspect(request);
      },
    });
    writeFileSync(log, combinedLine('/boom') + combinedLine(SQLI));
    await logs.start();
    await waitFor('both records', () => sink.records.length === 2);
    expect(sink.records[0]?.traffic).toMatchObject({ path: '/boom', score: null, action: 'allow' });
    expect(sink.records[1]?.traffic.action).toBe('monitor');
    expect(logs.stats().files[0]).toMatchObject({ inspectFailures: 1, lastError: 'engine exploded' });
    expect(errors).toEqual([
      `log ${log}: the engine could not inspect the request at offset 0; stored unscored`,
    ]);
  });

  it('close() while idle returns without waiting out the poll interval', async () => {
    writeFileSync(log, '');
    const logs = processor({ pollIntervalMs: 60_000 });
    await logs.start();
    const started = Date.now();
    await logs.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(logs.start()).rejects.toMatchObject({ code: 'WAFER_ERR_DASHBOARD_CLOSED' });
  });

  it('close() mid-batch finishes the batch, stores its checkpoint, then reads no more', async () => {
    let release = () => {};
    sink.gate = new Promise<void>((resolve) => (release = resolve));
    const logs = processor();
    writeFileSync(log, '');
    await logs.start();
    appendFileSync(log, pageLines(0, 3));
    await waitFor('the batch to reach the sink', () => sink.calls === 1);
    let closed = false;
    const closing = logs.close().then(() => (closed = true));
    await pause(POLL_MS * 3);
    expect(closed).toBe(false);
    release();
    await closing;
    expect(sink.paths()).toEqual(pagePaths(0, 3));
    expect((await storage.ingestOffsets.get(log))?.offset).toBe(statSync(log).size);
    appendFileSync(log, pageLines(3, 1));
    await pause(POLL_MS * 4);
    expect(sink.calls).toBe(1);
  });
});
