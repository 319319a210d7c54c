// Rust std, mpsc::sync_channel(0): a consumer that wants fewer values than the producer sends
// (demo 12 of the seed notes).
//
//   let (tx, rx) = mpsc::sync_channel(0);
//   let producer = thread::spawn(move || {
//       for i in 0..3 { if tx.send(i).is_err() { break; } }
//   });
//   rx.recv().unwrap();
//   rx.recv().unwrap();                    // two are enough
//   producer.join().unwrap();              // BUG: rx is still alive
//
// The bug: the third send waits for a receiver. The Receiver still exists (main holds it until the
// end of its scope), so send does not fail; it just waits, while main waits for the producer.
// What simcc reports: deadlock: main in join of 'producer', the producer in send on the
// sync_channel(0) whose Receiver main holds.
// Fixed twin: rendezvous-join-holding-receiver-fixed.ts
import { scenario, thread, mpsc } from 'simcc/rust';

export default scenario({ name: 'rust: join a producer while holding its Receiver', expect: ['deadlock'] }, async () => {
  const [tx, rx] = mpsc.syncChannel<number>(0);
  const producer = thread.spawn(async () => {
    for (let i = 0; i < 3; i++) {
      if ((await tx.send(i)).isErr()) break;
    }
  }, { name: 'producer', move: [tx] });

  (await rx.recv()).unwrap();
  (await rx.recv()).unwrap();
  (await producer.join()).unwrap(); // BUG: the producer waits in its third send for rx
});
