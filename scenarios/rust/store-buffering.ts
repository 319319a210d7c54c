// Rust std, atomics: the "store buffering" litmus test (Dekker's first step). Each thread raises its
// own flag, then looks at the other's; with Release/Acquire both may see the other's flag down.
//
//   let t1 = thread::spawn(|| { X.store(true, Ordering::Release); Y.load(Ordering::Acquire) });
//   let t2 = thread::spawn(|| { Y.store(true, Ordering::Release); X.load(Ordering::Acquire) });
//   let (r1, r2) = (t1.join().unwrap(), t2.join().unwrap());
//   assert!(r1 || r2);                              // BUG: both may be false
//
// The bug: Release/Acquire orders a store before later accesses only for a thread that reads it;
// nothing orders a store before a later load of another location in the same thread (on x86 that
// is the store buffer). Both loads may read the initial `false`.
// What simcc reports: assertion "both threads read false", on the schedules where each load reads
// the initial store, which coherence still allows.
// Fixed twin: store-buffering-fixed.ts
import { scenario, thread, assert, AtomicBool, Ordering } from 'simcc/rust';

export default scenario({ name: 'rust: store buffering with Release/Acquire', expect: ['assertion'] }, async () => {
  const x = new AtomicBool(false, 'x');
  const y = new AtomicBool(false, 'y');

  const t1 = thread.spawn(async () => {
    await x.store(true, Ordering.Release);
    return await y.load(Ordering.Acquire); // BUG: may read false although t2 stored true
  }, 't1');
  const t2 = thread.spawn(async () => {
    await y.store(true, Ordering.Release);
    return await x.load(Ordering.Acquire);
  }, 't2');

  const r1 = (await t1.join()).unwrap();
  const r2 = (await t2.join()).unwrap();
  assert(r1 || r2, 'both threads read false: each missed the store the other made first');
});
