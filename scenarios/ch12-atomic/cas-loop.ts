// Course ch12, CompareAndSwap (seed lines 3410–3422) and the lock-free structures built on it
// (seed lines 3495–3571): the CAS loop. To apply any update f atomically, load the value, compute
// f(old), and CompareAndSwap(old, new); when another goroutine changed it in between, the CAS fails
// and the loop tries again with the fresh value. Here: keeping the maximum latency seen.
//
// Every update either succeeds on the value it read or retries, so none is lost.
// What simcc reports: nothing, on every schedule.
// Buggy twin: load-then-store-lost-update.ts
import { scenario, go, AtomicInt, WaitGroup, assert } from 'simcc';

async function storeMax(v: AtomicInt, x: number): Promise<void> {
  for (;;) {
    const old = await v.load();
    if (x <= old) return;
    if (await v.compareAndSwap(old, x)) return;
  }
}

export default scenario('ch12: a CAS loop keeping the maximum', async () => {
  const maxLatency = new AtomicInt(0, 'maxLatency');
  const latencies = [30, 120, 80];
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(latencies.length);
  for (const [i, ms] of latencies.entries()) {
    go(async () => {
      await storeMax(maxLatency, ms);
      await wg.done();
    }, `request-${i}`);
  }
  await wg.wait();
  assert((await maxLatency.load()) === 120, 'the maximum was lost');
});
