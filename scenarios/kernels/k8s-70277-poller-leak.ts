// Kernel of Kubernetes #70277 (GoKer blocking/kubernetes/70277): wait.PollUntil leaks its poller.
//   func PollUntil(interval time.Duration, condition ConditionFunc, stopCh <-chan struct{}) error {
//       return WaitFor(poller(interval, 0), condition, stopCh)   // BUG
//   }
// poller(interval, 0) starts a goroutine that ticks forever and offers each tick to WaitFor with a
// non-blocking send (select { case ch <- struct{}{}: default: }); it returns only when `done` is
// closed. WaitFor returns as soon as the condition holds, but `done` is the caller's stopCh, which
// the caller closes only at shutdown (here: never).
//
// The bug: the poller goroutine (and its ticker) outlives the poll.
// Expected finding: leak (the poller still ticking after main returned).
// Fixed twin: k8s-70277-fixed.ts
import { scenario, go, sleep, select, newTimer, Channel, AtomicInt } from 'simcc';

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

async function pollUntil(interval: number, condition: ConditionFunc, stopCh: Channel<void>): Promise<Error | null> {
  return waitFor(poller(interval, 0), condition, stopCh); // BUG: the poller stops only with stopCh
}

export default scenario({ name: 'k8s 70277: PollUntil leaks its poller goroutine', expect: ['leak'] }, async () => {
  const podReady = new AtomicInt(0, 'podReady');
  go(async () => {
    await sleep(25); // the kubelet reports the pod ready
    await podReady.store(1);
  }, 'kubelet');
  const stopCh = new Channel<void>(0, { name: 'stopCh' }); // closed only at controller shutdown
  const err = await pollUntil(10, async () => (await podReady.load()) === 1, stopCh);
  if (err) throw err;
});
