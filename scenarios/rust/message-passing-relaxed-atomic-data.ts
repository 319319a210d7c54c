// Rust std, atomics: message passing through a Relaxed flag where the data is an atomic too, so
// there is no data race, only a wrong value (the "MP" litmus test; pitfall P15 of the seed notes).
//
//   // producer
//   DATA.store(42, Ordering::Relaxed);
//   READY.store(true, Ordering::Relaxed);           // BUG: Relaxed orders nothing
//   // consumer
//   if READY.load(Ordering::Relaxed) {
//       assert_eq!(DATA.load(Ordering::Relaxed), 42);
//   }
//
// The bug: Relaxed accesses to two locations are not ordered with each other. The consumer may
// see the new flag and the old data, as an ARM or POWER machine really does.
// What simcc reports: assertion "the flag was seen but the data was 0", on the schedules where the
// consumer's flag load reads `true` and its data load reads the initial 0, a store that coherence
// still allows it to read (simcc lets a load read any such store, as loom does: a scheduling choice).
// Fixed twin: message-passing-relaxed-atomic-data-fixed.ts
import { scenario, thread, assert, AtomicBool, AtomicUsize, Ordering } from 'simcc/rust';

export default scenario({ name: 'rust: atomic data published through a Relaxed flag', expect: ['assertion'] }, async () => {
  const data = new AtomicUsize(0, 'data');
  const ready = new AtomicBool(false, 'ready');

  const producer = thread.spawn(async () => {
    await data.store(42, Ordering.Relaxed);
    await ready.store(true, Ordering.Relaxed); // BUG
  }, 'producer');

  const consumer = thread.spawn(async () => {
    if (await ready.load(Ordering.Relaxed)) {
      const v = await data.load(Ordering.Relaxed);
      assert(v === 42, `the flag was seen but the data was ${v}`);
    }
  }, 'consumer');

  (await producer.join()).unwrap();
  (await consumer.join()).unwrap();
});
