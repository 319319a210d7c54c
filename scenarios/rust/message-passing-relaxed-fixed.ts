// Rust std, atomics: message passing done right. The flag is stored with Release and loaded with
// Acquire.
//
//   unsafe { DATA = 42; }
//   READY.store(true, Ordering::Release);           // FIX: everything before this store...
//   if READY.load(Ordering::Acquire) {              // ...happens-before what follows this load
//       assert_eq!(unsafe { DATA }, 42);
//   }
//
// This is the fixed twin of message-passing-relaxed.ts. An Acquire load that reads a Release store
// synchronises with it, so the write of 42 happens-before the read: no race, and no other value.
// What simcc reports: nothing, on every schedule.
// Buggy twin: message-passing-relaxed.ts
import { scenario, thread, assert, AtomicBool, Ordering, UnsafeCell } from 'simcc/rust';

export default scenario('rust: data published through a Release/Acquire flag', async () => {
  const data = new UnsafeCell(0, 'data');
  const ready = new AtomicBool(false, 'ready');

  const producer = thread.spawn(async () => {
    await data.set(42);
    await ready.store(true, Ordering.Release); // FIX
  }, 'producer');

  const consumer = thread.spawn(async () => {
    if (await ready.load(Ordering.Acquire)) {
      // FIX
      assert((await data.get()) === 42, 'the flag was seen but not the data');
    }
  }, 'consumer');

  (await producer.join()).unwrap();
  (await consumer.join()).unwrap();
});
