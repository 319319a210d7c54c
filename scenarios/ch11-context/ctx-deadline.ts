// Course ch11, WithTimeout and the recommended pattern (seed lines 3278–3323):
//   ctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
//   defer cancel()
//   return slowOperation(ctx)
// slowOperation starts a query and returns whichever comes first, its result or ctx.Done().
//
// No bug: the query takes 500 ms, the deadline is 100 ms, so the call returns DeadlineExceeded; the
// query sends its late result into a buffer of one and exits.
// What simcc reports: nothing, in every schedule: the deadline timer always fires first (timers fire
// in deadline order), err() says `context deadline exceeded`, and no goroutine is left. (A schedule
// that stalls main for half a second before its select finds both cases ready; select may then take
// the result — a real machine can do that too.)
// See also: ctx-query-leak.ts (the same call with an unbuffered result channel and a query that
// ignores ctx).
import { scenario, go, sleep, now, assert, context, select, Channel, type Context } from 'simcc';

async function slowOperation(ctx: Context): Promise<string | Error> {
  const result = new Channel<string>(1, { name: 'result' });
  go(async () => {
    await sleep(500); // the query
    await result.send('rows');
  }, 'query');
  const r = await select([result.recvCase(), ctx.done().recvCase()]);
  return r.index === 0 ? r.value! : ctx.err()!;
}

export default scenario('ch11: a call with a timeout returns DeadlineExceeded', async () => {
  const start = now();
  const [ctx, cancel] = context.withTimeout(context.background(), 100);
  try {
    const got = await slowOperation(ctx);
    assert(got === 'rows' || got === context.DeadlineExceeded, `got ${String(got)}`);
    assert(ctx.deadline() === start + 100 && ctx.err() === context.DeadlineExceeded);
  } finally {
    await cancel(); // defer cancel()
  }
});
