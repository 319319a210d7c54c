// Kernel of gRPC-Go's client keepalive data race (http2Client.activity; grpc-go's transport made it
// an atomic after the race detector flagged it): the reader goroutine marks the transport active on
// every frame it reads, and the keepalive goroutine, woken by a timer, checks and clears the flag to
// decide whether to ping:
//   reader:    t.activity = 1                       // BUG: plain write
//   keepalive: case <-timer.C: if t.activity == 1 { t.activity = 0; timer.Reset(kp.Time); continue }
//
// The bug: the two goroutines share `activity` with nothing ordering their accesses (the timer is
// no synchronisation).
// Expected finding: data-race on t.activity.
// Fixed twin: grpc-keepalive-activity-fixed.ts
import { scenario, go, sleep, select, newTimer, context, shared, Channel, WaitGroup, type Context } from 'simcc';

const KP_TIME = 10; // keepalive.ClientParameters.Time
const KP_TIMEOUT = 5; // keepalive.ClientParameters.Timeout

class Http2Client {
  readonly activity = shared('t.activity', 0);
  readonly frames = new Channel<string>(0, { name: 't.framer' });
  readonly pings = new Channel<string>(4, { name: 't.controlBuf' });
  readonly wg = new WaitGroup({ name: 't.wg' });

  constructor(readonly ctx: Context) {}

  async start(): Promise<void> {
    await this.wg.add(2);
    go(() => this.reader(), 't.reader');
    go(() => this.keepalive(), 't.keepalive');
  }

  private async reader(): Promise<void> {
    for (;;) {
      const r = await select([this.frames.recvCase(), this.ctx.done().recvCase()]);
      if (r.index === 1) break;
      await this.activity.write(1); // BUG: not atomic
    }
    await this.wg.done();
  }

  private async keepalive(): Promise<void> {
    const timer = newTimer(KP_TIME, 'keepalive.timer');
    for (;;) {
      const r = await select([timer.c.recvCase(), this.ctx.done().recvCase()]);
      if (r.index === 1) {
        await timer.stop();
        break;
      }
      if ((await this.activity.read()) === 1) {
        // BUG: not atomic
        await this.activity.write(0);
        await timer.reset(KP_TIME);
        continue;
      }
      await select([this.pings.sendCase('ping')], { default: true }); // no activity for KP_TIME: ping the server
      await timer.reset(KP_TIMEOUT);
    }
    await this.wg.done();
  }
}

export default scenario({ name: 'grpc keepalive: activity flag shared without atomics', expect: ['data-race'] }, async () => {
  const [ctx, cancel] = context.withCancel(context.background());
  const t = new Http2Client(ctx);
  await t.start();
  // the server: two frames a little apart
  await sleep(5);
  await t.frames.send('HEADERS');
  await sleep(12);
  await t.frames.send('DATA');
  await cancel(); // conn.Close()
  await t.wg.wait();
});
