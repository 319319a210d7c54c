// Rust std, atomics: the atomic message passing of message-passing-relaxed-atomic-data.ts with a
// Release store and an Acquire load of the flag. The data accesses may stay Relaxed.
//
//   DATA.store(42, Ordering::Relaxed);
//   READY.store(true, Ordering::Release);           // FIX
//   if READY.load(Ordering::Acquire) {              // FIX
//       assert_eq!(DATA.load(Ordering::Relaxed), 42);
//   }
//
// This is the fixed twin of message-passing-relaxed-atomic-data.ts. Once the consumer synchronises
// with the producer, the store of 42 happens-before its data load, and coherence forbids reading a
// store older than one that happens-before the load.
// What simcc reports: nothing, on every schedule.
// Buggy twin: message-passing-relaxed-atomic-data.ts
import { scenario, thread, assert, AtomicBool, AtomicUsize, Ordering } from 'simcc/rust';

export default scenario('rust: atomic data published through a Release/Acquire flag', async () => {
  const data = new AtomicUsize(0, 'data');
  const ready = new AtomicBool(false, 'ready');

  const producer = thread.spawn(async () => {
    await data.store(42, Ordering.Relaxed);
    await ready.store(true, Ordering.Release); // FIX
  }, 'producer');

  const consumer = thread.spawn(async () => {
    if (await ready.load(Ordering.Acquire)) {
      // FIX
      const v = await data.load(Ordering.Relaxed);
      assert(v === 42, `the flag was seen but the data was ${v}`);
    }
  }, 'consumer');

  (await producer.join()).unwrap();
  (await consumer.join()).unwrap();
});
