// Rust std, atomics: the store-buffering test of store-buffering.ts with SeqCst stores and loads.
//
//   let t1 = thread::spawn(|| { X.store(true, Ordering::SeqCst); Y.load(Ordering::SeqCst) });
//   let t2 = thread::spawn(|| { Y.store(true, Ordering::SeqCst); X.load(Ordering::SeqCst) });
//   assert!(r1 || r2);                              // holds
//
// This is the fixed twin of store-buffering.ts. SeqCst operations take part in one total order
// that every thread agrees on; whichever store comes first in it, the other thread's later load
// must see it, so at least one load reads `true`.
// What simcc reports: nothing, on every schedule.
// Buggy twin: store-buffering.ts
import { scenario, thread, assert, AtomicBool, Ordering } from 'simcc/rust';

export default scenario('rust: store buffering with SeqCst', async () => {
  const x = new AtomicBool(false, 'x');
  const y = new AtomicBool(false, 'y');

  const t1 = thread.spawn(async () => {
    await x.store(true, Ordering.SeqCst); // FIX
    return await y.load(Ordering.SeqCst);
  }, 't1');
  const t2 = thread.spawn(async () => {
    await y.store(true, Ordering.SeqCst);
    return await x.load(Ordering.SeqCst);
  }, 't2');

  const r1 = (await t1.join()).unwrap();
  const r2 = (await t2.join()).unwrap();
  assert(r1 || r2, 'both threads read false: each missed the store the other made first');
});
