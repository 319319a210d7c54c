// Rust std, mpsc::sync_channel(1): the std docs' own example of a bounded channel, on one thread.
//
//   let (tx, rx) = mpsc::sync_channel(1);
//   tx.send(42).unwrap();                  // FIX: room for one value: returns at once
//   assert_eq!(rx.recv().unwrap(), 42);
//
// This is the second fixed twin of rendezvous-same-thread.ts: a buffer of one lets a single thread
// send before it receives. (A second send before the recv would block again: the bound is the
// backpressure.)
// What simcc reports: nothing.
// Buggy twin: rendezvous-same-thread.ts
import { scenario, mpsc, assert } from 'simcc/rust';

export default scenario('rust: a sync_channel(1) used by one thread', async () => {
  const [tx, rx] = mpsc.syncChannel<number>(1);
  (await tx.send(42)).unwrap();
  assert((await rx.recv()).unwrap() === 42, 'the wrong value arrived');
});
