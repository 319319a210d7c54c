// Kernel of CockroachDB #6181 (GoKer blocking/cockroach/6181): kv's rangeDescriptorCache.
//   func (rdc *rangeDescriptorCache) LookupRangeDescriptor(...) {
//       rdc.rangeCacheMu.RLock()
//       log.Infof("lookup range descriptor: key=%s\n%s", key, rdc)   // BUG: rdc.String() RLocks again
//       ...
//       rdc.rangeCacheMu.RUnlock()
//       rdc.rangeCacheMu.Lock()                                      // insert the looked-up descriptor
//       ...
//       rdc.rangeCacheMu.Unlock()
//   }
//   func (rdc *rangeDescriptorCache) String() string {
//       rdc.rangeCacheMu.RLock(); defer rdc.rangeCacheMu.RUnlock(); return rdc.stringLocked()
//   }
// The test starts three concurrent lookups of the same key.
//
// The bug: a recursive read lock. Go's RWMutex is writer-preferring: once another lookup waits in
// Lock(), a new RLock() blocks even though the lock is only read-held. A lookup holding the read lock
// asks for it again (String) just after another lookup started waiting in Lock: the writer waits for
// the reader, the reader's second RLock waits for the writer.
// Expected finding: deadlock.
// Fixed twin: cockroach-6181-fixed.ts
import { scenario, go, RWMutex, WaitGroup, GoMap } from 'simcc';

class RangeDescriptorCache {
  readonly rangeCacheMu = new RWMutex({ name: 'rdc.rangeCacheMu' });
  readonly rangeCache = new GoMap<string, string>('rdc.rangeCache');

  async lookupRangeDescriptor(key: string): Promise<void> {
    await this.rangeCacheMu.rLock();
    const msg = `lookup range descriptor: key=${key}\n${await this.string()}`; // BUG
    void msg;
    const cached = await this.rangeCache.has(key);
    await this.rangeCacheMu.rUnlock();
    if (cached) return;
    await this.rangeCacheMu.lock();
    await this.rangeCache.set(key, `[${key}, KeyMax)`);
    await this.rangeCacheMu.unlock();
  }

  async string(): Promise<string> {
    await this.rangeCacheMu.rLock();
    const s = await this.stringLocked();
    await this.rangeCacheMu.rUnlock();
    return s;
  }

  async stringLocked(): Promise<string> {
    return `${await this.rangeCache.size()} descriptors`;
  }
}

export default scenario({ name: 'cockroach 6181: recursive RLock in LookupRangeDescriptor', expect: ['deadlock'] }, async () => {
  const cache = new RangeDescriptorCache();
  const wg = new WaitGroup({ name: 'wg' });
  for (let i = 0; i < 3; i++) {
    await wg.add(1);
    go(async () => {
      await cache.lookupRangeDescriptor('a');
      await wg.done();
    }, `lookup-${i}`);
  }
  await wg.wait();
});
