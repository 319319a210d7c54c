// Rust std, Condvar: the std docs' example exactly as seed 000 quotes it (l.46–74, without the
// reader's `loop`): the waiter re-checks its condition in a `while`.
//
//   let mut started = lock.lock().unwrap();
//   while !*started {
//       started = cvar.wait(started).unwrap();
//   }
//
// This is the fixed twin of condvar-if-not-while.ts and of condvar-lost-wakeup.ts: the state lives
// in the Mutex (so a notification that comes before main waits is not needed), and the loop makes a
// spurious wake-up harmless.
// What simcc reports: nothing, on every schedule, spurious wake-ups included.
// Buggy twins: condvar-if-not-while.ts, condvar-lost-wakeup.ts
import { scenario, thread, drop, assert, Mutex, Condvar } from 'simcc/rust';

export default scenario('rust: Condvar::wait in a while loop', async () => {
  const lock = new Mutex(false, { name: 'lock' });
  const cvar = new Condvar({ name: 'cvar' });

  const worker = thread.spawn(async () => {
    const started = (await lock.lock()).unwrap();
    started.value = true;
    await cvar.notifyOne();
    await drop(started);
  }, 'worker');

  let started = (await lock.lock()).unwrap();
  while (!started.value) started = (await cvar.wait(started)).unwrap(); // FIX: look again after every wake-up
  assert(started.value, 'woken but the worker has not started');
  await drop(started);
  (await worker.join()).unwrap();
});
