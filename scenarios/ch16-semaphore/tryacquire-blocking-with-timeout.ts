// Course ch16, TryAcquire and the FIFO rule (seed lines 4949–4957, 5063–5082), fixed twin of
// tryacquire-no-barging.ts. The handler does not take a failed TryAcquire as "no capacity". It
// queues with Acquire and a deadline, behind the bulk job, as x/sync intends, and rejects the
// request only if the deadline passes.
// What simcc reports: nothing. Once the earlier requests give their 5 tokens back, the bulk job gets
// 6 and the handler gets 1; all the tokens are returned.
import { scenario, go, Semaphore, WaitGroup, context, yieldNow } from 'simcc';

export default scenario('ch16: queue with a deadline instead of trying once', async () => {
  const pool = new Semaphore(10, { name: 'pool' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  await pool.acquire(5);

  go(async () => {
    await pool.acquire(6, context.background());
    await pool.release(6);
    await wg.done();
  }, 'bulk-job');
  go(async () => {
    await yieldNow();
    const [ctx, cancel] = context.withTimeout(context.background(), 1000);
    const err = await pool.acquire(1, ctx);
    if (err === null) await pool.release(1); // otherwise: reject the request (503), nothing to release
    await cancel();
    await wg.done();
  }, 'handler');

  await yieldNow();
  await pool.release(5);
  await wg.wait();
});
