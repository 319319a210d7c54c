// Rust std, mpsc: the pipeline of sender-kept-alive.ts, with the fix the seed notes give for P8:
// drop the original Sender once every worker has its clone.
//
//   for id in 0..3 { let tx = tx.clone(); thread::spawn(move || tx.send(id * 10).unwrap()); }
//   drop(tx);                              // FIX: only the workers' clones remain
//   let total: i32 = rx.iter().sum();      // ends when the last worker ends
//
// This is the fixed twin of sender-kept-alive.ts. (Moving `tx` itself into the last worker, instead
// of a clone, is the other fix.) Each send happens-before the recv that gets its value, so the
// total is complete when the loop ends.
// What simcc reports: nothing, on every schedule.
// Buggy twin: sender-kept-alive.ts
import { scenario, thread, drop, mpsc, assert } from 'simcc/rust';

export default scenario('rust: main drops its Sender before receiving', async () => {
  const [tx, rx] = mpsc.channel<number>();
  const handles = [0, 1, 2].map((id) => {
    const tx2 = tx.clone();
    return thread.spawn(async () => {
      (await tx2.send(id * 10)).unwrap();
    }, { name: `worker-${id}`, move: [tx2] });
  });
  await drop(tx); // FIX

  let total = 0;
  for await (const v of rx) total += v;
  assert(total === 30, `total ${total}`);
  for (const h of handles) (await h.join()).unwrap();
});
