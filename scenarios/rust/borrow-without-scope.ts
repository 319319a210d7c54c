// Rust std, thread::spawn used where thread::scope belongs: threads fill a local Vec through a
// pointer smuggled past the borrow checker, and nothing waits for them (the seed notes §2.1: a
// dropped JoinHandle detaches its thread; seed 003, l.516: avoid "wild" threads).
//
//   let mut squares = vec![0usize; 3];
//   let ptr = SendPtr(squares.as_mut_ptr());            // unsafe impl Send: a promise
//   for i in 0..3 {
//       thread::spawn(move || unsafe { *ptr.0.add(i) = i * i });   // BUG: handle dropped
//   }
//   println!("{:?}", squares);                          // BUG: nothing waits for the writers
//
// The bug: spawn requires 'static, so borrowing `squares` needs the raw pointer, and then nothing
// ties the threads' lifetime to the Vec's: main reads (and could free) it while they write. Each
// slot is plain memory, written by a thread and read by main with no happens-before between them.
// What simcc reports: data-race on an UnsafeCell 'squares[i]': a thread's write and main's read,
// in either order.
// Fixed twin: borrow-without-scope-fixed.ts
import { scenario, thread, UnsafeCell } from 'simcc/rust';

export default scenario({ name: 'rust: threads write a local Vec that main reads without joining', expect: ['data-race'] }, async () => {
  const squares = [0, 1, 2].map((i) => new UnsafeCell(0, `squares[${i}]`));
  for (let i = 0; i < squares.length; i++) {
    thread.spawn(async () => {
      await squares[i]!.set(i * i);
    }, `writer-${i}`); // BUG: the JoinHandle is dropped: the thread is detached
  }
  const seen: number[] = [];
  for (const slot of squares) seen.push(await slot.get()); // println!("{:?}", squares)
});
