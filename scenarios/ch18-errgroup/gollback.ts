// Course ch18, vardius/gollback (seed lines 5859–5929): All waits for every function and returns
// results and errors in argument order. Race returns the first success and cancels the context of
// the others. Retry calls a function until it succeeds, up to n times or until the context is done.
// The course's examples: All with fn1 sleeping 3 s and returning 1, fn2 failing, fn3 returning 3;
// Retry of an always-failing function, 5 tries under a 5 s timeout.
//
// This is a correct program, with the three helpers written out over goroutines, channels and
// contexts, on virtual time.
// What simcc reports: nothing.
import { scenario, go, assert, Channel, WaitGroup, context, select, sleep, now, type Context } from 'simcc';

type AsyncFunc = (ctx: Context) => Promise<number>;

async function all(ctx: Context, fns: AsyncFunc[]): Promise<[(number | null)[], (Error | null)[]]> {
  const rs: (number | null)[] = fns.map(() => null);
  const errs: (Error | null)[] = fns.map(() => null);
  const wg = new WaitGroup({ name: 'all.wg' });
  await wg.add(fns.length);
  fns.forEach((fn, i) =>
    go(async () => {
      try {
        rs[i] = await fn(ctx);
      } catch (e) {
        errs[i] = e as Error;
      }
      await wg.done();
    }, `all-${i}`),
  );
  await wg.wait(); // every slot is written before this returns
  return [rs, errs];
}

async function race(parent: Context, fns: AsyncFunc[]): Promise<number> {
  const [ctx, cancel] = context.withCancel(parent);
  const first = new Channel<number>(fns.length, { name: 'race.first' }); // buffered: losers never block
  fns.forEach((fn, i) =>
    go(async () => {
      try {
        await first.send(await fn(ctx));
      } catch {
        /* a failure does not win */
      }
    }, `race-${i}`),
  );
  const v = (await first.recv())!;
  await cancel(); // tell the others to stop
  return v;
}

async function retry(ctx: Context, tries: number, fn: AsyncFunc): Promise<{ value?: number; err: Error | null; attempts: number }> {
  let err: Error | null = null;
  for (let attempt = 1; tries === 0 || attempt <= tries; attempt++) {
    if (ctx.err()) return { err: ctx.err(), attempts: attempt - 1 };
    try {
      return { value: await fn(ctx), err: null, attempts: attempt };
    } catch (e) {
      err = e as Error;
    }
  }
  return { err, attempts: tries };
}

export default scenario('ch18: gollback All, Race and Retry', async () => {
  const bg = context.background();
  const [rs, errs] = await all(bg, [
    async () => {
      await sleep(3000);
      return 1;
    },
    async () => {
      throw new Error('failed');
    },
    async () => 3,
  ]);
  assert(rs[0] === 1 && rs[1] === null && rs[2] === 3 && errs[1]?.message === 'failed' && errs[0] === null);

  const winner = await race(bg, [
    async (ctx) => {
      const s = await select([ctx.done().recvCase(), new Channel<void>(0).recvCase()]);
      void s;
      throw ctx.err()!; // cancelled by the winner
    },
    async () => {
      await sleep(10);
      return 42;
    },
  ]);
  assert(winner === 42);

  const [ctx, cancel] = context.withTimeout(bg, 5000);
  const start = now();
  const r = await retry(ctx, 5, async () => {
    await sleep(100);
    throw new Error('always fails');
  });
  await cancel();
  assert(r.err !== null && r.attempts <= 5 && now() - start <= 5000 + 100, `${r.attempts} attempts, ${String(r.err)}`);
});
