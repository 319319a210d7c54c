// tokio: the slow worker of timeout-does-not-stop-task.ts, aborted when the timeout elapses.
//
//   if timeout(Duration::from_millis(100), &mut h).await.is_err() {
//       h.abort();                                  // FIX: stop the task...
//       assert!(h.await.unwrap_err().is_cancelled()); // ...and wait until it has stopped
//       cleanup();
//   }
//
// `abort` takes effect at the task's next await (here at once: it waits in its sleep), and the join
// returns once it has ended, Cancelled.
// What simcc reports: nothing.
// Buggy twin: timeout-does-not-stop-task.ts
import { scenario, spawn, sleep, timeout, assert } from 'simcc/tokio';

export default scenario('tokio: a timed-out task aborted before the cleanup', async () => {
  const log: string[] = [];
  const h = spawn(async () => {
    await sleep(150);
    log.push('worker wrote');
  }, 'slow-worker');

  const r = await timeout(100, () => h.join());
  if (r.isErr()) {
    h.abort(); // FIX
    const j = await h.join(); // Ok if it ended before the abort, else Cancelled
    assert(j.isOk() || j.error.isCancelled(), 'the worker was cancelled');
  }
  log.push('cleanup');
  await sleep(100);
  assert(log[log.length - 1] === 'cleanup', 'the timed-out worker wrote after the cleanup');
});
