// Course ch05, pitfall 2 "reentrancy", second form (seed line 1410), fixed: on a miss the cache
// releases its read lock, takes the write lock, and checks the map again (another goroutine may
// have filled the entry in between: the double check).
//
// This is the fixed twin of rw-reader-upgrade.ts.
// What simcc reports: nothing. Each key is loaded once, on every schedule.
import { scenario, go, GoMap, RWMutex, WaitGroup, assert } from 'simcc';

class Cache {
  readonly mu = new RWMutex({ name: 'cache.mu' });
  readonly m = new GoMap<string, string>('cache.m');
  loads = 0;

  async get(key: string): Promise<string> {
    await this.mu.rLock();
    const v = await this.m.get(key);
    await this.mu.rUnlock();
    if (v !== undefined) return v;
    await this.mu.lock();
    try {
      const again = await this.m.get(key); // double check under the write lock
      if (again !== undefined) return again;
      this.loads++;
      const loaded = `value of ${key}`;
      await this.m.set(key, loaded);
      return loaded;
    } finally {
      await this.mu.unlock();
    }
  }
}

export default scenario('ch05: read lock released before taking the write lock', async () => {
  const c = new Cache();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        assert((await c.get('a')) === 'value of a', 'wrong value');
      } finally {
        await wg.done();
      }
    }, `get-${i}`);
  }
  await wg.wait();
  assert(c.loads === 1, `the entry was loaded ${c.loads} times`);
});
