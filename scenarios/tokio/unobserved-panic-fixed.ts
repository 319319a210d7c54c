// tokio: the flusher of unobserved-panic.ts, joined and its failure handled.
//
//   let h = tokio::spawn(async { flush(&cache).await.unwrap() });
//   if let Err(e) = h.await { eprintln!("flush failed: {e}"); retry().await; }   // FIX
//
// What simcc reports: nothing.
// Buggy twin: unobserved-panic.ts
import { scenario, spawn, sleep, panic, assert } from 'simcc/tokio';

export default scenario('tokio: a panicking task joined and handled', async () => {
  const h = spawn(async () => {
    await sleep(5);
    panic('disk full');
  }, 'flusher');
  await sleep(10);
  const r = await h.join(); // FIX
  assert(r.isErr() && r.error.isPanic(), 'the flush failed');
});
