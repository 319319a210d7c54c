// Course ch17, CyclicBarrier's Await(ctx) (seed lines 5294–5309) and the broken state (the
// extract's "barrier-broken", with marusama/cyclicbarrier's exact behaviour). When a waiting party's
// context is done, that party gets ctx.Err() and breaks the barrier. Every other party of the round
// then gets ErrBrokenBarrier (`broken barrier`), and so does every later Await until Reset.
//
// The bug: three workers meet at a barrier, each willing to wait 100 ms for the others. One worker
// is slow (200 ms of work). A fast worker's deadline passes, the round breaks, and the code does not
// handle the broken barrier: it treats Await as if it always succeeds. (In Go the returned error is dropped and
// the worker goes on reading results that were never produced. In simcc the broken barrier is
// thrown.)
// What simcc reports: barrier-broken (`broken barrier`), in a worker that waited in the broken round
// or arrived after it broke. That is about half the schedules: on the others, a machine stall lets
// the slow worker finish its work before the fast ones have started theirs (virtual time may fire a
// timer while goroutines can still run), and the round completes.
// Fixed twin: barrier-timeout-handled.ts
import { scenario, go, CyclicBarrier, WaitGroup, context, sleep } from 'simcc';

export default scenario({ name: 'ch17: a party times out and breaks the barrier', expect: ['barrier-broken'] }, async () => {
  const b = new CyclicBarrier(3, { name: 'b' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (const [name, work] of [['fast-0', 10], ['fast-1', 10], ['slow', 200]] as const) {
    go(async () => {
      await sleep(work);
      const [ctx, cancel] = context.withTimeout(context.background(), 100); // wait at most 100 ms for the others
      await b.await(ctx); // BUG: a broken barrier is not handled
      await cancel();
      await wg.done();
    }, name);
  }
  await wg.wait();
});
