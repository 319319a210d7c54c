// tokio: a timeout on a JoinHandle cancels the wait, not the task.
//
//   let _ = timeout(Duration::from_millis(100), &mut h).await;   // BUG: on Err, the worker runs on
//   cleanup();
//
// The bug: when the time elapses, `timeout` cancels the operation it wraps (the join), and only
// that; the worker task runs on and writes its result after the cleanup.
// What simcc reports: assertion ("the timed-out worker wrote after the cleanup").
// Fixed twin: timeout-does-not-stop-task-fixed.ts
import { scenario, spawn, sleep, timeout, assert } from 'simcc/tokio';

export default scenario({ name: 'tokio: timeout on a join leaves the task running', expect: ['assertion'] }, async () => {
  const log: string[] = [];
  const h = spawn(async () => {
    await sleep(150);
    log.push('worker wrote');
  }, 'slow-worker');

  const r = await timeout(100, () => h.join());
  void r; // BUG: on Err(Elapsed) the worker is not stopped
  log.push('cleanup');
  await sleep(100);
  assert(log[log.length - 1] === 'cleanup', 'the timed-out worker wrote after the cleanup');
});
