// tokio: select! after a cancel sends one more item (seed 003, "取消 + 超时示例": the producer sleeps,
// then `select! { _ = child.cancelled() => break, _ = tx.send(i) => {} }`).
//
//   loop { sleep(300ms).await;
//          select! { _ = child.cancelled() => break, _ = tx.send(i) => {} } }   // BUG
//
// The bug: select! polls its branches in a random order. Once the token is cancelled while the
// producer sleeps, both branches are ready when it wakes (the channel has room), and the send may
// win: one more item goes out after the consumer has cancelled and stopped listening.
// What simcc reports: assertion ("an item was sent after the cancel"), on the schedule where the
// send branch is polled first. (The channel's send, `tx.sendBranch(i)`, comes with tokio::sync; a
// send into a channel with room is ready at once, as `sleepBranch(0)` is here.)
// Fixed twin: select-after-cancel-fixed.ts
import { scenario, spawn, select, sleep, sleepBranch, CancellationToken, assert } from 'simcc/tokio';

export default scenario({ name: 'tokio: select! after cancel sends one more item', expect: ['assertion'] }, async () => {
  const token = new CancellationToken({ name: 'shutdown' });
  const child = token.childToken();
  const sent: number[] = [];
  let cancelled = false;

  const producer = spawn(async () => {
    for (let i = 0; i < 10; i++) {
      await sleep(300);
      const s = await select([child.cancelledBranch(), sleepBranch(0) /* tx.send(i): room in the channel */]); // BUG: unbiased
      if (s.index === 0) break;
      assert(!cancelled, `item ${i} was sent after the cancel`);
      sent.push(i);
    }
  }, 'producer');

  await sleep(1000);
  token.cancel();
  cancelled = true;
  (await producer.join()).unwrap();
});
