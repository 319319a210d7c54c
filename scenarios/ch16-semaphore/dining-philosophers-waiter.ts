// Course ch16, the dining philosophers (seed line 5092), fixed twin of dining-philosophers.ts. The
// classic fix with one more semaphore: a "waiter" NewWeighted(n − 1) lets at most four of the five
// philosophers sit down at once. With four at the table and five forks, at least one of them can
// always get both forks, so the circular wait cannot close.
// What simcc reports: nothing.
import { scenario, go, yieldNow, Semaphore, WaitGroup, context } from 'simcc';

export default scenario('ch16: dining philosophers with a waiter semaphore', async () => {
  const n = 5;
  const forks = Array.from({ length: n }, (_, i) => new Semaphore(1, { name: `fork-${i}` }));
  const waiter = new Semaphore(n - 1, { name: 'waiter' });
  const ctx = context.background();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(n);
  for (let i = 0; i < n; i++) {
    go(async () => {
      const left = forks[i]!;
      const right = forks[(i + 1) % n]!;
      await waiter.acquire(1, ctx); // sit down
      await left.acquire(1, ctx);
      await yieldNow();
      await right.acquire(1, ctx);
      await yieldNow(); // eating
      await right.release(1);
      await left.release(1);
      await waiter.release(1); // leave the table
      await wg.done();
    }, `philosopher-${i}`);
  }
  await wg.wait();
});
