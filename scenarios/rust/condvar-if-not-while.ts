// Rust std, Condvar: the std docs' example (quoted in seed 000, l.46–74) with its `while` written as
// an `if` (pitfall P4 of the seed notes).
//
//   let mut started = lock.lock().unwrap();
//   if !*started {                              // BUG: the docs say `while`
//       started = cvar.wait(started).unwrap();
//   }
//   assert!(*started);
//
// The bug: Condvar::wait "is subject to spurious wakeups" (std's docs): it may return although
// nobody notified and the condition is still false. Waking up is a reason to look again, not a
// promise that the condition holds.
// What simcc reports: assertion "woken but the worker has not started", on the schedules where main
// waits before the worker sets the flag and the wait wakes spuriously. simcc lets every wait wake
// spuriously at most once, as a scheduling choice (--spurious-wakeups N allows more).
// Fixed twins: condvar-if-not-while-fixed.ts (`while`), condvar-if-not-while-fixed-wait-while.ts
// (wait_while)
import { scenario, thread, drop, assert, Mutex, Condvar } from 'simcc/rust';

export default scenario({ name: 'rust: if instead of while around Condvar::wait', expect: ['assertion'] }, async () => {
  const lock = new Mutex(false, { name: 'lock' });
  const cvar = new Condvar({ name: 'cvar' });

  const worker = thread.spawn(async () => {
    const started = (await lock.lock()).unwrap();
    started.value = true;
    await cvar.notifyOne();
    await drop(started);
  }, 'worker');

  let started = (await lock.lock()).unwrap();
  if (!started.value) started = (await cvar.wait(started)).unwrap(); // BUG: `if`, not `while`
  assert(started.value, 'woken but the worker has not started');
  await drop(started);
  (await worker.join()).unwrap();
});
