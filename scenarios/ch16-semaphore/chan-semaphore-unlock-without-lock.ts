// Course ch16, the channel-based semaphore (seed lines 5095–5122), with a pitfall from the
// extract: releasing a channel semaphore you never acquired does not panic as x/sync's Release does
// (seed 5093). Unlock is a receive from the channel. With nothing in it, the receive blocks forever.
//
// The bug: a cleanup path calls Unlock twice (say a deferred Unlock plus an explicit one, the shape
// of the double-unlock bugs the course collects). The first Unlock frees the unit. The second
// receives from an empty channel and waits for a Lock that never comes.
// What simcc reports: deadlock. The report shows main blocked in a receive from the semaphore's
// channel that no other goroutine will send on.
// Fixed twin: chan-semaphore-locker.ts
import { scenario, go, shared, Channel, WaitGroup } from 'simcc';

export default scenario({ name: 'ch16: unlocking a channel semaphore twice blocks forever', expect: ['deadlock'] }, async () => {
  const sem = new Channel<void>(1, { name: 'sem.ch' });
  const state = shared('state', 0);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    await sem.send(); // Lock
    try {
      await state.write(1);
      await sem.recv(); // BUG: an explicit Unlock on the early path...
    } finally {
      await sem.recv(); // ...and the deferred one: receives from an empty channel forever
    }
    await wg.done();
  }, 'worker');
  await wg.wait();
});
