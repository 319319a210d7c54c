// Course ch16, notifyWaiters and its strict FIFO rule (seed lines 5063–5082): released tokens go to
// the waiters in arrival order, and a waiter at the head that does not fit stops everyone behind it,
// even waiters that would fit. The course's example: 100 tokens come back, the first waiter needs
// 101, and every waiter keeps waiting. x/sync does this on purpose, so that a large request is not
// starved by small ones (seed 5082).
//
// The bug: code that assumes a small request gets in as soon as enough tokens are free. `loader`
// holds all 100 tokens. `batch` queues for 60, then `probe` queues for 1. The loader gives 50 back
// and waits for the probe's answer before it releases the rest. 50 tokens are free and the probe
// needs 1, but the probe is queued behind the batch job, which needs 60. The batch job waits for
// the loader's tokens, the loader waits for the probe, and the probe waits behind the batch job.
// What simcc reports: deadlock. The report shows the FIFO rule at work: the probe's acquire(1) has
// 50 of 100 tokens free and one waiter ahead of it in the queue. On schedules where the probe queues
// first, it gets its token and everything finishes.
// Fixed twin: fifo-head-of-line-timeout.ts (the batch job gives up after a timeout, which lets the
// probe through)
import { scenario, go, Semaphore, Channel, WaitGroup, context, yieldNow } from 'simcc';

export default scenario({ name: 'ch16: a small waiter stuck behind a large one (FIFO)', expect: ['deadlock'] }, async () => {
  const sem = new Semaphore(100, { name: 'sem' });
  const answer = new Channel<string>(0, { name: 'answer' });
  const wg = new WaitGroup({ name: 'wg' });
  const ctx = context.background();
  await wg.add(3);

  await sem.acquire(100, ctx); // the loader holds everything
  go(async () => {
    await sem.acquire(60, ctx); // queues first
    await sem.release(60);
    await wg.done();
  }, 'batch');
  go(async () => {
    await yieldNow(); // arrives a little later
    await sem.acquire(1, ctx); // 50 free once the loader gives some back, but the batch job is ahead
    await answer.send('probe ok');
    await sem.release(1);
    await wg.done();
  }, 'probe');
  go(async () => {
    await yieldNow();
    await yieldNow();
    await sem.release(50);
    await answer.recv(); // waits for the probe before it gives the rest back
    await sem.release(50);
    await wg.done();
  }, 'loader');
  await wg.wait();
});
