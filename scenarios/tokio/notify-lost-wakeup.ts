// tokio: a Notify used as a "ready" signal with notify_waiters, sent before the waiter waits.
//
//   let ready = Arc::new(Notify::new());
//   let worker = tokio::spawn(async move {
//       load_config().await;
//       ready2.notified().await;        // waits for the go signal
//       serve().await;
//   });
//   ready.notify_waiters();             // BUG: wakes only the tasks waiting *now*, stores nothing
//   worker.await.unwrap();
//
// The bug: notify_waiters wakes the notified() futures that exist when it is called; the worker makes
// its notified() only after load_config, so the signal is lost and the worker waits forever.
// What simcc reports: deadlock (main joins the worker; the worker waits in notified() of 'ready').
// Fixed twin: notify-lost-wakeup-fixed.ts
import { scenario, spawn, sleep, Notify } from 'simcc/tokio';

export default scenario({ name: 'tokio: notifyWaiters before the waiter waits is lost', expect: ['deadlock'] }, async () => {
  const ready = new Notify({ name: 'ready' });
  const worker = spawn(async () => {
    await sleep(5); // load_config()
    await ready.notified();
    await sleep(1); // serve()
  }, 'worker');
  ready.notifyWaiters(); // BUG
  (await worker.join()).unwrap();
});
