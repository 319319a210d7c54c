// Course ch06, summary rule 5 "do not miss a Done" (seed lines 1644, 1782), and the pattern of the
// basic example (seed 1517–1518): `defer wg.Done()` as the worker's first statement.
//
// This is the fixed twin of waitgroup-forgot-done.ts and waitgroup-forgot-done-leak.ts. The error
// path still returns early, but the deferred Done (try/finally) runs on every path.
// What simcc reports: nothing.
import { scenario, go, yieldNow, WaitGroup } from 'simcc';

async function worker(wg: WaitGroup, fail: boolean): Promise<void> {
  try {
    await yieldNow(); // the work
    if (fail) {
      return; // the deferred Done still runs
    }
  } finally {
    await wg.done(); // defer wg.Done()
  }
}

export default scenario('ch06: Done deferred on every path', async () => {
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(() => worker(wg, false), 'worker-0');
  go(() => worker(wg, true), 'worker-1');
  await wg.wait();
});
