// Course ch18, ErrGroup.WithContext (seed lines 5509–5525), fixed twin of
// errgroup-tasks-ignore-ctx-leak.ts. Each fetch sends its page inside a select with ctx.Done()
// (cooperative cancellation, seed 5517). When main has its answer and cancels the parent context on
// the way out, the derived context is cancelled too, the losing fetches return ctx.Err(), the group's
// Wait returns, and the closer closes `results`.
// What simcc reports: nothing. After main returns, every goroutine ends.
import { scenario, go, ErrGroup, Channel, context, select, sleep } from 'simcc';

export default scenario('ch18: errgroup tasks watch the context', async () => {
  const [parent, cancel] = context.withCancel(context.background());
  const [g, ctx] = ErrGroup.withContext(parent, { name: 'fetch' });
  const results = new Channel<string>(0, { name: 'results' });
  try {
    for (const [mirror, ms] of [['eu', 30], ['us', 10], ['asia', 20]] as const) {
      g.go(async () => {
        await sleep(ms);
        const s = await select([results.sendCase(`page from ${mirror}`), ctx.done().recvCase()]);
        if (s.index === 1) throw ctx.err()!;
      }, `fetch-${mirror}`);
    }
    go(async () => {
      await g.wait();
      await results.close();
    }, 'closer');
    await results.recv();
  } finally {
    await cancel();
  }
});
