// The AfterFunc timeout-flag race, fixed: the flag is an atomic (atomic.Bool), so the handler's load
// synchronises with the callback's store.
//   var timedOut atomic.Bool
//   t := time.AfterFunc(timeout, func() { timedOut.Store(true); cancel() })
//   if !t.Stop() && timedOut.Load() { return errTimeout }
// No bug.
// Buggy twin: afterfunc-timeout-flag-race.ts
import { scenario, afterFunc, context, sleep, AtomicInt } from 'simcc';

export default scenario('afterFunc: watchdog flag is an atomic', async () => {
  const [ctx, cancel] = context.withCancel(context.background());
  const timedOut = new AtomicInt(0, 'timedOut');
  const t = afterFunc(10, async () => {
    await timedOut.store(1);
    await cancel();
  });
  await sleep(8);
  void ctx;
  if (!(await t.stop()) && (await timedOut.load()) === 1) {
    // errTimeout
  }
  await cancel();
});
