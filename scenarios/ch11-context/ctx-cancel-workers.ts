// Course ch11, the goroutine cancellation pattern (seed lines 3324–3346):
//   go func() { defer fmt.Println("goroutine exit")
//     for { select { case <-ctx.Done(): return; default: time.Sleep(time.Second) } } }()
//   time.Sleep(time.Second); cancel(); time.Sleep(2 * time.Second)
// Cancellation is cooperative: the worker has to poll ctx.Done().
//
// No bug: the course's program, with three such workers sharing one context.
// What simcc reports: nothing, in every schedule: cancel closes ctx.done(), each worker sees it at its
// next poll and returns. main's final sleep orders nothing, so main also waits on a WaitGroup.
// Buggy twin: ctx-worker-ignores-cancel.ts
import { scenario, go, sleep, assert, context, select, WaitGroup } from 'simcc';

export default scenario('ch11: workers poll ctx.done() and exit on cancel', async () => {
  const [ctx, cancel] = context.withCancel(context.background());
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      for (;;) {
        const r = await select([ctx.done().recvCase()], { default: true });
        if (r.index === 0) break; // goroutine exit
        await sleep(1000);
      }
      assert(ctx.err() === context.Canceled);
      await wg.done();
    }, `worker-${i}`);
  }
  await sleep(1000);
  await cancel();
  await sleep(2000);
  await wg.wait();
});
