// Course ch06, common mistake 1 "the counter set negative" (seed lines 1629–1653). The course's
// correct pattern (seed 1643): set the count right after declaring the WaitGroup, or Add(1) just
// before each go statement, and call Done exactly once per unit (deferred, so that no path skips it
// and no path runs it twice).
//
// This is the fixed twin of waitgroup-extra-done.ts: one deferred Done per Add(1).
// What simcc reports: nothing.
import { scenario, go, yieldNow, WaitGroup } from 'simcc';

export default scenario('ch06: exactly one Done per Add', async () => {
  const wg = new WaitGroup({ name: 'wg' });
  for (let i = 0; i < 2; i++) {
    await wg.add(1); // just before the go statement
    go(async () => {
      try {
        await yieldNow(); // the work
      } finally {
        await wg.done(); // defer wg.Done(), and no other Done
      }
    }, `worker-${i}`);
  }
  await wg.wait();
});
