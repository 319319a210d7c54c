// Course ch09, fix A (seed lines 2542–2587), used correctly: the Each callback only collects what
// to change, and the writes are made after Each has released its read lock. (Between the two,
// another goroutine may change the map: that is the price of not holding the lock across both.)
//
// This is the fixed twin of rwmap-each-calls-set.ts.
// What simcc reports: nothing, on every schedule.
import { scenario, go, GoMap, RWMutex, WaitGroup, assert } from 'simcc';

class RWMap {
  readonly mu = new RWMutex({ name: 'rwmap.mu' });
  readonly m = new GoMap<string, number>('rwmap.m');

  async get(k: string): Promise<number | undefined> {
    await this.mu.rLock();
    try {
      return await this.m.get(k);
    } finally {
      await this.mu.rUnlock();
    }
  }

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

export default scenario('ch09: RWMap.Each collects, Set afterwards', async () => {
  const m = new RWMap();
  await m.set('hits', 1);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    await m.set('misses', 0);
    await wg.done();
  }, 'other');
  const updates: [string, number][] = [];
  await m.each(async (k, v) => {
    updates.push([k, v * 2]);
    return true;
  });
  for (const [k, v] of updates) await m.set(k, v);
  await wg.wait();
  assert((await m.get('hits')) === 2, 'hits not doubled');
});
