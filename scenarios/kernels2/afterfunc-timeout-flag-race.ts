// Kernel of the AfterFunc timeout-flag race (a pattern go test -race reports in request handlers
// with a time.AfterFunc watchdog; e.g. the family of grpc-go/kubernetes "data race on timedOut"
// fixes). The handler arms a watchdog whose callback, running in a goroutine of its own, marks the
// request as timed out; after the work the handler stops the watchdog and reads the flag:
//   timedOut := false
//   t := time.AfterFunc(timeout, func() { timedOut = true; cancel() })   // write, in the timer's goroutine
//   resp := doWork(ctx)
//   if !t.Stop() && timedOut {                                           // BUG: plain read
//       return errTimeout
//   }
//
// The bug: Stop returning false says the callback was started, not that it finished, and it creates
// no happens-before edge with the callback's goroutine: the read of timedOut races with its write.
// Expected finding: data-race.
// Fixed twin: afterfunc-timeout-flag-fixed.ts
import { scenario, afterFunc, context, sleep, shared } from 'simcc';

export default scenario({ name: 'afterFunc: watchdog flag read without synchronisation', expect: ['data-race'] }, async () => {
  const [ctx, cancel] = context.withCancel(context.background());
  const timedOut = shared('timedOut', false);
  const t = afterFunc(10, async () => {
    await timedOut.write(true);
    await cancel();
  });
  await sleep(8); // doWork(ctx): usually a little faster than the watchdog
  void ctx;
  if (!(await t.stop()) && (await timedOut.read())) {
    // errTimeout
  }
  await cancel();
});
