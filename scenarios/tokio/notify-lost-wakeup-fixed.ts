// tokio: the go signal of notify-lost-wakeup.ts sent with notify_one, which stores a permit.
//
//   ready.notify_one();                 // FIX: with nobody waiting, stores one permit
//
// notify_one with no waiter stores one permit (at most one), which the worker's notified() takes at
// once whenever it gets there — unlike a Condvar's notify, or notify_waiters, which store nothing.
// What simcc reports: nothing.
// Buggy twin: notify-lost-wakeup.ts
import { scenario, spawn, sleep, Notify } from 'simcc/tokio';

export default scenario('tokio: notifyOne stores the wake-up for a waiter that comes later', async () => {
  const ready = new Notify({ name: 'ready' });
  const worker = spawn(async () => {
    await sleep(5); // load_config()
    await ready.notified();
    await sleep(1); // serve()
  }, 'worker');
  ready.notifyOne(); // FIX
  (await worker.join()).unwrap();
});
