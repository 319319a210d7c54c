// Course ch11, the cancellation pattern (seed lines 3324–3349), the buggy variant of the extract's
// demo list (leak catalogue L7): the worker loops `time.Sleep(time.Second)` and never looks at
// ctx.Done(). Cancellation is cooperative, so cancel() cannot stop it.
//
// The bug: the worker ignores its context.
// What simcc reports: leak, in every schedule: after main returns, simcc lets the worker go on (its
// timers fire, up to 60 virtual seconds), and it is still sleeping in its loop when the check gives
// up; the report says where it was started.
// Fixed twin: ctx-cancel-workers.ts
import { scenario, go, sleep, context } from 'simcc';

export default scenario({ name: 'ch11: a worker that ignores its context leaks', expect: ['leak'] }, async () => {
  const [ctx, cancel] = context.withCancel(context.background());
  void ctx; // BUG: the worker is given the context and never looks at it
  go(async () => {
    for (;;) await sleep(1000); // the business, forever
  }, 'worker');
  await sleep(1000);
  await cancel();
  await sleep(2000);
});
