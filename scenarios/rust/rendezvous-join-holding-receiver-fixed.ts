// Rust std, mpsc::sync_channel(0): the consumer of demo 12 of the seed notes drops its Receiver
// before it joins.
//
//   rx.recv().unwrap();
//   rx.recv().unwrap();
//   drop(rx);                              // FIX: the blocked send wakes with Err(SendError(2))
//   producer.join().unwrap();
//
// This is the fixed twin of rendezvous-join-holding-receiver.ts. A sender blocked in send wakes
// with an Err once the Receiver is gone, and the producer handles that Err by stopping (an unwrap
// there would be receiver-dropped-unwrap.ts's bug).
// What simcc reports: nothing, on every schedule.
// Buggy twin: rendezvous-join-holding-receiver.ts
import { scenario, thread, drop, mpsc, assert } from 'simcc/rust';

export default scenario('rust: drop the Receiver, then join the producer', async () => {
  const [tx, rx] = mpsc.syncChannel<number>(0);
  const producer = thread.spawn(async () => {
    let sent = 0;
    for (let i = 0; i < 3; i++) {
      if ((await tx.send(i)).isErr()) break; // the consumer is gone: stop
      sent += 1;
    }
    return sent;
  }, { name: 'producer', move: [tx] });

  (await rx.recv()).unwrap();
  (await rx.recv()).unwrap();
  await drop(rx); // FIX
  assert((await producer.join()).unwrap() === 2, 'a value was sent that nobody received');
});
