// Rust std, mpsc: "the first answer wins", with the workers treating a failed send as the normal
// end it is.
//
//   thread::spawn(move || {
//       if tx.send(search(id)).is_err() {
//           return;                        // FIX: the receiver is gone; nobody wants the result
//       }
//   })
//
// This is the fixed twin of receiver-dropped-unwrap.ts. std's send returns Err exactly when the value
// can never be received, and hands the value back in the SendError.
// What simcc reports: nothing, on every schedule.
// Buggy twin: receiver-dropped-unwrap.ts
import { scenario, thread, drop, mpsc } from 'simcc/rust';

export default scenario('rust: a send to a dropped Receiver handled', async () => {
  const [tx, rx] = mpsc.channel<number>();
  const handles = [0, 1, 2].map((id) => {
    const tx2 = tx.clone();
    return thread.spawn(async () => {
      const result = id * 7; // search(id)
      if ((await tx2.send(result)).isErr()) return; // FIX
    }, { name: `searcher-${id}`, move: [tx2] });
  });
  await drop(tx);

  (await rx.recv()).unwrap();
  await drop(rx);
  for (const h of handles) (await h.join()).unwrap();
});
