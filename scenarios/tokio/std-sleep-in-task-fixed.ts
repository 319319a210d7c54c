// tokio: std-sleep-in-task.ts with the blocking wait moved off the worker: `spawnBlocking` runs it on a
// blocking thread (tokio's advice for blocking code; an async wait would use tokio's sleep instead).
//
//   tokio::task::spawn_blocking(|| std::thread::sleep(Duration::from_millis(50))).await?;   // FIX
//
// What simcc reports: nothing.
// Buggy twin: std-sleep-in-task.ts
import { scenario, spawn, spawnBlocking, sleep } from 'simcc/tokio';
import { thread } from 'simcc/rust';

export default scenario({ name: 'tokio: blocking work in spawnBlocking', runtime: { flavor: 'current_thread' } }, async () => {
  const heartbeat = spawn(async () => {
    for (let i = 0; i < 4; i++) await sleep(10); // tick()
  }, 'heartbeat');
  const handler = spawn(async () => {
    await sleep(5);
    (await spawnBlocking(() => thread.sleep(50)).join()).unwrap(); // FIX: on a blocking thread
  }, 'handler');
  (await handler.join()).unwrap();
  (await heartbeat.join()).unwrap();
});
