// Course ch17, SingleFlight against cache breakdown (seed lines 5142–5245). It is the fixed twin of
// cache-stampede.ts. A miss goes through group.Do("hot", ...): the first request runs the query and
// the concurrent ones wait for it and share its row (`shared` is true for all of them, seed
// 5150–5155). As in cmd/go's fetchGroup example (seed 5224–5243), fn checks the cache again first.
// A request that missed just before the previous flight refilled the cache, and reaches Do after
// that flight ended, would otherwise start a second flight.
// What simcc reports: nothing. Exactly one query is made. The cache write inside fn happens before
// every waiting Do returns, because the end of fn happens before the waiters' return.
import { scenario, go, assert, Mutex, WaitGroup, AtomicInt, SingleFlight, yieldNow } from 'simcc';

export default scenario('ch17: singleflight merges the concurrent misses', async () => {
  const mu = new Mutex({ name: 'cache.mu' });
  const cache = new Map<string, string>(); // guarded by mu
  const dbQueries = new AtomicInt(0, 'dbQueries');
  const group = new SingleFlight({ name: 'loadGroup' });
  const wg = new WaitGroup({ name: 'wg' });

  async function cached(key: string): Promise<string | undefined> {
    await mu.lock();
    const hit = cache.get(key);
    await mu.unlock();
    return hit;
  }

  async function get(key: string): Promise<string> {
    const hit = await cached(key);
    if (hit !== undefined) return hit;
    const { value } = await group.do(key, async () => {
      const again = await cached(key); // the previous flight may have filled it
      if (again !== undefined) return again;
      await dbQueries.add(1);
      await yieldNow(); // the query
      const row = `row for ${key}`;
      await mu.lock();
      cache.set(key, row);
      await mu.unlock();
      return row;
    });
    return value;
  }

  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      assert((await get('hot')) === 'row for hot');
      await wg.done();
    }, `request-${i}`);
  }
  await wg.wait();
  const n = await dbQueries.load();
  assert(n === 1, `the database was queried ${n} times for one expired key`);
});
