// Issue 9, fair yields: a goroutine that calls Gosched (yieldNow) is not held back until every other
// goroutine is done — on another P it runs at once. G1 polls a flag 20 times and assumes nobody sets
// it meanwhile; G2 yields once and then sets it.
//
// The bug: nothing orders G2's store after G1's loop; the yield only lets the others take a step.
// What simcc reports: assertion "G1 saw the flag while it was still looping", on the schedules where
// G2's store lands between two of G1's loads (a fair scheduler, as CHESS defines it, allows them).
// Fixed twin: yield-then-store-after-loop.ts
import { scenario, go, yieldNow, AtomicInt, WaitGroup, assert } from 'simcc';

export default scenario({ name: 'ch12: a yield does not wait for a busy loop to end', expect: ['assertion'], runs: 2000 }, async () => {
  const flag = new AtomicInt(0, 'flag');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    let seen = 0;
    for (let i = 0; i < 20; i++) seen = Math.max(seen, await flag.load());
    assert(seen === 0, 'G1 saw the flag while it was still looping');
    await wg.done();
  }, 'G1');
  go(async () => {
    await yieldNow(); // BUG: a yield is not a wait for G1's loop
    await flag.store(1);
    await wg.done();
  }, 'G2');
  await wg.wait();
});
