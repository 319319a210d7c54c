// Course ch06, summary rule 5 "do not miss a Done, or Wait hangs" (seed lines 1644, 1782). A
// worker has an error path that returns early. Its Done is written at the end of the function, not
// deferred, so the early return skips it.
//
// The bug: two Add(1)s and one Done. main's Wait waits forever for a Done that never comes.
// What simcc reports: deadlock. worker-1 returns without Done and worker-0 finishes, so main, blocked
// in wg.Wait() with the counter at 1, is the only live goroutine: `all goroutines are asleep -
// deadlock!`. This happens in every schedule. (If other goroutines kept running, Go would say
// nothing. waitgroup-forgot-done-leak.ts shows that case.)
// Fixed twin: waitgroup-done-deferred.ts
import { scenario, go, yieldNow, WaitGroup } from 'simcc';

async function worker(wg: WaitGroup, fail: boolean): Promise<void> {
  await yieldNow(); // the work
  if (fail) {
    return; // BUG: this path skips the Done below
  }
  await wg.done();
}

export default scenario({ name: 'ch06: a worker returns without Done', expect: ['deadlock'] }, async () => {
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(() => worker(wg, false), 'worker-0');
  go(() => worker(wg, true), 'worker-1');
  await wg.wait(); // hangs: the counter never gets back to 0
});
