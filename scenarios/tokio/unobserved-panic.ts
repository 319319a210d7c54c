// tokio: a task panics and nobody awaits its JoinHandle.
//
//   tokio::spawn(async { flush(&cache).await.unwrap() });   // BUG: handle dropped, panic lost
//   // ... main goes on and returns
//
// The bug: tokio catches a task's panic and keeps it for the JoinHandle; a detached task's panic is
// only printed, the failure is lost and main carries on as if the flush happened.
// What simcc reports: panic ("task 'flusher' panicked: disk full", nobody observed it).
// Fixed twin: unobserved-panic-fixed.ts
import { scenario, spawn, sleep, panic } from 'simcc/tokio';

export default scenario({ name: 'tokio: a detached task panics unobserved', expect: ['panic'] }, async () => {
  spawn(async () => {
    await sleep(5);
    panic('disk full');
  }, 'flusher'); // BUG: the JoinHandle is dropped at once
  await sleep(10);
});
