// Rust std, mpsc::sync_channel(0) as it is meant to be used: the sender and the receiver are two
// threads, and each send is a hand-off.
//
//   let (tx, rx) = mpsc::sync_channel(0);
//   let producer = thread::spawn(move || tx.send(42).unwrap());   // FIX: another thread sends
//   assert_eq!(rx.recv().unwrap(), 42);
//   producer.join().unwrap();
//
// This is the fixed twin of rendezvous-same-thread.ts. The rendezvous orders both ways: the send
// happens-before the recv returns, and the recv happens-before the send returns.
// What simcc reports: nothing, on every schedule.
// Buggy twin: rendezvous-same-thread.ts
import { scenario, thread, mpsc, assert } from 'simcc/rust';

export default scenario('rust: a rendezvous channel between two threads', async () => {
  const [tx, rx] = mpsc.syncChannel<number>(0);
  const producer = thread.spawn(async () => {
    (await tx.send(42)).unwrap();
  }, { name: 'producer', move: [tx] });
  assert((await rx.recv()).unwrap() === 42, 'the wrong value arrived');
  (await producer.join()).unwrap();
});
