// Course ch13, closing a channel with several senders (seed lines 3913–3921, 3945–3963): the senders
// count themselves in a WaitGroup, and one extra goroutine closes the channel after Wait returns, so
// every send happens-before the close.
//
// No bug: the same two producers and consumer as send-on-closed.ts.
// What simcc reports: nothing, in every schedule: no send after close, no second close, and no race
// between the sends and the close (each producer's Done happens-before Wait returns).
// Buggy twin: send-on-closed.ts
import { scenario, go, assert, Channel, WaitGroup } from 'simcc';

export default scenario('ch13: close after every sender is done', async () => {
  const out = new Channel<number>(0, { name: 'out' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (const p of [0, 1]) {
    go(async () => {
      for (let i = 0; i < 2; i++) await out.send(p * 10 + i);
      await wg.done();
    }, `producer-${p}`);
  }
  go(async () => {
    await wg.wait();
    await out.close(); // FIX: the only close, after every send
  }, 'closer');
  let n = 0;
  for await (const v of out) n += v === undefined ? 0 : 1;
  assert(n === 4, `received ${n} values`);
});
