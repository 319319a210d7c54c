// Course ch03, pitfall 1 "Lock/Unlock not paired" (seed lines 725–745, and the advice at seed 1030:
// write Lock and `defer Unlock` as a pair, next to each other).
//
// This is the fixed twin of unlock-without-lock.ts: Lock comes first, then the deferred Unlock.
// Two goroutines call foo() on one shared Mutex, so the pair is also exercised under contention.
// What simcc reports: nothing.
import { scenario, go, Mutex, WaitGroup } from 'simcc';

export default scenario('ch03: Lock paired with a deferred Unlock', async () => {
  const mu = new Mutex({ name: 'mu' });
  const wg = new WaitGroup({ name: 'wg' });

  async function foo(): Promise<void> {
    await mu.lock();
    try {
      // fmt.Println("hello world!")
    } finally {
      await mu.unlock(); // defer mu.Unlock()
    }
  }

  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        await foo();
      } finally {
        await wg.done();
      }
    }, `caller-${i}`);
  }
  await wg.wait();
});
