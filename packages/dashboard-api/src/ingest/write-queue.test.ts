import { createStorage, type IngestRecord, type Storage } from '@wafer/storage';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWriteQueue, type QueueFull, type WriteOutcome } from './write-queue.js';

function records(n: number, prefix: string): IngestRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `${prefix}-${i}`,
    traffic: {
      time: Date.now(),
      requestId: `${prefix}-${i}`,
      ip: '192.0.2.1',
      method: 'GET',
      path: '/',
      action: 'allow' as const,
    },
  }));
}

describe('write queue (real SQLite)', () => {
  let storage: Storage;
  const committed: IngestRecord[] = [];
  const errors: unknown[] = [];
  beforeEach(async () => {
    storage = await createStorage({ sqlite: { path: ':memory:' } });
    committed.length = 0;
    errors.length = 0;
  });
  afterEach(() => storage.close());
  const queue = (maxQueuedEvents = 1_000, maxWriteEvents = 5_000) =>
    createWriteQueue({
      storage,
      maxQueuedEvents,
      maxWriteEvents,
      onCommitted: (r) => committed.push(...r),
      onError: (e) => errors.push(e),
    });

  it('group-commits submissions that arrive while a write is in flight, and resolves each with its own counts', async () => {
    const q = queue();
    const results = await Promise.all([
      q.submit(records(10, 'a')),
      q.submit(records(20, 'b')),
      q.submit(records(30, 'c')),
    ] as Array<Promise<WriteOutcome>>);
    expect(results).toEqual([
      { accepted: 10, duplicates: 0 },
      { accepted: 20, duplicates: 0 },
      { accepted: 30, duplicates: 0 },
    ]);
    // The first went alone; the two queued behind it shared the next transaction.
    expect(q.stats.transactions).toBe(2);
    expect(committed).toHaveLength(60);
    expect(await (q.submit(records(10, 'a')) as Promise<WriteOutcome>)).toEqual({
      accepted: 0,
      duplicates: 10,
    });
  });

  it('answers "full" with a Retry-After instead of buffering past the bound; an empty queue takes any size', async () => {
    const q = queue(100);
    const big = q.submit(records(500, 'big')); // larger than the bound, but the queue is empty
    const full = q.submit(records(1, 'x')) as QueueFull;
    expect(full).toMatchObject({ full: true });
    expect(full.retryAfterS).toBeGreaterThanOrEqual(1);
    expect(q.stats.rejectedFull).toBe(1);
    expect(await big).toEqual({ accepted: 500, duplicates: 0 });
    expect(await (q.submit(records(1, 'x')) as Promise<WriteOutcome>)).toEqual({
      accepted: 1,
      duplicates: 0,
    });
  });

  it('isolates a bad submission: the others grouped with it are still stored', async () => {
    const q = queue();
    const first = q.submit(records(5, 'first'));
    const bad = records(2, 'bad');
    (bad[1]!.traffic as { method: string }).method = '';
    const [, badResult, good] = await Promise.allSettled([
      first,
      q.submit(bad),
      q.submit(records(3, 'good')),
    ] as Array<Promise<WriteOutcome>>);
    expect(badResult!.status).toBe('rejected');
    expect(good).toEqual({ status: 'fulfilled', value: { accepted: 3, duplicates: 0 } });
    expect(errors.length).toBeGreaterThan(0);
    expect((await storage.traffic.list({ from: 0, to: Date.now() + 1, limit: 100 })).items).toHaveLength(8);
  });

  it('drain() writes everything queued, then refuses new work', async () => {
    const q = queue();
    const pending = [q.submit(records(50, 'a')), q.submit(records(50, 'b'))] as Array<Promise<WriteOutcome>>;
    await q.drain();
    expect((await Promise.all(pending)).map((r) => r.accepted)).toEqual([50, 50]);
    expect(q.submit(records(1, 'late'))).toMatchObject({ full: true });
  });
});
