// Kernel of Kubernetes #25331, the fix: the error is forwarded with
//   select { case wc.resultChan <- *errResult: case <-wc.ctx.Done(): }  // user has given up all results
// and wc.cancel() comes after it.
//
// No bug: once the user stops the watch, ctx.Done() is closed and run can always return.
// Buggy twin: k8s-25331-watch-result-leak.ts
import { scenario, go, sleep, select, context, Channel, type Context, type CancelFunc } from 'simcc';

interface Event {
  type: 'ADDED' | 'ERROR';
  object: string;
}

class WatchChan {
  readonly ctx: Context;
  readonly cancel: CancelFunc;
  readonly resultChan = new Channel<Event>(0, { name: 'wc.resultChan' });
  readonly errChan = new Channel<Error>(1, { name: 'wc.errChan' });

  constructor(parent: Context) {
    [this.ctx, this.cancel] = context.withCancel(parent);
  }

  private async startWatching(): Promise<void> {
    await sleep(20); // the etcd watch RPC fails after a while: the revision was compacted
    await this.errChan.send(new Error('mvcc: required revision has been compacted'));
  }

  async run(): Promise<void> {
    go(() => this.startWatching(), 'wc.startWatching');
    const r = await select([this.errChan.recvCase(), this.ctx.done().recvCase()]);
    if (r.index === 0) {
      const errResult: Event = { type: 'ERROR', object: (r.value as Error).message };
      await select([this.resultChan.sendCase(errResult), this.ctx.done().recvCase()]); // FIX
      await this.cancel();
    }
    await this.resultChan.close();
  }

  async stop(): Promise<void> {
    await this.cancel();
  }
}

function watch(ctx: Context): WatchChan {
  const wc = new WatchChan(ctx);
  go(() => wc.run(), 'watchChan.run');
  return wc;
}

export default scenario('k8s 25331 fixed: the error send watches ctx.Done()', async () => {
  const [ctx, cancel] = context.withTimeout(context.background(), 10);
  const w = watch(ctx);
  const r = await select([w.resultChan.recvCase(), ctx.done().recvCase()]);
  if (r.index === 0 && r.ok) {
    // got an event (or the watch error) in time
  }
  await w.stop();
  await cancel();
});
