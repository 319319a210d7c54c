// Course ch17, SingleFlight for cache loads (seed lines 5179–5245), with the pitfall the extract
// lists next to it: singleflight merges the *calls*, it does not guard the cache. fn stores the row
// in the cache with a plain write, and other requests read the cache without a lock.
//
// The bug: a request that hits the cache (it does not go through Do) reads it while the flight's fn
// writes it. Do orders fn's end before its *waiters'* returns, but nothing orders it with readers
// that never called Do.
// What simcc reports: data-race on 'cache', between fn's write and a plain read.
// Fixed twin: cache-singleflight.ts (the cache is read and written under its mutex)
import { scenario, go, WaitGroup, SingleFlight, shared, yieldNow } from 'simcc';

export default scenario({ name: 'ch17: singleflight does not guard the cache it fills', expect: ['data-race'] }, async () => {
  const cache = shared<string | undefined>('cache', undefined); // BUG: no lock around it
  const group = new SingleFlight({ name: 'loadGroup' });
  const wg = new WaitGroup({ name: 'wg' });

  async function get(): Promise<string> {
    const hit = await cache.read();
    if (hit !== undefined) return hit;
    const { value } = await group.do('hot', async () => {
      await yieldNow(); // the query
      await cache.write('row');
      return 'row';
    });
    return value;
  }

  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      await get();
      await wg.done();
    }, `request-${i}`);
  }
  await wg.wait();
});
