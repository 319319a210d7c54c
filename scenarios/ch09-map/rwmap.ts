// Course ch09, fix A "a map with a read-write lock" (seed lines 2542–2587): RWMap embeds an
// RWMutex; Get and Len take the read lock, Set and Delete the write lock, and Each holds the read
// lock for the whole iteration.
//
// Reads share the lock, writes exclude everything, so every pair of map accesses that could
// conflict is ordered by the lock.
// What simcc reports: nothing, on every schedule.
// Buggy twins: map-concurrent-read-write.ts, docker-40772-delete-without-lock.ts,
// rwmap-each-calls-set.ts
import { scenario, go, GoMap, RWMutex, WaitGroup, assert } from 'simcc';

class RWMap {
  readonly mu = new RWMutex({ name: 'rwmap.mu' });
  readonly m = new GoMap<number, number>('rwmap.m');

  async get(k: number): Promise<number | undefined> {
    await this.mu.rLock();
    try {
      return await this.m.get(k);
    } finally {
      await this.mu.rUnlock();
    }
  }

  async set(k: number, v: number): Promise<void> {
    await this.mu.lock();
    try {
      await this.m.set(k, v);
    } finally {
      await this.mu.unlock();
    }
  }

  async delete(k: number): Promise<void> {
    await this.mu.lock();
    try {
      await this.m.delete(k);
    } finally {
      await this.mu.unlock();
    }
  }

  async len(): Promise<number> {
    await this.mu.rLock();
    try {
      return await this.m.size();
    } finally {
      await this.mu.rUnlock();
    }
  }

  /** Calls f for each entry while holding the read lock; stops when f returns false. */
  async each(f: (k: number, v: number) => Promise<boolean>): Promise<void> {
    await this.mu.rLock();
    try {
      for (const [k, v] of await this.m.entries()) if (!(await f(k, v))) break;
    } finally {
      await this.mu.rUnlock();
    }
  }
}

export default scenario('ch09: map protected by an RWMutex', async () => {
  const m = new RWMap();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  go(async () => {
    await m.set(1, 1);
    await m.set(2, 2);
    await m.delete(1);
    await wg.done();
  }, 'writer');
  go(async () => {
    await m.get(1);
    await m.len();
    await wg.done();
  }, 'reader');
  go(async () => {
    let sum = 0;
    await m.each(async (_k, v) => {
      sum += v;
      return true;
    });
    assert(sum >= 0);
    await wg.done();
  }, 'ranger');
  await wg.wait();
  assert((await m.len()) === 1 && (await m.get(2)) === 2, 'wrong final map');
});
