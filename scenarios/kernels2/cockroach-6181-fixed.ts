// Kernel of CockroachDB #6181, fixed: the log line under the read lock uses stringLocked(), which
// expects the lock to be held, instead of String(), which takes it again.
//   log.Infof("lookup range descriptor: key=%s\n%s", key, rdc.stringLocked())
// No bug.
// Buggy twin: cockroach-6181-recursive-rlock.ts
import { scenario, go, RWMutex, WaitGroup, GoMap } from 'simcc';

class RangeDescriptorCache {
  readonly rangeCacheMu = new RWMutex({ name: 'rdc.rangeCacheMu' });
  readonly rangeCache = new GoMap<string, string>('rdc.rangeCache');

  async lookupRangeDescriptor(key: string): Promise<void> {
    await this.rangeCacheMu.rLock();
    const msg = `lookup range descriptor: key=${key}\n${await this.stringLocked()}`; // FIX
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

export default scenario('cockroach 6181 fixed: stringLocked under the read lock', async () => {
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
