// Course ch16, notifyWaiters and the FIFO rule (seed lines 5063–5082), fixed twin of
// fifo-head-of-line.ts. The batch job's acquire now has a 10 ms timeout. When it expires, the batch
// job leaves the head of the queue. x/sync then calls notifyWaiters again, because "if we were at the
// front and there are extra tokens left, notify other waiters" (the cancelled-acquire path of the
// course's Acquire, seed 5003–5049). The probe gets its token, the loader gets its answer and gives
// back the rest.
//
// The batch job handles the error that its acquire returns (context deadline exceeded) and does not
// release tokens it never got.
// What simcc reports: nothing.
import { scenario, go, assert, Semaphore, Channel, WaitGroup, context, yieldNow } from 'simcc';

export default scenario('ch16: a timed-out head waiter lets the queue move', async () => {
  const sem = new Semaphore(100, { name: 'sem' });
  const answer = new Channel<string>(0, { name: 'answer' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);

  await sem.acquire(100);
  go(async () => {
    const [ctx, cancel] = context.withTimeout(context.background(), 10);
    const err = await sem.acquire(60, ctx);
    if (err === null) await sem.release(60);
    else assert(err === context.DeadlineExceeded, String(err));
    await cancel();
    await wg.done();
  }, 'batch');
  go(async () => {
    await yieldNow();
    await sem.acquire(1);
    await answer.send('probe ok');
    await sem.release(1);
    await wg.done();
  }, 'probe');
  go(async () => {
    await yieldNow();
    await yieldNow();
    await sem.release(50);
    await answer.recv();
    await sem.release(50);
    await wg.done();
  }, 'loader');
  await wg.wait();
});
