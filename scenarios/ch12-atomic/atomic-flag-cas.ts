// Course ch12, use case 1 "a flag" (seed lines 3384–3386) with CompareAndSwap (seed lines
// 3410–3422): `if atomic.CompareAndSwapUint32(&running, 0, 1) { defer StoreUint32(&running, 0);
// run() }` checks and sets in one indivisible operation.
//
// This is the fixed twin of atomic-flag-load-then-store.ts.
// What simcc reports: nothing, on every schedule: at most one goroutine runs the job at a time.
import { scenario, go, AtomicInt, WaitGroup, assert } from 'simcc';

export default scenario('ch12: an atomic flag set with CompareAndSwap', async () => {
  const running = new AtomicInt(0, 'running');
  const active = new AtomicInt(0, 'active');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      if (await running.compareAndSwap(0, 1)) {
        assert((await active.add(1)) === 1, 'the job ran twice at once');
        await active.add(-1);
        await running.store(0);
      }
      await wg.done();
    }, `tick-${i}`);
  }
  await wg.wait();
});
