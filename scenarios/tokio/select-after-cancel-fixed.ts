// tokio: the producer of select-after-cancel.ts with a biased select! that checks the token first.
//
//   select! { biased; _ = child.cancelled() => break, _ = tx.send(i) => {} }   // FIX: biased
//
// With `biased`, branches are polled in order: once the token is cancelled, the cancel branch wins
// even when the send could go too.
// What simcc reports: nothing.
// Buggy twin: select-after-cancel.ts
import { scenario, spawn, select, sleep, sleepBranch, CancellationToken, assert } from 'simcc/tokio';

export default scenario('tokio: a biased select! stops at the cancel', async () => {
  const token = new CancellationToken({ name: 'shutdown' });
  const child = token.childToken();
  let cancelled = false;

  const producer = spawn(async () => {
    for (let i = 0; i < 10; i++) {
      await sleep(300);
      const s = await select([child.cancelledBranch(), sleepBranch(0)], { biased: true }); // FIX
      if (s.index === 0) break;
      assert(!cancelled, `item ${i} was sent after the cancel`);
    }
  }, 'producer');

  await sleep(1000);
  token.cancel();
  cancelled = true;
  (await producer.join()).unwrap();
});
