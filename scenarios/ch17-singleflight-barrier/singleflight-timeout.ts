// Course ch17, SingleFlight's Do (seed lines 5179–5197), fixed twin of singleflight-hang.ts. fn
// waits for the back end with a deadline (context.WithTimeout and a select on ctx.Done()), so the
// flight ends when the deadline passes. Every merged caller gets the timeout error, and the next
// request starts a new flight.
// What simcc reports: nothing.
import { scenario, go, assert, Channel, WaitGroup, SingleFlight, context, select } from 'simcc';

export default scenario('ch17: fn gives up after a deadline', async () => {
  const group = new SingleFlight({ name: 'loadGroup' });
  const backend = new Channel<string>(0, { name: 'backend.reply' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      const { value } = await group.do('user:42', async () => {
        const [ctx, cancel] = context.withTimeout(context.background(), 100);
        const s = await select([backend.recvCase(), ctx.done().recvCase()]);
        await cancel();
        return s.index === 0 ? { row: s.value as string } : { err: ctx.err() };
      });
      assert(value.err === context.DeadlineExceeded);
      await wg.done();
    }, `request-${i}`);
  }
  await wg.wait();
});
