// Course ch05, pitfall 2 "reentrancy", third form (seed lines 1411–1451): factorial(m, n) takes
// the read lock, sleeps 100 ms and recurses while holding it, so the read lock is taken again at
// every level. A writer calls Lock at 200 ms. (Depth 10 as in the course; main waits on a
// WaitGroup instead of `select {}`.)
//
// The bug: Go's RWMutex prefers writers (seed 1414). At 200 ms the writer announces itself and
// waits for the read locks already held. The next nested RLock then waits behind the writer, and
// the writer waits for that same goroutine's outer read locks: writer → reader → writer.
// What simcc reports: deadlock, on most schedules (about 85%): the reader blocked in rLock behind
// 'writer', the writer waiting for readers 'factorial' (×2 or ×3, depending on how the tie at
// 200 ms goes). Go prints `all goroutines are asleep - deadlock!`. On the others the machine
// stalled the factorial goroutine until after 200 ms (simcc's timers may fire at any step), so the
// writer got in before the first RLock and the recursion ran alone.
// Fixed twin: rw-factorial-fixed.ts
import { scenario, go, sleep, RWMutex, WaitGroup } from 'simcc';

async function factorial(m: RWMutex, n: number): Promise<number> {
  if (n < 1) return 0; // the course's base case (so the result is always 0; it does not matter here)
  await m.rLock(); // BUG: taken again at every level of the recursion
  try {
    // fmt.Println("RLock")
    await sleep(100);
    return (await factorial(m, n - 1)) * n;
  } finally {
    await m.rUnlock();
  }
}

export default scenario({ name: 'ch05: recursive RLock with a writer in between', expect: ['deadlock'] }, async () => {
  const mu = new RWMutex({ name: 'mu' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    try {
      await sleep(200);
      await mu.lock();
      // fmt.Println("Lock")
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
