// Issue 9, fair yields: the fixed twin of yield-then-store-during-busy-loop.ts. G2 still yields, but
// it sets the flag only after G1 says its loop is over (a channel closed after the last load), so
// no schedule puts the store inside the loop.
// What simcc reports: nothing.
import { scenario, go, yieldNow, AtomicInt, Channel, WaitGroup, assert } from 'simcc';

export default scenario({ name: 'ch12: a store ordered after the loop, not by a yield', runs: 2000 }, async () => {
  const flag = new AtomicInt(0, 'flag');
  const looped = new Channel<void>(0, { name: 'looped' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    let seen = 0;
    for (let i = 0; i < 20; i++) seen = Math.max(seen, await flag.load());
    assert(seen === 0, 'G1 saw the flag while it was still looping');
    await looped.close();
    await wg.done();
  }, 'G1');
  go(async () => {
    await yieldNow();
    await looped.recv(); // wait for the loop's end, not for luck
    await flag.store(1);
    await wg.done();
  }, 'G2');
  await wg.wait();
});
