// tokio: a timeout cancels its operation mid-way (cancel safety).
//
//   let r = timeout(Duration::from_millis(50), async {
//       state.lock().busy = true;
//       write_to_disk().await;            // cancelled here when the time elapses
//       state.lock().busy = false;        // BUG: never runs once cancelled
//   }).await;
//
// The bug: when the time elapses, `timeout` drops the operation at the await it is waiting in; the code
// after that await never runs, so the flag it was to clear stays set and the next request is refused.
// What simcc reports: assertion ("the cancelled write left the store busy").
// Fixed twin: timeout-cancels-operation-fixed.ts
import { scenario, timeout, sleep, assert } from 'simcc/tokio';

export default scenario({ name: 'tokio: a timed-out operation leaves its flag set', expect: ['assertion'] }, async () => {
  const store = { busy: false };
  const r = await timeout(50, async () => {
    store.busy = true;
    await sleep(80); // write_to_disk()
    store.busy = false; // BUG: skipped when cancelled
  });
  void r;
  assert(!store.busy, 'the cancelled write left the store busy');
});
