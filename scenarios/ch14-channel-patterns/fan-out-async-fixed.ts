// Course ch14, fan-out (seed lines 4401–4426), fixed as the extract suggests: count the async
// senders in a WaitGroup and close the outputs only after Wait, so every send happens-before the
// close of its channel.
//
// No bug: the same fanOut, source and consumers as fan-out-async.ts.
// What simcc reports: nothing, in every schedule; each consumer receives both values (in either order:
// async mode does not keep order).
// Buggy twin: fan-out-async.ts
import { scenario, go, assert, Channel, WaitGroup } from 'simcc';

function fanOut(ch: Channel<number>, out: Channel<number>[]): void {
  go(async () => {
    const senders = new WaitGroup({ name: 'senders' });
    try {
      for await (const v of ch) {
        for (let i = 0; i < out.length; i++) {
          await senders.add(1);
          go(async () => {
            await out[i]!.send(v);
            await senders.done();
          }, `send-${v}-to-out[${i}]`);
        }
      }
    } finally {
      await senders.wait(); // FIX: every send is done before the outputs close
      for (const o of out) await o.close();
    }
  }, 'fanOut');
}

export default scenario('ch14: async fan-out waits for its senders before closing', async () => {
  const ch = new Channel<number>(0, { name: 'ch' });
  const out = [new Channel<number>(0, { name: 'out[0]' }), new Channel<number>(0, { name: 'out[1]' })];
  fanOut(ch, out);
  const wg = new WaitGroup({ name: 'consumers' });
  await wg.add(out.length);
  for (const [i, o] of out.entries()) {
    go(async () => {
      let sum = 0;
      for await (const v of o) sum += v;
      assert(sum === 3, `consumer ${i} got a sum of ${sum}`);
      await wg.done();
    }, `consumer-${i}`);
  }
  await ch.send(1);
  await ch.send(2);
  await ch.close();
  await wg.wait();
});
