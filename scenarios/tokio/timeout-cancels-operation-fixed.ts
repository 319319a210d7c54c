// tokio: the write of timeout-cancels-operation.ts with its cleanup outside the cancellable part.
//
//   let r = timeout(Duration::from_millis(50), write_to_disk()).await;
//   state.lock().busy = false;            // FIX: runs whether the write finished or was cancelled
//   (or a scopeguard/Drop impl that clears it when the future is dropped)
//
// What simcc reports: nothing.
// Buggy twin: timeout-cancels-operation.ts
import { scenario, timeout, sleep, assert } from 'simcc/tokio';

export default scenario('tokio: a timed-out operation cleaned up after the timeout', async () => {
  const store = { busy: false };
  store.busy = true;
  const r = await timeout(50, async () => {
    await sleep(80); // write_to_disk()
  });
  store.busy = false; // FIX
  assert(r.isOk() || r.error.kind === 'Elapsed', 'Elapsed');
  assert(!store.busy, 'the cancelled write left the store busy');
});
