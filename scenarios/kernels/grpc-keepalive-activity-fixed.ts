// gRPC-Go's client keepalive with the fix: `activity` is an atomic flag, set with a store by the
// reader and consumed with CompareAndSwap(1, 0) by the keepalive goroutine.
//
// No bug.
// Buggy twin: grpc-keepalive-activity-race.ts
import { scenario, go, sleep, select, newTimer, context, AtomicInt, Channel, WaitGroup, type Context } from 'simcc';

const KP_TIME = 10; // keepalive.ClientParameters.Time
const KP_TIMEOUT = 5; // keepalive.ClientParameters.Timeout

class Http2Client {
  readonly activity = new AtomicInt(0, 't.activity');
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
      await this.activity.store(1); // FIX
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
      if (await this.activity.compareAndSwap(1, 0)) {
        // FIX
        await timer.reset(KP_TIME);
        continue;
      }
      await select([this.pings.sendCase('ping')], { default: true }); // no activity for KP_TIME: ping the server
      await timer.reset(KP_TIMEOUT);
    }
    await this.wg.done();
  }
}

export default scenario('grpc keepalive fixed: atomic activity flag', async () => {
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
