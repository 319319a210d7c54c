// Course ch18, ErrGroup.WithContext (seed lines 5509–5525): the derived context is cancelled on the
// first error or when Wait returns, and cancelling does not stop tasks by itself (seed 5517).
// Cancellation is cooperative: every task must watch ctx.Done() wherever it can block.
//
// The bug: main fans out three fetches on a group and takes the first page that arrives on an
// unbuffered `results` channel ("we only need one answer"). Then it returns, cancelling the
// parent context on its way out. The fetches that lost the race block on `results <- page` without
// a select on ctx.Done(), so the cancellation never reaches them. A closer goroutine waits for the
// group to close `results`, and it waits forever too. In a server this leaks goroutines on every
// request.
// What simcc reports: leak. The two losing fetches are blocked forever in their send on 'results',
// and the closer is blocked in the group's Wait, each reported with where it was started.
// Fixed twin: errgroup-tasks-watch-ctx.ts
import { scenario, go, ErrGroup, Channel, context, sleep } from 'simcc';

export default scenario({ name: 'ch18: errgroup tasks that ignore the context leak', expect: ['leak'] }, async () => {
  const [parent, cancel] = context.withCancel(context.background());
  const [g] = ErrGroup.withContext(parent, { name: 'fetch' });
  const results = new Channel<string>(0, { name: 'results' });
  try {
    for (const [mirror, ms] of [['eu', 30], ['us', 10], ['asia', 20]] as const) {
      g.go(async () => {
        await sleep(ms); // the request
        await results.send(`page from ${mirror}`); // BUG: blocks forever once nobody receives
      }, `fetch-${mirror}`);
    }
    go(async () => {
      await g.wait();
      await results.close();
    }, 'closer');
    await results.recv(); // the first answer is enough
  } finally {
    await cancel(); // defer cancel(): the losing fetches never look at it
  }
});
