// Rust std, thread::park / unpark with a flag, the pattern of std's park docs, with the docs'
// `while` written as an `if`.
//
//   let flag = Arc::new(AtomicBool::new(false));
//   let main_thread = thread::current();
//   let f2 = Arc::clone(&flag);
//   thread::spawn(move || { f2.store(true, Ordering::Release); main_thread.unpark(); });
//   if !flag.load(Ordering::Acquire) {                  // BUG: the docs say `while`
//       thread::park();
//   }
//   assert!(flag.load(Ordering::Acquire));
//
// The bug: park "may also return spuriously, without consuming the token" (std's docs). An unpark
// that comes first is kept as a token, so the order is not the problem; the early return is.
// What simcc reports: assertion "park returned but the flag is still down", on the schedules where
// park returns spuriously before the worker has stored the flag (a spurious return is a scheduling
// choice).
// Fixed twin: park-if-flag-fixed.ts
import { scenario, thread, assert, AtomicBool, Ordering } from 'simcc/rust';

export default scenario({ name: 'rust: thread::park under an if', expect: ['assertion'] }, async () => {
  const flag = new AtomicBool(false, 'flag');
  const mainThread = thread.current();

  const worker = thread.spawn(async () => {
    await flag.store(true, Ordering.Release);
    await mainThread.unpark();
  }, 'worker');

  if (!(await flag.load(Ordering.Acquire))) await thread.park(); // BUG: `if`, not `while`
  assert(await flag.load(Ordering.Acquire), 'park returned but the flag is still down');
  (await worker.join()).unwrap();
});
