// Course ch11 (seed lines 3319–3349): the fix of ctx-query-leak.ts — the query selects between
// delivering its result and ctx.Done(), so once the handler has given up (and its deferred cancel
// has closed Done), the query returns instead of blocking.
//
// No bug: the same handler, deadline and slow query as ctx-query-leak.ts.
// What simcc reports: nothing, in every schedule: the handler returns DeadlineExceeded, and the query,
// when its work is done, finds ctx.done() closed and exits.
// Buggy twin: ctx-query-leak.ts
import { scenario, go, sleep, assert, context, select, Channel, type Context } from 'simcc';

function query(ctx: Context, results: Channel<string>): void {
  go(async () => {
    await sleep(500);
    await select([results.sendCase('rows'), ctx.done().recvCase()]); // FIX: give up with the caller
  }, 'query');
}

export default scenario('ch11: a query that watches its context exits', async () => {
  const [ctx, cancel] = context.withTimeout(context.background(), 100);
  try {
    const results = new Channel<string>(0, { name: 'results' });
    query(ctx, results);
    const r = await select([results.recvCase(), ctx.done().recvCase()]);
    if (r.index === 1) assert(ctx.err() === context.DeadlineExceeded);
  } finally {
    await cancel();
  }
});
