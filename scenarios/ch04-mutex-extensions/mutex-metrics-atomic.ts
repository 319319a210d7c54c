// Course ch04, monitoring a Mutex (seed lines 1126–1186), with the waiter count kept in an atomic:
// atomic Add before Lock and after it is acquired, atomic Load in the monitor, as the course reads
// the state word with atomic.LoadInt32. The value is a snapshot, fine for a dashboard (seed 1186):
// it may change right after it is read, so code must not decide anything on it.
//
// This is the fixed twin of mutex-metrics-plain-counter.ts.
// What simcc reports: nothing, on every schedule; after everybody is done the count is back to 0.
import { scenario, go, sleep, AtomicInt, Mutex, WaitGroup, assert } from 'simcc';

export default scenario('ch04: a waiters metric in an atomic counter', async () => {
  const mu = new Mutex({ name: 'mu' });
  const waiting = new AtomicInt(0, 'waiting');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(4);
  for (let i = 0; i < 4; i++) {
    go(async () => {
      await waiting.add(1);
      await mu.lock();
      await waiting.add(-1);
      await sleep(1000);
      await mu.unlock();
      await wg.done();
    }, `contender-${i}`);
  }
  await sleep(1000);
  const n = await waiting.load(); // waitings: n (a snapshot)
  assert(n >= 0 && n <= 4, `impossible waiter count ${n}`);
  await wg.wait();
  assert((await waiting.load()) === 0, 'the metric drifted');
});
