// Course ch14, fan-out (seed lines 4401–4426): fanOut(ch, out, async) copies every value of `ch` to
// every output channel, and on exit closes all of them (`defer func() { for … close(out[i]) }()`).
// In async mode each copy is sent by a goroutine of its own: `go func() { out[i] <- v }()`.
//
// The bug (the extract's analysis, seed lines 4404–4426): once `ch` is drained, the deferred loop
// closes the outputs while the spawned senders may not have sent yet, so a send can hit a closed
// channel.
// What simcc reports: data-race on an output channel, in every schedule: Go's race detector treats
// close as a write and send as a read, and nothing orders a spawned sender's send before fanOut's
// close — even in schedules where every send happened to come first. (Where the panic comes first,
// simcc reports `send on closed channel`.)
// Fixed twin: fan-out-async-fixed.ts (a WaitGroup over the async senders, close after Wait)
import { scenario, go, Channel, WaitGroup } from 'simcc';

function fanOut(ch: Channel<number>, out: Channel<number>[]): void {
  go(async () => {
    try {
      for await (const v of ch) {
        for (let i = 0; i < out.length; i++) {
          go(async () => out[i]!.send(v), `send-${v}-to-out[${i}]`); // async mode
        }
      }
    } finally {
      for (const o of out) await o.close(); // BUG: the senders may not be done
    }
  }, 'fanOut');
}

export default scenario({ name: 'ch14: async fan-out closes outputs under its senders', expect: ['data-race', 'send-on-closed-channel'] }, async () => {
  const ch = new Channel<number>(0, { name: 'ch' });
  const out = [new Channel<number>(0, { name: 'out[0]' }), new Channel<number>(0, { name: 'out[1]' })];
  fanOut(ch, out);
  const wg = new WaitGroup({ name: 'consumers' });
  await wg.add(out.length);
  for (const [i, o] of out.entries()) {
    go(async () => {
      for await (const v of o) void v;
      await wg.done();
    }, `consumer-${i}`);
  }
  await ch.send(1);
  await ch.send(2);
  await ch.close();
  await wg.wait();
});
