// Course ch09, fix C "sync.Map" (seed lines 2642–2821), for the first of its two documented use
// cases (seed 2648–2652): a cache that only grows, each key written once and read many times.
// Loaders use LoadOrStore so that concurrent first requests for a key agree on one value;
// readers use Load; a report walks the map with Range (there is no Len, seed 2816).
//
// sync.Map is safe for concurrent use, and a write happens-before a read that observes it, so a
// value built before Store is complete when a Load returns it.
// What simcc reports: nothing, on every schedule.
// Buggy twin: map-concurrent-read-write.ts
import { scenario, go, shared, SyncMap, WaitGroup, assert, type Shared } from 'simcc';

export default scenario('ch09: a grow-only cache on sync.Map', async () => {
  const cache = new SyncMap<string, Shared<string>>('cache');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      for (const key of ['/a', '/b']) {
        const page = shared(`page ${key} by loader-${i}`, '');
        await page.write(`<html>${key}</html>`); // render the page, then publish it
        const { actual } = await cache.loadOrStore(key, page);
        assert((await actual.read()) === `<html>${key}</html>`, 'a cached page is incomplete');
      }
      await wg.done();
    }, `loader-${i}`);
  }
  go(async () => {
    const { value, ok } = await cache.load('/a');
    if (ok) await value!.read();
    await wg.done();
  }, 'reader');
  await wg.wait();
  let n = 0;
  await cache.range(() => {
    n++;
  });
  assert(n === 2, `${n} cached pages`);
});
