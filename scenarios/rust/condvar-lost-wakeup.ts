// Rust std, Condvar used without a condition (pitfall P3 of the seed notes, a lost wake-up): the
// std docs' example of seed 000 (l.46–74) with the `started` flag taken away, so that the
// notification itself is supposed to say "started".
//
//   let pair = Arc::new((Mutex::new(()), Condvar::new()));
//   thread::spawn(move || { let (_, cvar) = &*pair2; cvar.notify_one(); });
//   let (lock, cvar) = &*pair;
//   let guard = lock.lock().unwrap();
//   let _guard = cvar.wait(guard).unwrap();    // BUG: the notification may have come already
//
// The bug: a notification with nobody waiting is lost; a Condvar has no memory. The state belongs in
// the Mutex, and the Condvar only says "look again".
// What simcc reports: deadlock, on the schedules where the worker notifies before main waits: the
// worker has ended and main sleeps in wait on Condvar 'cvar' with nobody left to notify it. (On
// the other schedules, or when the wait wakes spuriously, main gets through: luck, not design.)
// Fixed twin: condvar-if-not-while-fixed.ts (a flag under the Mutex, checked in a `while`)
import { scenario, thread, drop, Mutex, Condvar } from 'simcc/rust';

export default scenario({ name: 'rust: a Condvar notification with nobody waiting is lost', expect: ['deadlock'] }, async () => {
  const lock = new Mutex(null, { name: 'lock' });
  const cvar = new Condvar({ name: 'cvar' });

  const worker = thread.spawn(async () => {
    await cvar.notifyOne(); // BUG: nothing records that this happened
  }, 'worker');

  const guard = (await lock.lock()).unwrap();
  const woken = (await cvar.wait(guard)).unwrap();
  await drop(woken);
  (await worker.join()).unwrap();
});
