// Course ch13, the three channel panics (seed lines 3913–3921): `send on closed channel`. Closing is
// the sender's job, and with several senders no single one of them knows when all are done.
//
// The bug: two producers share `out`; each closes it after its own last send ("I'm done"), so the
// other one may still send — or close it a second time.
// What simcc reports: data-race on the channel in most schedules: Go's race detector treats close as
// a write and send as a read, so a send not ordered before the close races even where it did not
// panic. Where the panic comes first simcc reports it with Go's text (`send on closed channel`, or
// `close of closed channel`).
// Fixed twin: send-on-closed-fixed.ts (a WaitGroup, and one closer after Wait)
import { scenario, go, Channel } from 'simcc';

export default scenario(
  { name: 'ch13: a producer closes a channel another one still sends on', expect: ['data-race', 'send-on-closed-channel', 'close-of-closed-channel'] },
  async () => {
    const out = new Channel<number>(0, { name: 'out' });
    for (const p of [0, 1]) {
      go(async () => {
        for (let i = 0; i < 2; i++) await out.send(p * 10 + i);
        await out.close(); // BUG: the other producer may not be done
      }, `producer-${p}`);
    }
    for await (const v of out) void v; // the consumer
  },
);
