// Rust std, Condvar: the "happy worker" of seed 000 (comment by 一雄, l.46–74), fixed as 朱叶子
// suggested: "the worker thread is missing drop(started)".
//
//   let mut started = lock.lock().unwrap();
//   *started = true;
//   cvar.notify_one();
//   drop(started);                       // FIX: unlock before the long work
//   for _ in 0..3 { thread::sleep(Duration::from_secs(1)); println!("working..."); }
//
// This is the fixed twin of condvar-worker-holds-guard.ts. The worker's loop is bounded here and
// main joins it: in Rust, main returning kills a detached worker that still runs, but simcc lets it
// run on and would report it as a leak, so a scenario says when the work ends.
// What simcc reports: nothing, on every schedule (spurious wake-ups included: main waits in a
// `while`).
// Buggy twin: condvar-worker-holds-guard.ts
import { scenario, thread, drop, Mutex, Condvar } from 'simcc/rust';

export default scenario('rust: a Condvar worker drops its guard before working', async () => {
  const lock = new Mutex(false, { name: 'lock' });
  const cvar = new Condvar({ name: 'cvar' });

  const worker = thread.spawn(async () => {
    const started = (await lock.lock()).unwrap();
    started.value = true;
    await cvar.notifyOne();
    await drop(started); // FIX: the lock is free while the worker works
    for (let i = 0; i < 3; i++) {
      await thread.sleep(1000);
      // println!("working...");
    }
  }, 'worker');

  let started = (await lock.lock()).unwrap();
  while (!started.value) started = (await cvar.wait(started)).unwrap();
  // eprintln!("Worker started!");
  await drop(started);
  (await worker.join()).unwrap();
});
