// Course ch16, the channel semaphore's limitation (seed line 5123) and its fix: x/sync's Weighted
// takes several tokens in one call (seed 4949–4957). Fixed twin of
// chan-semaphore-multi-unit-deadlock.ts: each job asks for both units with Acquire(ctx, 2), which
// grants all of them or none.
// What simcc reports: nothing. A job either holds both units or waits holding none, so no circular
// wait can form.
import { scenario, go, yieldNow, Semaphore, WaitGroup, context } from 'simcc';

export default scenario('ch16: a weighted semaphore takes both units at once', async () => {
  const sem = new Semaphore(2, { name: 'sem' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (const name of ['job-a', 'job-b']) {
    go(async () => {
      await sem.acquire(2, context.background());
      await yieldNow(); // ... use both units ...
      await sem.release(2);
      await wg.done();
    }, name);
  }
  await wg.wait();
});
