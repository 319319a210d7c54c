// Rust std, thread::scope (stable since Rust 1.63): scoped threads borrow a local Vec, and the
// scope joins them all before it returns (the "task scope" the seed guide recommends, seed 003
// l.516 and l.527).
//
//   let mut squares = vec![0usize; 3];
//   thread::scope(|s| {
//       for (i, slot) in squares.iter_mut().enumerate() {
//           s.spawn(move || *slot = i * i);                // FIX: a plain &mut borrow
//       }
//   });                                                 // every scoped thread is joined here
//   assert_eq!(squares, [0, 1, 4]);
//
// This is the fixed twin of borrow-without-scope.ts. Each scoped thread's end happens-before
// thread.scope returns, so main's reads come after every write, without a single JoinHandle in
// sight and without `unsafe`.
// What simcc reports: nothing, on every schedule.
// Buggy twin: borrow-without-scope.ts
import { scenario, thread, assert, UnsafeCell } from 'simcc/rust';

export default scenario('rust: scoped threads fill a local Vec', async () => {
  const squares = [0, 1, 2].map((i) => new UnsafeCell(0, `squares[${i}]`));
  await thread.scope(async (s) => {
    for (let i = 0; i < squares.length; i++) {
      s.spawn(async () => {
        await squares[i]!.set(i * i);
      }, `writer-${i}`);
    }
  }); // FIX: the scope joins its threads
  const seen: number[] = [];
  for (const slot of squares) seen.push(await slot.get());
  assert(seen.join() === '0,1,4', `squares ${seen.join()}`);
});
