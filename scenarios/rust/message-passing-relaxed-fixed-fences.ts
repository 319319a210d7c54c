// Rust std, atomics: message passing with Relaxed accesses and fences, the form used when the flag
// is checked often and the data read rarely.
//
//   unsafe { DATA = 42; }
//   fence(Ordering::Release);
//   READY.store(true, Ordering::Relaxed);
//   if READY.load(Ordering::Relaxed) {
//       fence(Ordering::Acquire);                   // FIX: the fences synchronise
//       assert_eq!(unsafe { DATA }, 42);
//   }
//
// This is the second fixed twin of message-passing-relaxed.ts. A Release fence followed by a store,
// and a load that reads that store followed by an Acquire fence, synchronise the two fences (the
// standard's fence-fence rule).
// What simcc reports: nothing, on every schedule.
// Buggy twin: message-passing-relaxed.ts
import { scenario, thread, assert, fence, AtomicBool, Ordering, UnsafeCell } from 'simcc/rust';

export default scenario('rust: data published through a Relaxed flag and two fences', async () => {
  const data = new UnsafeCell(0, 'data');
  const ready = new AtomicBool(false, 'ready');

  const producer = thread.spawn(async () => {
    await data.set(42);
    await fence(Ordering.Release);
    await ready.store(true, Ordering.Relaxed);
  }, 'producer');

  const consumer = thread.spawn(async () => {
    if (await ready.load(Ordering.Relaxed)) {
      await fence(Ordering.Acquire); // FIX
      assert((await data.get()) === 42, 'the flag was seen but not the data');
    }
  }, 'consumer');

  (await producer.join()).unwrap();
  (await consumer.join()).unwrap();
});
