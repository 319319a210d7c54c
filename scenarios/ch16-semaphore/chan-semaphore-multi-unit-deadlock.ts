// Course ch16, the channel-based semaphore (seed lines 5095–5122) and its limitation (seed 5123):
// a buffered channel of capacity n works as a semaphore, with send as acquire and receive as
// release. But it has no way to take several units in one call. A request for k units is k separate
// sends, so a multi-unit request is not atomic.
//
// The bug: two jobs each need both units of a capacity-2 channel semaphore and take them one send
// at a time. When each has taken one unit, the channel is full. Each waits for a unit the other
// holds, which is the circular wait of chapter 3 built from a semaphore.
// What simcc reports: deadlock, on the schedules where both jobs take their first unit before
// either takes its second (main is blocked in wg.Wait(), so Go too would say all goroutines are
// asleep).
// Fixed twin: chan-semaphore-weighted-batch.ts (x/sync's Acquire(ctx, 2) takes both at once)
import { scenario, go, yieldNow, Channel, WaitGroup } from 'simcc';

export default scenario({ name: 'ch16: a channel semaphore taken one unit at a time', expect: ['deadlock'] }, async () => {
  const sem = new Channel<void>(2, { name: 'sem' }); // NewSemaphore(2)
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (const name of ['job-a', 'job-b']) {
    go(async () => {
      for (let unit = 0; unit < 2; unit++) {
        await sem.send(); // Lock(): one unit per send
        await yieldNow();
      }
      // ... use both units ...
      await sem.recv();
      await sem.recv();
      await wg.done();
    }, name);
  }
  await wg.wait();
});
