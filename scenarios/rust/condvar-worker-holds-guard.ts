// Rust std, Condvar: the "happy worker" a reader posted under the Rust course's Condvar chapter
// (seed 000, comment by 一雄, l.46–74; the answers by 朱叶子, Rex Wang and 一雄 name the fix):
//
//   thread::spawn(move || {
//       let (lock, cvar) = &*pair2;
//       let mut started = lock.lock().unwrap();
//       *started = true;
//       cvar.notify_one();
//       loop { thread::sleep(Duration::from_secs(1)); println!("working..."); }
//   });
//   let (lock, cvar) = &*pair;
//   let mut started = lock.lock().unwrap();
//   while !*started { started = cvar.wait(started).unwrap(); }
//   eprintln!("Worker started!");
//
// The bug: the worker's guard `started` lives to the end of the closure, and the closure never
// ends, so the worker works forever holding the lock. Main is stuck either in lock() (the worker
// locked first) or inside wait(): notified, but wait must take the mutex back before it returns.
// There is no cycle and the worker is not blocked (it sleeps, so a timer is always pending), so this
// is not a deadlock: the execution simply never ends. Without the `loop` the guard is dropped when
// the closure returns, which is why the reader saw the demo work once the loop was gone.
// What simcc reports: step-limit: the execution never ends, main still waits for Mutex 'lock' and
// the worker, which holds it, still runs. (The scenario lowers the step bound so that this comes
// quickly.)
// Fixed twins: condvar-worker-holds-guard-fixed.ts (drop(started)),
// condvar-worker-holds-guard-fixed-scope.ts (a block ends the guard)
import { scenario, thread, Mutex, Condvar } from 'simcc/rust';

export default scenario({ name: 'rust: a Condvar worker works while holding its guard', expect: ['step-limit'], stepLimit: 2000 }, async () => {
  const lock = new Mutex(false, { name: 'lock' });
  const cvar = new Condvar({ name: 'cvar' });

  thread.spawn(async () => {
    const started = (await lock.lock()).unwrap();
    started.value = true;
    // eprintln!("I'm a happy worker!");
    await cvar.notifyOne();
    for (;;) {
      await thread.sleep(1000); // BUG: `started` is still alive, so the lock is held while working
      // println!("working...");
    }
  }, 'worker');

  let started = (await lock.lock()).unwrap();
  while (!started.value) started = (await cvar.wait(started)).unwrap();
  // eprintln!("Worker started!");
});
