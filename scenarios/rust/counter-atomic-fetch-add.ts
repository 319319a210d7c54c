// Rust std, AtomicUsize: the counter of counter-atomic-load-store.ts with one read-modify-write.
//
//   count.fetch_add(1, Ordering::Relaxed);   // FIX: the load and the store are one atomic step
//
// This is the fixed twin of counter-atomic-load-store.ts. A read-modify-write always reads the
// latest value in the location's modification order, so no increment is lost. Relaxed is enough:
// a counter needs atomicity, not ordering (demo 8 of the seed notes), and the joins order the final
// load after every increment.
// What simcc reports: nothing, on every schedule; the count is 10.
// Buggy twin: counter-atomic-load-store.ts
import { scenario, thread, assert, AtomicUsize, Ordering } from 'simcc/rust';

const N = 10;

export default scenario('rust: an atomic counter incremented by fetch_add', async () => {
  const count = new AtomicUsize(0, 'count');
  const handles = Array.from({ length: N }, (_, i) =>
    thread.spawn(async () => {
      await count.fetchAdd(1, Ordering.Relaxed); // FIX
    }, `thread-${i}`),
  );
  for (const h of handles) (await h.join()).unwrap();
  const total = await count.load(Ordering.Relaxed);
  assert(total === N, `an increment was lost: count = ${total}`);
});
