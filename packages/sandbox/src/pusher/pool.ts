/** Evenly spread indices of `count` items among `length`. */
export const spread = (length: number, count: number): Set<number> =>
  new Set(
    Array.from({ length: Math.min(count, length) }, (_, i) =>
      Math.floor((i * length) / Math.min(count, length)),
    ),
  );

/** Runs `run` over `items` with at most `concurrency` at a time; results in item order. */
export async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  run: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await run(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
