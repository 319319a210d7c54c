// Course ch17, SingleFlight's Do (seed lines 5150–5213), with upstream x/sync's handling of a panic
// in fn (the extract's "[beyond course] current x/sync"): the panic is recovered, and then
// re-panicked in every caller of that flight, the one that ran fn and each duplicate.
//
// The bug: the loader panics when the database is down (a nil row dereferenced, say), and the
// request handlers do not recover. One bad load takes down every request that was merged into it.
// What simcc reports: panic (`database connection refused`), thrown in the caller that ran fn and
// rethrown in each waiting caller. The first uncaught one is the finding, at the panic's line in fn.
// Fixed twin: singleflight-error-value.ts
import { scenario, go, panic, WaitGroup, SingleFlight, yieldNow } from 'simcc';

export default scenario({ name: 'ch17: a panic in fn reaches every merged caller', expect: ['panic'] }, async () => {
  const group = new SingleFlight({ name: 'loadGroup' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      await group.do('user:42', async () => {
        await yieldNow(); // the query
        panic('database connection refused'); // BUG: a failure is a panic, not an error
      });
      await wg.done();
    }, `request-${i}`);
  }
  await wg.wait();
});
