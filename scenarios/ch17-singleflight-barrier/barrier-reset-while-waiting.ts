// Course ch17, CyclicBarrier's Reset (seed lines 5294–5310): Reset puts the barrier back to its
// initial state, and parties waiting in the current round get ErrBrokenBarrier.
//
// The bug: a coordinator resets the barrier to "start a fresh game" while the players of the
// current round are still waiting at it. Their Await fails with `broken barrier`, which they do not
// expect.
// What simcc reports: barrier-broken, in a player that was waiting when the coordinator reset the
// barrier. (On schedules where the round trips before the reset, nothing goes wrong.)
// Fixed twin: barrier-reset-between-rounds.ts
import { scenario, go, CyclicBarrier, WaitGroup, yieldNow } from 'simcc';

export default scenario({ name: 'ch17: Reset while parties wait', expect: ['barrier-broken'] }, async () => {
  const b = new CyclicBarrier(3, { name: 'b' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      await yieldNow(); // play the round
      await b.await();
      await wg.done();
    }, `player-${i}`);
  }
  go(async () => {
    await yieldNow();
    await b.reset(); // BUG: the round may still be in progress
  }, 'coordinator');
  await wg.wait();
});
