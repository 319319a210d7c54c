// Rust std, thread::park / unpark with a flag, as std's park docs write it: park in a loop that
// checks the flag.
//
//   while !flag.load(Ordering::Acquire) {               // FIX: look again after every return
//       thread::park();
//   }
//
// This is the fixed twin of park-if-flag.ts. A spurious return just goes round the loop; the
// worker's unpark is kept as a token if it comes before park, so it is never lost; and the flag's
// Release/Acquire pair orders what the worker did before it.
// What simcc reports: nothing, on every schedule.
// Buggy twin: park-if-flag.ts
import { scenario, thread, assert, AtomicBool, Ordering } from 'simcc/rust';

export default scenario('rust: thread::park in a while loop', async () => {
  const flag = new AtomicBool(false, 'flag');
  const mainThread = thread.current();

  const worker = thread.spawn(async () => {
    await flag.store(true, Ordering.Release);
    await mainThread.unpark();
  }, 'worker');

  while (!(await flag.load(Ordering.Acquire))) await thread.park(); // FIX
  assert(await flag.load(Ordering.Acquire), 'park returned but the flag is still down');
  (await worker.join()).unwrap();
});
