// Course ch12, use case 1 "a flag" (seed lines 3384–3386): a uint32 that says whether the
// scheduled job is running, instead of a Mutex. Here two timers fire together and each starts the
// job unless it is already running: `if atomic.LoadUint32(&running) == 0 { atomic.StoreUint32(
// &running, 1); run() }`.
//
// The bug: check-then-act. Each operation is atomic, but the pair is not: both goroutines can load
// 0 before either stores 1, and the job runs twice. No data race (every access is atomic), a
// logic error.
// What simcc reports: assertion "the job ran twice at once", on the schedules where both loads come
// before either store.
// Fixed twin: atomic-flag-cas.ts
import { scenario, go, AtomicInt, WaitGroup, assert } from 'simcc';

export default scenario({ name: 'ch12: an atomic flag checked, then set', expect: ['assertion'] }, async () => {
  const running = new AtomicInt(0, 'running');
  const active = new AtomicInt(0, 'active');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      if ((await running.load()) === 0) {
        await running.store(1); // BUG: another goroutine may have loaded 0 too
        assert((await active.add(1)) === 1, 'the job ran twice at once');
        await active.add(-1);
        await running.store(0);
      }
      await wg.done();
    }, `tick-${i}`);
  }
  await wg.wait();
});
