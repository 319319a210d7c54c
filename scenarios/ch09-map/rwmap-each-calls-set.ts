// Course ch09, fix A "a map with a read-write lock" (seed lines 2542–2587), misused: Each runs its
// callback while holding the read lock (seed 2577–2586), and a caller's callback writes back into
// the same map through Set, which takes the write lock.
//
// The bug: Set's Lock waits for every reader to leave, including the goroutine that is inside
// Each and waits for Set to return: the read-lock upgrade of ch05 (seed line 1410) in disguise.
// What simcc reports: deadlock at Set's Lock, on every schedule (as soon as the map has an entry
// to visit): the goroutine holds a read lock on 'rwmap.mu' and asks for the write lock.
// Fixed twin: rwmap-each-then-set.ts
import { scenario, go, GoMap, RWMutex, WaitGroup } from 'simcc';

class RWMap {
  readonly mu = new RWMutex({ name: 'rwmap.mu' });
  readonly m = new GoMap<string, number>('rwmap.m');

  async set(k: string, v: number): Promise<void> {
    await this.mu.lock();
    try {
      await this.m.set(k, v);
    } finally {
      await this.mu.unlock();
    }
  }

  async each(f: (k: string, v: number) => Promise<boolean>): Promise<void> {
    await this.mu.rLock();
    try {
      for (const [k, v] of await this.m.entries()) if (!(await f(k, v))) break;
    } finally {
      await this.mu.rUnlock();
    }
  }
}

export default scenario({ name: 'ch09: RWMap.Each callback calls Set', expect: ['deadlock'] }, async () => {
  const m = new RWMap();
  await m.set('hits', 1);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    await m.set('misses', 0);
    await wg.done();
  }, 'other');
  // double every counter
  await m.each(async (k, v) => {
    await m.set(k, v * 2); // BUG: Set inside Each
    return true;
  });
  await wg.wait();
});
