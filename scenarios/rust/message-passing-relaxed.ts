// Rust std, atomics: publishing data through a Relaxed flag (pitfall P15 of the seed notes, demo 9;
// the "message passing" litmus test loom ships).
//
//   static mut DATA: u64 = 0;                       // or an UnsafeCell in a shared struct
//   static READY: AtomicBool = AtomicBool::new(false);
//   // producer
//   unsafe { DATA = 42; }
//   READY.store(true, Ordering::Relaxed);           // BUG: Relaxed publishes nothing
//   // consumer
//   if READY.load(Ordering::Relaxed) { let v = unsafe { DATA }; }
//
// The bug: a Relaxed store and a Relaxed load that reads it do not synchronise, so the consumer's
// read of DATA is not ordered after the producer's write: a data race, even when the consumer
// happens to see 42 (and on ARM it may see 0).
// What simcc reports: data-race on UnsafeCell 'data' between the producer's write and the
// consumer's read, on the schedules where the consumer's load reads `true`.
// Fixed twins: message-passing-relaxed-fixed.ts (Release/Acquire),
// message-passing-relaxed-fixed-fences.ts (fences)
import { scenario, thread, AtomicBool, Ordering, UnsafeCell } from 'simcc/rust';

export default scenario({ name: 'rust: data published through a Relaxed flag', expect: ['data-race'] }, async () => {
  const data = new UnsafeCell(0, 'data');
  const ready = new AtomicBool(false, 'ready');

  const producer = thread.spawn(async () => {
    await data.set(42);
    await ready.store(true, Ordering.Relaxed); // BUG
  }, 'producer');

  const consumer = thread.spawn(async () => {
    if (await ready.load(Ordering.Relaxed)) {
      return await data.get(); // races with the producer's set
    }
    return undefined;
  }, 'consumer');

  (await producer.join()).unwrap();
  (await consumer.join()).unwrap();
});
