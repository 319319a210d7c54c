// tokio: a std Mutex guard held across an await on the current_thread runtime (the seed's pitfall P5,
// "Lock held across .await"; demo 17).
//
//   let g = stats.lock().unwrap();        // std::sync::Mutex
//   tokio::time::sleep(10ms).await;       // BUG: the guard is alive across the await
//   *g += 1;
//
// On current_thread every task runs on one worker. 'a' takes the std lock and suspends at its sleep;
// 'b' then calls the std lock(), which blocks the worker thread itself: 'a' can never be polled again to
// release the guard. (Real Rust refuses to `spawn` it — the guard is not Send — but only on
// multi_thread, and a `block_on`/`LocalSet` compiles it.)
// What simcc reports: blocking-in-async (task 'b' blocks the only worker in std Mutex::lock of 'stats',
// which 'a' holds while suspended at an await), then the deadlock it causes, naming the starved worker.
// Fixed twin: std-mutex-across-await-fixed.ts
import { scenario, spawn, sleep } from 'simcc/tokio';
import { Mutex } from 'simcc/rust';

export default scenario(
  { name: 'tokio: a std Mutex guard held across an await on current_thread', expect: ['blocking-in-async', 'deadlock'], runtime: { flavor: 'current_thread' } },
  async () => {
    const stats = new Mutex(0, { name: 'stats' });
    const bump = async () => {
      const g = (await stats.lock()).unwrap();
      await sleep(10); // BUG: the std guard is held across this await
      g.value += 1;
    };
    const a = spawn(bump, 'a');
    const b = spawn(bump, 'b');
    (await a.join()).unwrap();
    (await b.join()).unwrap();
  },
);
