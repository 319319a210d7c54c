// Course ch16, Acquire with a context (seed lines 4949–4957, 5003–5049), fixed twin of
// acquire-ignores-ctx-error.ts. The handler checks Acquire's error. When its deadline passes first,
// it gives up (in a server it would answer "busy") and does not touch the connection or release
// anything.
// What simcc reports: nothing. Either the handler gets the token after the owner's Release (which
// happens before its Acquire returns), or it gets context deadline exceeded and leaves the pool alone.
import { scenario, go, shared, Semaphore, WaitGroup, context, sleep } from 'simcc';

export default scenario('ch16: a failed Acquire is handled, not used', async () => {
  const pool = new Semaphore(1, { name: 'pool' });
  const conn = shared('conn', 'idle');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);

  go(async () => {
    await pool.acquire(1);
    await conn.write('busy: long query');
    await sleep(100);
    await conn.write('idle');
    await pool.release(1);
    await wg.done();
  }, 'owner');

  go(async () => {
    await sleep(1);
    const [ctx, cancel] = context.withTimeout(context.background(), 50);
    const err = await pool.acquire(1, ctx);
    if (err === null) {
      await conn.write('busy: handler');
      await pool.release(1);
    }
    await cancel();
    await wg.done();
  }, 'handler');

  await wg.wait();
});
