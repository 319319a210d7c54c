/**
 * Runs `task` over `items` with at most `limit` running at once, and returns one promise per item, in the
 * items' order: the caller awaits them in order to print in order while later items still run.
 */
export function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R>[] {
  const settle: { resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  const results = items.map(
    () =>
      new Promise<R>((resolve, reject) => {
        settle.push({ resolve, reject });
      }),
  );
  // Marked handled now: the caller awaits them one by one, possibly after a later one failed.
  for (const r of results) r.catch(() => undefined);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      try {
        settle[i]!.resolve(await task(items[i]!));
      } catch (err) {
        settle[i]!.reject(err);
      }
    }
  };
  for (let k = 0; k < Math.min(limit, items.length); k++) void lane();
  return results;
}
