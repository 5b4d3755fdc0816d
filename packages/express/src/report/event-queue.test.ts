import { describe, expect, it } from 'vitest';
import type { WafEvent } from './event.js';
import { EventQueue } from './event-queue.js';
import type { Reporter } from './reporter.js';

const event = (n: number) => ({ requestId: String(n) }) as WafEvent;
const tick = () => new Promise((r) => setImmediate(r));

describe('EventQueue', () => {
  it('delivers off the current turn, in order, in batches to reporters and one by one to callbacks', async () => {
    const seen: string[] = [];
    const batches: number[] = [];
    const reporter: Reporter = { name: 'r', report: (events) => batches.push(events.length) };
    const queue = new EventQueue(100, [(e) => seen.push(e.requestId)], [reporter]);
    for (let i = 0; i < 5; i++) queue.push(event(i));
    expect(seen).toEqual([]);
    await tick();
    expect(seen).toEqual(['0', '1', '2', '3', '4']);
    expect(batches).toEqual([5]);
    expect(queue.stats()).toEqual({ queued: 0, delivered: 5, dropped: 0, errors: 0 });
  });

  it('drops and counts what does not fit, never blocking the producer', async () => {
    const queue = new EventQueue(3, [() => undefined], []);
    for (let i = 0; i < 10; i++) queue.push(event(i));
    expect(queue.stats()).toMatchObject({ queued: 3, dropped: 7 });
    await tick();
    expect(queue.stats()).toMatchObject({ queued: 0, delivered: 3, dropped: 7 });
  });

  it('counts consumers that throw and goes on', async () => {
    const seen: string[] = [];
    const queue = new EventQueue(
      10,
      [
        () => {
          throw new Error('bug');
        },
        (e) => seen.push(e.requestId),
      ],
      [
        {
          name: 'bad',
          report: () => {
            throw new Error('bug');
          },
        },
      ],
    );
    queue.push(event(1));
    queue.push(event(2));
    await tick();
    expect(seen).toEqual(['1', '2']);
    expect(queue.stats()).toMatchObject({ delivered: 2, errors: 3 });
  });

  it('spreads a large backlog over several turns and flushes synchronously on demand', async () => {
    const batches: number[] = [];
    const queue = new EventQueue(5000, [], [{ name: 'r', report: (e) => batches.push(e.length) }]);
    for (let i = 0; i < 2500; i++) queue.push(event(i));
    await tick();
    expect(batches).toEqual([1000]);
    queue.flush();
    expect(batches).toEqual([1000, 1000, 500]);
  });
});
