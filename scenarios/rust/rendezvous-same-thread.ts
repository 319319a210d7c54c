// Rust std, mpsc::sync_channel(0): a rendezvous channel (Go's unbuffered channel; the seed notes,
// §2.7 and §4.5) used the way a first try often uses it, on one thread:
//
//   let (tx, rx) = mpsc::sync_channel(0);
//   tx.send(42).unwrap();                  // waits until a receiver takes the value...
//   println!("{}", rx.recv().unwrap());    // ...but the receiver is this thread, later
//
// The bug: with bound 0, send returns only once a recv has taken the value. The only thread that
// could receive is the one blocked in send.
// What simcc reports: deadlock: every thread is blocked, main in send on the sync_channel(0).
// Fixed twins: rendezvous-same-thread-fixed.ts (the send moves to another thread),
// rendezvous-same-thread-fixed-bound-1.ts (a buffer of one)
import { scenario, mpsc } from 'simcc/rust';

export default scenario({ name: 'rust: send and recv of a rendezvous channel on one thread', expect: ['deadlock'] }, async () => {
  const [tx, rx] = mpsc.syncChannel<number>(0);
  (await tx.send(42)).unwrap(); // BUG: nobody else will ever receive
  (await rx.recv()).unwrap();
});
