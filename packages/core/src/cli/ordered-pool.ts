/**
 * Maps an async source through `work` with at most `limit` calls in flight, yielding the results
 * in the source's order.
 *
 * The CLI feeds the engine this way: many requests in flight let its micro-batcher fill model runs
 * (one run scores fields of many requests), while output stays in input order, so line N of a
 * verdicts file is always about line N of the input. A slow item holds back the results after it
 * (and, once `limit` are waiting, the reading of more input): memory stays bounded by `limit`.
 *
 * A rejection of `work` is re-thrown when its result's turn comes; the source is not read further.
 *
 * @example
 * ```ts
 * for await (const decision of mapOrdered(requests, 64, (request) => waf.inspect(request))) {
 *   print(decision);
 * }
 * ```
 */
export async function* mapOrdered<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  limit: number,
  work: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const queue: Array<{ readonly promise: Promise<R>; settled: boolean }> = [];
  const start = (item: T): void => {
    const entry = { promise: Promise.resolve().then(() => work(item)), settled: false };
    // Awaited later, in order: until then a rejection must not count as unhandled.
    entry.promise.then(
      () => (entry.settled = true),
      () => (entry.settled = true),
    );
    queue.push(entry);
  };
  for await (const item of source) {
    start(item);
    // Hand out what is already done (a slow source such as a followed log still gets answers).
    while (queue.length >= limit || queue[0]?.settled === true) yield await queue.shift()!.promise;
  }
  while (queue.length > 0) yield await queue.shift()!.promise;
}
