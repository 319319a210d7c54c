// Rust std, Condvar: the "happy worker" of seed 000 (comment by 一雄, l.46–74), fixed the way 一雄
// did it himself: "add a pair of braces", so the guard is dropped at the end of the block.
//
//   {
//       let mut started = lock.lock().unwrap();
//       *started = true;
//       cvar.notify_one();
//   }                                    // FIX: `started` is dropped here
//   for _ in 0..3 { thread::sleep(Duration::from_secs(1)); println!("working..."); }
//
// This is the second fixed twin of condvar-worker-holds-guard.ts. `using` is the block-scoped drop:
// the guard is released when the block ends (without a scheduling point of its own). The work is
// bounded and joined, as in condvar-worker-holds-guard-fixed.ts.
// What simcc reports: nothing, on every schedule.
// Buggy twin: condvar-worker-holds-guard.ts
import { scenario, thread, drop, Mutex, Condvar } from 'simcc/rust';

export default scenario('rust: a Condvar worker ends its guard with a block', async () => {
  const lock = new Mutex(false, { name: 'lock' });
  const cvar = new Condvar({ name: 'cvar' });

  const worker = thread.spawn(async () => {
    {
      using started = (await lock.lock()).unwrap();
      started.value = true;
      await cvar.notifyOne();
    } // FIX: the guard is dropped here
    for (let i = 0; i < 3; i++) await thread.sleep(1000); // working...
  }, 'worker');

  let started = (await lock.lock()).unwrap();
  while (!started.value) started = (await cvar.wait(started)).unwrap();
  await drop(started);
  (await worker.join()).unwrap();
});
