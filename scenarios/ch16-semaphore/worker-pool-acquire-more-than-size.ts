// Course ch16, the worker pool (seed lines 4962–4992) and the pitfall "acquiring more than the
// maximum may block forever" (seed 5093), buggy variant (b) of the extract: the final wait takes
// Acquire(max + 1) instead of Acquire(max).
//
// The bug: a weighted semaphore of size max can never hand out max + 1 tokens. x/sync does not
// queue such a request. It waits only for its context, and context.Background() is never done,
// so the dispatcher blocks forever even after every worker has finished.
// What simcc reports: deadlock (all goroutines are asleep). The report says the acquire asks for
// more than the semaphore's size, so it can never succeed.
// Fixed twin: weighted-worker-pool.ts
import { scenario, go, shared, Semaphore, context, sleep } from 'simcc';

export default scenario({ name: 'ch16: waiting for more tokens than the semaphore has', expect: ['deadlock'] }, async () => {
  const maxWorkers = 2;
  const sema = new Semaphore(maxWorkers, { name: 'sema' });
  const ctx = context.background();
  const task = Array.from({ length: maxWorkers * 2 }, (_, i) => shared(`task[${i}]`, 0));

  for (let i = 0; i < task.length; i++) {
    if ((await sema.acquire(1, ctx)) !== null) break;
    go(async () => {
      try {
        await sleep(100);
        await task[i]!.write(i + 1);
      } finally {
        await sema.release(1);
      }
    }, `worker-${i}`);
  }

  await sema.acquire(maxWorkers + 1, ctx); // BUG: one more than the size
  for (const t of task) await t.read();
});
