// Course ch05, pitfall 2 "reentrancy", second form (seed line 1410): while holding the read lock,
// a goroutine calls code that takes the write lock (it tries to upgrade the lock).
//
// The bug: Lock waits until every reader has left, this goroutine included, and this goroutine
// waits for Lock to return. Here a cache reads an entry under RLock and, on a miss, fills it under
// Lock without releasing its read lock first.
// What simcc reports: deadlock at the Lock call, on every schedule where the cache misses (the
// first lookup always misses): the goroutine waits for its own read lock. It is reported at once,
// even while the other goroutine still runs.
// Fixed twin: rw-reader-upgrade-fixed.ts
import { scenario, go, GoMap, RWMutex, WaitGroup } from 'simcc';

class Cache {
  readonly mu = new RWMutex({ name: 'cache.mu' });
  readonly m = new GoMap<string, string>('cache.m');

  async get(key: string): Promise<string> {
    await this.mu.rLock();
    try {
      const v = await this.m.get(key);
      if (v !== undefined) return v;
      await this.mu.lock(); // BUG: still holding the read lock
      try {
        const loaded = `value of ${key}`;
        await this.m.set(key, loaded);
        return loaded;
      } finally {
        await this.mu.unlock();
      }
    } finally {
      await this.mu.rUnlock();
    }
  }
}

export default scenario({ name: 'ch05: upgrading a read lock to a write lock', expect: ['deadlock'] }, async () => {
  const c = new Cache();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (const k of ['a', 'b']) {
    go(async () => {
      try {
        await c.get(k);
      } finally {
        await wg.done();
      }
    }, `get-${k}`);
  }
  await wg.wait();
});
