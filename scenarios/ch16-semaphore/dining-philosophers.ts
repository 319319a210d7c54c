// Course ch16, the pitfall that several semaphores used correctly one by one can still deadlock
// together: the dining philosophers (seed line 5092). Each of five forks is a NewWeighted(1). Each
// philosopher picks up the left fork, then the right one, eats, and puts both down.
//
// The bug: circular wait. If every philosopher picks up the left fork before any picks up a right
// one, each waits for the fork the next philosopher holds, forever.
// What simcc reports: deadlock, on the schedules where all five hold their left fork at once.
// Semaphores have no owner, so there is no wait-for edge to follow. This is the global deadlock:
// main waits in wg.Wait() and every philosopher is blocked in acquire.
// Fixed twin: dining-philosophers-waiter.ts
import { scenario, go, yieldNow, Semaphore, WaitGroup, context } from 'simcc';

export default scenario({ name: 'ch16: dining philosophers with one semaphore per fork', expect: ['deadlock'] }, async () => {
  const n = 5;
  const forks = Array.from({ length: n }, (_, i) => new Semaphore(1, { name: `fork-${i}` }));
  const ctx = context.background();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(n);
  for (let i = 0; i < n; i++) {
    go(async () => {
      const left = forks[i]!;
      const right = forks[(i + 1) % n]!;
      await left.acquire(1, ctx);
      await yieldNow(); // reaching for the other fork
      await right.acquire(1, ctx);
      await yieldNow(); // eating
      await right.release(1);
      await left.release(1);
      await wg.done();
    }, `philosopher-${i}`);
  }
  await wg.wait();
});
