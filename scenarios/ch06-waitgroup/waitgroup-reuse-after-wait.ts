// Course ch06, common mistake 3 "reusing the WaitGroup before the previous Wait has returned" (seed
// lines 1723–1738). The course's rule (seed 1724, 1738) is that a WaitGroup may be reused, but only
// after the previous round's Wait has returned, like heats in athletics. (Its summary, seed 1778,
// adds that a fresh WaitGroup is cheaper than the risk.)
//
// This is the fixed twin of waitgroup-reuse.ts. Two rounds use one WaitGroup, and main starts the
// second round's Add only after the first round's Wait has returned. The workers only call Done.
// What simcc reports: nothing.
import { scenario, go, yieldNow, WaitGroup } from 'simcc';

export default scenario('ch06: WaitGroup reused after Wait returned', async () => {
  const wg = new WaitGroup({ name: 'wg' });
  for (let round = 0; round < 2; round++) {
    await wg.add(1); // after the previous Wait returned
    go(async () => {
      await yieldNow(); // time.Sleep(time.Millisecond)
      await wg.done();
    }, `round-${round}`);
    await wg.wait();
  }
});
