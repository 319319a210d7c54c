// Rust std, mpsc: "the first answer wins". Workers search and send their result; main keeps the
// first one and stops listening. Pitfall P11 of the seed notes: `send(..).unwrap()` when the other
// side may be gone (the ping-pong of seed 000 unwraps every send too).
//
//   let (tx, rx) = mpsc::channel();
//   let handles: Vec<_> = (0..3).map(|id| {
//       let tx = tx.clone();
//       thread::spawn(move || tx.send(search(id)).unwrap())   // BUG: Err once rx is gone
//   }).collect();
//   drop(tx);
//   let first = rx.recv().unwrap();
//   drop(rx);                              // enough: stop listening
//   for h in handles { h.join().unwrap(); }
//
// The bug: once the Receiver is dropped, send returns Err(SendError(value)); unwrap turns the
// expected "nobody wants it any more" into a panic in every slower worker.
// What simcc reports: panic "called `Result::unwrap()` on an `Err` value: SendError { .. }" in a
// worker, on the schedules where a worker sends after main dropped rx.
// Fixed twin: receiver-dropped-unwrap-fixed.ts
import { scenario, thread, drop, mpsc } from 'simcc/rust';

export default scenario({ name: 'rust: unwrap of a send to a dropped Receiver', expect: ['panic'] }, async () => {
  const [tx, rx] = mpsc.channel<number>();
  const handles = [0, 1, 2].map((id) => {
    const tx2 = tx.clone();
    return thread.spawn(async () => {
      const result = id * 7; // search(id)
      (await tx2.send(result)).unwrap(); // BUG
    }, { name: `searcher-${id}`, move: [tx2] });
  });
  await drop(tx);

  (await rx.recv()).unwrap(); // the first answer
  await drop(rx);
  for (const h of handles) (await h.join()).unwrap();
});
