// Course ch17, SingleFlight's use case: cache breakdown (缓存击穿), seed lines 5244–5245. A hot key
// expires, and a burst of requests all miss the cache at the same moment. Each one queries the
// database and refills the cache, so the back end takes n queries where one would do (seed 5146:
// "n → 1").
//
// The bug: no request merging. Three concurrent requests for the expired key each see a miss and
// each run the query. Modelled as an assertion on the query count (the database's load), which is
// what the course measures.
// What simcc reports: assertion (`the database was queried 2 times for one expired key` or 3),
// on the schedules where two requests check the cache before the first one has refilled it.
// Fixed twin: cache-singleflight.ts
import { scenario, go, assert, Mutex, WaitGroup, AtomicInt, yieldNow } from 'simcc';

export default scenario({ name: 'ch17: cache stampede without singleflight', expect: ['assertion'] }, async () => {
  const mu = new Mutex({ name: 'cache.mu' });
  const cache = new Map<string, string>(); // guarded by mu
  const dbQueries = new AtomicInt(0, 'dbQueries');
  const wg = new WaitGroup({ name: 'wg' });

  async function loadFromDB(key: string): Promise<string> {
    await dbQueries.add(1);
    await yieldNow(); // the query takes a while
    return `row for ${key}`;
  }

  async function get(key: string): Promise<string> {
    await mu.lock();
    const hit = cache.get(key);
    await mu.unlock();
    if (hit !== undefined) return hit;
    const v = await loadFromDB(key); // BUG: every miss goes to the database
    await mu.lock();
    cache.set(key, v);
    await mu.unlock();
    return v;
  }

  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      await get('hot');
      await wg.done();
    }, `request-${i}`);
  }
  await wg.wait();
  const n = await dbQueries.load();
  assert(n === 1, `the database was queried ${n} times for one expired key`);
});
