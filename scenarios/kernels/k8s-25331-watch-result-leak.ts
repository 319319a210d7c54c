// Kernel of Kubernetes #25331 (GoKer blocking/kubernetes/25331): the etcd3 storage watcher.
// watchChan.run starts startWatching, which reports a failure on the buffered errChan, and forwards
// that error to the user on the unbuffered resultChan:
//   select {
//   case err := <-wc.errChan:
//       errResult := parseError(err)
//       wc.cancel()
//       wc.resultChan <- errResult     // BUG: nobody may be reading any more
//   case <-wc.ctx.Done():
//   }
// The user watches with a request timeout (context.WithTimeout), gives up when it expires, and
// stops the watch (cancel).
//
// The bug: when the etcd error arrives after the user has given up, run blocks forever in the send
// on resultChan: the only reader has returned, and run never looks at ctx.Done() again.
// Expected finding: leak (watchChan.run blocked in a send on resultChan after main returned).
// Fixed twin: k8s-25331-fixed.ts
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
      await this.cancel();
      await this.resultChan.send(errResult); // BUG: blocks once the user stopped reading
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

export default scenario({ name: 'k8s 25331: watcher blocks sending its error after the user gave up', expect: ['leak'] }, async () => {
  const [ctx, cancel] = context.withTimeout(context.background(), 10);
  const w = watch(ctx);
  const r = await select([w.resultChan.recvCase(), ctx.done().recvCase()]);
  if (r.index === 0 && r.ok) {
    // got an event (or the watch error) in time
  }
  await w.stop();
  await cancel();
});
