// Course ch03, pitfall 1 "Lock/Unlock not paired" (seed lines 727–738). The fix the course
// recommends (seed 1030) is to write Unlock as `defer mu.Unlock()` right after Lock, so that every
// return path releases the lock.
//
// This is the fixed twin of missing-unlock-in-branch.ts. The early return on "insufficient funds"
// still happens, but try/finally (Go's defer) unlocks on it too. Exactly one withdrawal of 60 from
// 100 succeeds.
// What simcc reports: nothing. No deadlock, and the asserts hold in every schedule.
import { scenario, go, shared, Mutex, WaitGroup, assert } from 'simcc';

export default scenario('ch03: every return path unlocks (defer)', async () => {
  const mu = new Mutex({ name: 'account.mu' });
  const balance = shared('account.balance', 100);
  const ok = shared('succeeded', 0);
  const wg = new WaitGroup({ name: 'wg' });

  async function withdraw(amount: number): Promise<boolean> {
    await mu.lock();
    try {
      const b = await balance.read();
      if (b < amount) {
        return false; // the deferred Unlock still runs
      }
      await balance.write(b - amount);
      await ok.update((n) => n + 1);
      return true;
    } finally {
      await mu.unlock(); // defer mu.Unlock()
    }
  }

  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        await withdraw(60);
      } finally {
        await wg.done();
      }
    }, `customer-${i}`);
  }
  await wg.wait();
  await mu.lock();
  assert((await balance.read()) === 40, 'the balance should be 40');
  assert((await ok.read()) === 1, 'exactly one withdrawal should succeed');
  await mu.unlock();
});
