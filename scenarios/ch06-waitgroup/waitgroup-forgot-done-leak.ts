// Course ch06, missing Done (seed lines 1644, 1782), in the form Go cannot see (seed extract §3.3
// W-6). When goroutines other than the one in Wait are still alive, for example because main has
// moved on, Go reports no deadlock: the waiting goroutine is simply leaked.
//
// The bug: the same worker with an early return that skips Done (as in waitgroup-forgot-done.ts).
// The Wait is in a background `reporter` goroutine, and main does not wait for it (think of a
// request handler that fires off a batch and returns). The reporter waits forever.
// What simcc reports: leak. After main returns, simcc lets the remaining goroutines run until they
// end or block. The workers end, and `reporter` stays blocked in wg.Wait() with the counter at 1.
// simcc reports it as a leaked goroutine, with what it waits on and where it was started. This
// happens in every schedule.
// Fixed twin: waitgroup-done-deferred.ts (Done deferred on every path)
import { scenario, go, yieldNow, shared, WaitGroup } from 'simcc';

async function worker(wg: WaitGroup, fail: boolean): Promise<void> {
  await yieldNow(); // the work
  if (fail) {
    return; // BUG: this path skips the Done below
  }
  await wg.done();
}

export default scenario({ name: 'ch06: missing Done leaks the waiting goroutine', expect: ['leak'] }, async () => {
  const wg = new WaitGroup({ name: 'wg' });
  const report = shared('report', '');
  await wg.add(2);
  go(() => worker(wg, false), 'worker-0');
  go(() => worker(wg, true), 'worker-1');
  go(async () => {
    await wg.wait(); // never returns
    await report.write('batch done');
  }, 'reporter');
  // main returns: the request is "handled"
});
