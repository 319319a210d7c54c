// Kernel of Kubernetes #70277, the fix: PollUntil derives a context from stopCh and cancels it when
// WaitFor returns, so the poller's `done` is closed either way:
//   ctx, cancel := contextForChannel(stopCh)
//   defer cancel()
//   return WaitFor(poller(interval, 0), condition, ctx.Done())
//
// No bug: the poller and contextForChannel's goroutine both end after the poll.
// Buggy twin: k8s-70277-poller-leak.ts
import { scenario, go, sleep, select, newTimer, context, Channel, AtomicInt, type Context, type CancelFunc } from 'simcc';

type ConditionFunc = () => Promise<boolean>;
type WaitFunc = (done: Channel<void>) => Channel<void>;

function poller(interval: number, timeout: number): WaitFunc {
  return (done) => {
    const ch = new Channel<void>(0, { name: 'poller.ch' });
    go(async () => {
      const tick = newTimer(interval, 'tick'); // time.NewTicker(interval)
      const timer = timeout !== 0 ? newTimer(timeout, 'timeout') : undefined;
      const after = timer ? timer.c : Channel.nil<number>('after');
      for (;;) {
        const r = await select([tick.c.recvCase(), after.recvCase(), done.recvCase()]);
        if (r.index !== 0) break;
        await tick.reset(interval);
        await select([ch.sendCase(undefined)], { default: true }); // drop the tick if WaitFor is busy
      }
      await tick.stop();
      if (timer) await timer.stop();
      await ch.close();
    }, 'poller');
    return ch;
  };
}

async function waitFor(wait: WaitFunc, fn: ConditionFunc, done: Channel<void>): Promise<Error | null> {
  const c = wait(done);
  for (;;) {
    const { ok: open } = await c.recvOk();
    if (await fn()) return null;
    if (!open) break;
  }
  return new Error('timed out waiting for the condition');
}

function contextForChannel(parentCh: Channel<void>): [Context, CancelFunc] {
  const [ctx, cancel] = context.withCancel(context.background());
  go(async () => {
    const r = await select([parentCh.recvCase(), ctx.done().recvCase()]);
    if (r.index === 0) await cancel();
  }, 'contextForChannel');
  return [ctx, cancel];
}

async function pollUntil(interval: number, condition: ConditionFunc, stopCh: Channel<void>): Promise<Error | null> {
  const [ctx, cancel] = contextForChannel(stopCh);
  try {
    return await waitFor(poller(interval, 0), condition, ctx.done()); // FIX
  } finally {
    await cancel();
  }
}

export default scenario('k8s 70277 fixed: PollUntil cancels its poller', async () => {
  const podReady = new AtomicInt(0, 'podReady');
  go(async () => {
    await sleep(25); // the kubelet reports the pod ready
    await podReady.store(1);
  }, 'kubelet');
  const stopCh = new Channel<void>(0, { name: 'stopCh' }); // closed only at controller shutdown
  const err = await pollUntil(10, async () => (await podReady.load()) === 1, stopCh);
  if (err) throw err;
});
