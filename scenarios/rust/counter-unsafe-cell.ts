// Rust, a counter shared without a lock (pitfall P16 of the seed notes; the Go counter of seed 003,
// l.63–80, without its `mu`). Safe Rust refuses to compile this; it takes `unsafe` to write it:
//
//   struct Racy(UnsafeCell<usize>);
//   unsafe impl Sync for Racy {}           // a promise that is not true
//   let count = Arc::new(Racy(UnsafeCell::new(0)));
//   for _ in 0..10 {
//       let count = Arc::clone(&count);
//       handles.push(thread::spawn(move || unsafe { *count.0.get() += 1 }));   // BUG
//   }
//
// The bug: ten unsynchronised writes to one memory location, a data race (undefined behaviour in
// Rust, whatever the count ends up as).
// What simcc reports: data-race on UnsafeCell 'count': two of the `+= 1`s with no happens-before
// between them, both threads and both places named. It is found on every schedule, even where the
// increments happen not to overlap.
// Fixed twin: counter-arc-mutex.ts
import { scenario, thread, assert, UnsafeCell } from 'simcc/rust';

const N = 10;

export default scenario({ name: 'rust: a counter in an UnsafeCell', expect: ['data-race'] }, async () => {
  const count = new UnsafeCell(0, 'count');
  const handles = Array.from({ length: N }, (_, i) =>
    thread.spawn(async () => {
      await count.withMut((c) => c + 1); // BUG: no lock, no atomic
    }, `thread-${i}`),
  );
  for (const h of handles) (await h.join()).unwrap();
  assert((await count.get()) === N, 'an increment was lost');
});
