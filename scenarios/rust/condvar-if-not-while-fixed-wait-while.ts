// Rust std, Condvar: the std docs' example with the loop written by Condvar::wait_while, which
// blocks while the predicate holds and re-checks it after every wake-up, spurious or not.
//
//   let started = cvar
//       .wait_while(lock.lock().unwrap(), |started| !*started)
//       .unwrap();
//
// This is the second fixed twin of condvar-if-not-while.ts: the same worker and the same check,
// with the `while` inside the library.
// What simcc reports: nothing, on every schedule, spurious wake-ups included.
// Buggy twin: condvar-if-not-while.ts
import { scenario, thread, drop, assert, Mutex, Condvar } from 'simcc/rust';

export default scenario('rust: Condvar::wait_while', async () => {
  const lock = new Mutex(false, { name: 'lock' });
  const cvar = new Condvar({ name: 'cvar' });

  const worker = thread.spawn(async () => {
    const started = (await lock.lock()).unwrap();
    started.value = true;
    await cvar.notifyOne();
    await drop(started);
  }, 'worker');

  const guard = (await lock.lock()).unwrap();
  const started = (await cvar.waitWhile(guard, (started) => !started)).unwrap(); // FIX: the loop is inside
  assert(started.value, 'woken but the worker has not started');
  await drop(started);
  (await worker.join()).unwrap();
});
