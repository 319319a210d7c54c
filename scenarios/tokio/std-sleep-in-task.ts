// tokio: std::thread::sleep in a task (the seed's pitfall P6, "Blocking call inside an async task";
// demo 18): a heartbeat task must tick every 10 ms while a request handler "waits for a backend".
//
//   tokio::spawn(async { loop { tick(); tokio::time::sleep(10ms).await } });
//   tokio::spawn(async { std::thread::sleep(Duration::from_millis(50)); /* BUG */ respond() });
//
// On current_thread the std sleep holds the only worker for 50 ms: the heartbeat's timer fires, but
// its task cannot be polled until the std sleep returns, so a beat is late. (Beats that are late
// cannot be asserted in simcc's default free time mode, where any timer may fire at any step: a
// stalled machine. The finding is the bug.)
// What simcc reports: blocking-in-async (task 'handler' blocks worker 1 of 1 in std thread::sleep(50)).
// Fixed twin: std-sleep-in-task-fixed.ts
import { scenario, spawn, sleep } from 'simcc/tokio';
import { thread } from 'simcc/rust';

export default scenario(
  { name: 'tokio: std::thread::sleep in a task stalls the runtime', expect: ['blocking-in-async'], runtime: { flavor: 'current_thread' } },
  async () => {
    const heartbeat = spawn(async () => {
      for (let i = 0; i < 4; i++) await sleep(10); // tick()
    }, 'heartbeat');
    const handler = spawn(async () => {
      await sleep(5);
      await thread.sleep(50); // BUG: blocks the worker thread
    }, 'handler');
    (await handler.join()).unwrap();
    (await heartbeat.join()).unwrap();
  },
);
