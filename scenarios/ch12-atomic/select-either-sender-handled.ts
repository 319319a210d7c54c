// Issue 9: the fixed twin of select-either-sender-wins.ts. The receiver handles whichever sender
// comes first, then takes the other one: both values arrive once, in either order.
// What simcc reports: nothing.
import { scenario, go, select, Channel, WaitGroup, assert } from 'simcc';

export default scenario({ name: 'ch12: a select that handles either sender first', runs: 2000 }, async () => {
  const a = new Channel<number>(0, { name: 'a' });
  const b = new Channel<number>(0, { name: 'b' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    const first = await select([a.recvCase(), b.recvCase()]);
    const second = await select([a.recvCase(), b.recvCase()]);
    assert(first.index !== second.index, 'one value from each sender');
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
