// bench scenario (issue 9): a correct worker pool in free time mode. Three workers sleep 10, 20 and
// 500 ms, then each selects between sending its result on an unbuffered channel and ctx.done(); main
// selects results until a 100 ms context.withTimeout is done, then cancels and waits on a WaitGroup.
import { scenario, go, Channel, WaitGroup, select, sleep, context } from 'simcc';

export default scenario('worker pool with a timeout', async () => {
  const [ctx, cancel] = context.withTimeout(context.background(), 100);
  const results = new Channel<number>(0, { name: 'results' });
  const wg = new WaitGroup({ name: 'wg' });
  const delays = [10, 20, 500];
  await wg.add(delays.length);
  for (const [i, d] of delays.entries()) {
    go(async () => {
      await sleep(d);
      await select([results.sendCase(i), ctx.done().recvCase()]);
      await wg.done();
    }, `worker-${i}`);
  }
  for (;;) {
    const r = await select([results.recvCase(), ctx.done().recvCase()]);
    if (r.index === 1) break;
  }
  await cancel();
  await wg.wait();
});
