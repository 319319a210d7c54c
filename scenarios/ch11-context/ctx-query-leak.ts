// Course ch11 with ch13's leak (seed lines 3319–3323 and 3924–3944; leak catalogue L1 and L7): a
// handler bounds a query with WithTimeout and `defer cancel()`, but the query goroutine never looks at
// its context and delivers its result on an unbuffered channel.
//
// The bug: after the deadline the handler returns; cancel() closes ctx.done(), but the query is not
// watching it, and its send `results <- rows` has no receiver any more.
// What simcc reports: leak, in almost every schedule: after main returns, the query's 500 ms finish
// and it blocks forever in its send; the report names the channel and says nobody alive can reach it.
// (Only a schedule that stalls main for half a second before its select can let the result win.)
// Fixed twin: ctx-query-respects-ctx.ts
import { scenario, go, sleep, assert, context, select, Channel, type Context } from 'simcc';

function query(ctx: Context, results: Channel<string>): void {
  void ctx; // BUG: never watched
  go(async () => {
    await sleep(500);
    await results.send('rows'); // blocks forever once the handler is gone
  }, 'query');
}

export default scenario({ name: 'ch11: a query that ignores its context leaks', expect: ['leak'] }, async () => {
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
