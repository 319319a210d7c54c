// Course ch05, pitfall 2 "reentrancy", third form (seed lines 1411–1451), fixed: the read lock is
// taken once, outside the recursion, and the recursive helper assumes it is held.
//
// This is the fixed twin of rw-factorial-recursive-rlock.ts. The writer now waits for the one
// read lock and gets it when the computation is over (or gets in first and the reader waits).
// What simcc reports: nothing, on every schedule.
import { scenario, go, sleep, RWMutex, WaitGroup } from 'simcc';

async function factorialLocked(n: number): Promise<number> {
  if (n < 1) return 1;
  await sleep(100);
  return (await factorialLocked(n - 1)) * n;
}

async function factorial(m: RWMutex, n: number): Promise<number> {
  await m.rLock();
  try {
    return await factorialLocked(n);
  } finally {
    await m.rUnlock();
  }
}

export default scenario('ch05: RLock taken once outside the recursion', async () => {
  const mu = new RWMutex({ name: 'mu' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    try {
      await sleep(200);
      await mu.lock();
      await sleep(100);
      await mu.unlock();
    } finally {
      await wg.done();
    }
  }, 'writer');
  go(async () => {
    try {
      await factorial(mu, 10);
    } finally {
      await wg.done();
    }
  }, 'factorial');
  await wg.wait();
});
