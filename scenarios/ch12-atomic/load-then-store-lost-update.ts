// Course ch12, CompareAndSwap (seed lines 3410–3422), not used: the maximum latency is updated
// with an atomic Load and an atomic Store, `if x > atomic.LoadInt64(&max) { atomic.StoreInt64(&max,
// x) }`.
//
// The bug: between the Load and the Store another goroutine may store a larger value, which this
// Store then overwrites with a smaller one. Every access is atomic, so there is no data race; the
// update is lost.
// What simcc reports: assertion "the maximum was lost", on the schedules where a smaller value is
// stored after a larger one was loaded past.
// Fixed twin: cas-loop.ts
import { scenario, go, AtomicInt, WaitGroup, assert } from 'simcc';

async function storeMax(v: AtomicInt, x: number): Promise<void> {
  if (x > (await v.load())) await v.store(x); // BUG: not one atomic step
}

export default scenario({ name: 'ch12: max kept with Load then Store', expect: ['assertion'] }, async () => {
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
