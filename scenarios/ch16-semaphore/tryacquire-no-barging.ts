// Course ch16, TryAcquire and the FIFO rule (seed lines 4949–4957, 5063–5082; the extract's
// "tryacquire-no-barging"). TryAcquire takes the tokens only if they are free *and nobody is
// queued*, so a non-blocking request never overtakes a waiter, even when enough tokens are free.
//
// The bug: a request handler treats TryAcquire(1) == false as "the pool is exhausted" and rejects
// the request. The handler checked that tokens were free first. But a bulk job that needs 6 of the
// 10 tokens is queued while only 5 are free, so TryAcquire fails with 5 tokens free, and requests are
// rejected although there is capacity.
// What simcc reports: assertion, on the schedules where the bulk job is queued when the handler
// tries.
// Fixed twin: tryacquire-blocking-with-timeout.ts
import { scenario, go, assert, Semaphore, WaitGroup, context, yieldNow } from 'simcc';

export default scenario({ name: 'ch16: tryAcquire fails while a larger waiter is queued', expect: ['assertion'] }, async () => {
  const pool = new Semaphore(10, { name: 'pool' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  await pool.acquire(5); // 5 of 10 in use by earlier requests

  go(async () => {
    await pool.acquire(6, context.background()); // queues: only 5 are free
    await pool.release(6);
    await wg.done();
  }, 'bulk-job');
  go(async () => {
    await yieldNow();
    // "5 tokens are free": the handler expects a token
    assert(await pool.tryAcquire(1), 'request rejected: tryAcquire(1) failed with 5 of 10 tokens free');
    await pool.release(1);
    await wg.done();
  }, 'handler');

  await yieldNow();
  await pool.release(5);
  await wg.wait();
});
