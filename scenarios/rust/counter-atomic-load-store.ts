// Rust std, AtomicUsize: a counter whose increment is an atomic load followed by an atomic store,
// the way `count++` reads when ported by hand.
//
//   let count = Arc::new(AtomicUsize::new(0));
//   for _ in 0..10 {
//       let count = Arc::clone(&count);
//       handles.push(thread::spawn(move || {
//           let v = count.load(Ordering::Relaxed);
//           count.store(v + 1, Ordering::Relaxed);   // BUG: two atomic steps are not one
//       }));
//   }
//   for h in handles { h.join().unwrap(); }
//   assert_eq!(count.load(Ordering::Relaxed), 10);
//
// The bug: every access is atomic, so there is no data race, but another thread's store can come
// between this thread's load and store, and is then overwritten: a lost update. (With Relaxed the
// load may also read an older value than the latest store, which loses updates even without a
// preemption; no ordering fixes that, only a read-modify-write does.)
// What simcc reports: assertion "an increment was lost" (count below 10).
// Fixed twin: counter-atomic-fetch-add.ts
import { scenario, thread, assert, AtomicUsize, Ordering } from 'simcc/rust';

const N = 10;

export default scenario({ name: 'rust: an atomic counter incremented by load then store', expect: ['assertion'] }, async () => {
  const count = new AtomicUsize(0, 'count');
  const handles = Array.from({ length: N }, (_, i) =>
    thread.spawn(async () => {
      const v = await count.load(Ordering.Relaxed);
      await count.store(v + 1, Ordering.Relaxed); // BUG
    }, `thread-${i}`),
  );
  for (const h of handles) (await h.join()).unwrap();
  const total = await count.load(Ordering.Relaxed);
  assert(total === N, `an increment was lost: count = ${total}`);
});
