/**
 * `Promise.all(items.map(fn))` with at most `limit` calls in flight, results in input order. Lets the engine's
 * micro-batcher group a batch's requests without one log file flooding it.
 *
 * @example
 * ```ts
 * const decisions = await mapOrdered(requests, 8, (request) => waf.inspect(request));
 * ```
 */
export async function mapOrdered<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length) {
      const index = nextIndex++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
