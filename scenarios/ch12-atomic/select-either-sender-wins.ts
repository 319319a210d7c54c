// Issue 9, a select that two goroutines can each complete: which sender completes the receiver's
// first select is a race between the senders, like a node's run loop selecting on a status request
// and a stop request that may arrive in either order.
//
// The bug: the receiver assumes channel a always wins the first select.
// What simcc reports: assertion "b won the select", on the schedules where B's send comes first.
// Fixed twin: select-either-sender-handled.ts
import { scenario, go, select, Channel, WaitGroup, assert } from 'simcc';

export default scenario({ name: 'ch12: a select completed by either of two senders', expect: ['assertion'], runs: 2000 }, async () => {
  const a = new Channel<number>(0, { name: 'a' });
  const b = new Channel<number>(0, { name: 'b' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    const r = await select([a.recvCase(), b.recvCase()]);
    assert(r.index === 0, 'b won the select'); // BUG: either sender may come first
    await select([a.recvCase(), b.recvCase()]);
    await wg.done();
  }, 'receiver');
  go(async () => {
    await a.send(1);
  }, 'A');
  go(async () => {
    await b.send(2);
  }, 'B');
  await wg.wait();
});
