// Rust std, mpsc: the std pipeline of the Go→Rust guide (seed 003, l.269–282) with several
// producers, and the bug the seed notes found in that guide's tokio pipeline (P8): main clones `tx`
// for each worker and keeps the original.
//
//   let (tx, rx) = mpsc::channel();
//   for id in 0..3 {
//       let tx = tx.clone();
//       thread::spawn(move || tx.send(id * 10).unwrap());
//   }
//   let mut total = 0;
//   for v in rx { total += v; }            // BUG: never ends, main still owns `tx`
//
// The bug: `for v in rx` ends when every Sender is dropped. The workers' clones are dropped when the
// workers end; the original `tx` lives until the end of main, and main is the one in the loop.
// What simcc reports: deadlock: the workers have ended and main waits in recv on a channel whose
// only live Sender is main's own `tx` (the report says who holds the live Senders).
// Fixed twin: sender-kept-alive-fixed.ts
import { scenario, thread, mpsc, assert } from 'simcc/rust';

export default scenario({ name: 'rust: main keeps the original Sender', expect: ['deadlock'] }, async () => {
  const [tx, rx] = mpsc.channel<number>();
  const handles = [0, 1, 2].map((id) => {
    const tx2 = tx.clone();
    return thread.spawn(async () => {
      (await tx2.send(id * 10)).unwrap();
    }, { name: `worker-${id}`, move: [tx2] });
  });

  let total = 0;
  for await (const v of rx) total += v; // BUG: `tx` is alive in this very thread
  assert(total === 30, `total ${total}`);
  for (const h of handles) (await h.join()).unwrap();
});
