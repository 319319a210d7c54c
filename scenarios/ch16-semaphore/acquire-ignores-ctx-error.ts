// Course ch16, Acquire with a context (seed lines 4949–4957, 5003–5049): when the context is done
// before the tokens come, Acquire returns ctx.Err() and leaves the semaphore unchanged. It also
// shows the pitfall "release a resource that was never acquired" (seed 5084–5093).
//
// The bug: the handler ignores Acquire's error. With the pool busy past its 50 ms deadline, Acquire
// fails, but the handler goes on as if it held a token. It touches the pooled connection while the
// owner uses it, then gives back a token it never had.
// What simcc reports: semaphore-overrelease (`semaphore: released more than held`) when its Release
// comes after the owner's, or data-race on the pooled connection when the two uses overlap: the
// failed Acquire orders nothing. Whichever comes first ends the execution, so both are expected.
// Fixed twin: acquire-checks-ctx-error.ts
import { scenario, go, shared, Semaphore, WaitGroup, context, sleep } from 'simcc';

export default scenario(
  { name: 'ch16: using a token that Acquire did not grant', expect: ['semaphore-overrelease', 'data-race'] },
  async () => {
    const pool = new Semaphore(1, { name: 'pool' });
    const conn = shared('conn', 'idle');
    const wg = new WaitGroup({ name: 'wg' });
    await wg.add(2);

    go(async () => {
      await pool.acquire(1);
      await conn.write('busy: long query');
      await sleep(100); // longer than the handler's deadline
      await conn.write('idle');
      await pool.release(1);
      await wg.done();
    }, 'owner');

    go(async () => {
      await sleep(1);
      const [ctx, cancel] = context.withTimeout(context.background(), 50);
      await pool.acquire(1, ctx); // BUG: the error (context deadline exceeded) is ignored
      await conn.write('busy: handler');
      await pool.release(1);
      await cancel();
      await wg.done();
    }, 'handler');

    await wg.wait();
  },
);
