// Course ch01, the fix of the running example (seed lines 178–215): mu.Lock(); count++; mu.Unlock().
//
// This is the fixed twin of counter-no-lock.ts. The Mutex makes count++ a critical section. Each
// worker's unlock happens-before the next lock, so every access to `count` is ordered, and the
// count is exact. The Mutex's zero value is an unlocked Mutex (seed 218), so `new Mutex()` needs no
// setup.
// What simcc reports: nothing. No race, and the assert holds in every schedule.
import { scenario, go, shared, Mutex, WaitGroup, assert } from 'simcc';

export default scenario('ch01: count++ guarded by a Mutex', async () => {
  const mu = new Mutex({ name: 'mu' });
  const count = shared('count', 0);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        for (let j = 0; j < 2; j++) {
          await mu.lock();
          await count.update((v) => v + 1);
          await mu.unlock();
        }
      } finally {
        await wg.done();
      }
    }, `worker-${i}`);
  }
  await wg.wait();
  assert((await count.read()) === 4, 'an increment was lost');
});
