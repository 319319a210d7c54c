// Course ch17, CyclicBarrier's Await(ctx) and the broken state (seed lines 5294–5309), fixed twin
// of barrier-timeout-breaks.ts. Each worker handles both ways the round can fail. Its own deadline
// comes back as Await's result (ctx.Err()). A round broken by someone else is thrown as
// `broken barrier`, and the worker catches it (Go's `if err := b.Await(ctx); err != nil`). Either
// way the worker abandons the round and reports it.
// What simcc reports: nothing.
import { scenario, go, CyclicBarrier, WaitGroup, context, sleep } from 'simcc';

export default scenario('ch17: every party handles a broken round', async () => {
  const b = new CyclicBarrier(3, { name: 'b' });
  const wg = new WaitGroup({ name: 'wg' });
  const failed: string[] = [];
  await wg.add(3);
  for (const [name, work] of [['fast-0', 10], ['fast-1', 10], ['slow', 200]] as const) {
    go(async () => {
      await sleep(work);
      const [ctx, cancel] = context.withTimeout(context.background(), 100); // wait at most 100 ms for the others
      try {
        const err = await b.await(ctx);
        if (err !== null) failed.push(`${name}: ${err.message}`);
      } catch (e) {
        failed.push(`${name}: ${(e as Error).message}`); // broken barrier
      }
      await cancel();
      await wg.done();
    }, name);
  }
  await wg.wait();
  if (await b.isBroken()) await b.reset(); // ready for the next round
});
