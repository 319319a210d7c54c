// Course ch16, the weighted-semaphore worker pool (seed lines 4962–4992). A dispatcher hands out
// 4× as many tasks as there are workers. It takes one token per task before it starts a worker, so
// it blocks while every worker is busy; each worker sleeps 100 ms, stores its result in task[i] and
// gives its token back. At the end the dispatcher takes *every* token (Acquire(max)): the course's
// trick to wait for all workers (seed 4992). Then it prints task.
//
// This is the correct program, the fixed twin of worker-pool-no-final-acquire.ts,
// worker-pool-acquire-more-than-size.ts, worker-pool-release-2.ts and worker-pool-forgot-release.ts.
// Tokens are taken in main and given back by the workers: x/sync's semaphore has no owner (seed 4991).
// What simcc reports: nothing. Each worker's Release happens before the Acquire that takes its token
// back, so the final Acquire(max) orders every write to task[i] before the reads that print it.
import { scenario, go, shared, assert, Semaphore, context, sleep } from 'simcc';

export default scenario('ch16: weighted semaphore as a worker pool', async () => {
  const maxWorkers = 2; // runtime.GOMAXPROCS(0), kept small
  const sema = new Semaphore(maxWorkers, { name: 'sema' });
  const ctx = context.background();
  const task = Array.from({ length: maxWorkers * 4 }, (_, i) => shared(`task[${i}]`, 0));

  for (let i = 0; i < task.length; i++) {
    if ((await sema.acquire(1, ctx)) !== null) break; // blocks while every worker is busy
    go(async () => {
      try {
        await sleep(100); // the work
        await task[i]!.write(i + 1);
      } finally {
        await sema.release(1); // defer sema.Release(1)
      }
    }, `worker-${i}`);
  }

  // Take every token: this returns only once every worker has released its own.
  assert((await sema.acquire(maxWorkers, ctx)) === null);
  for (let i = 0; i < task.length; i++) assert((await task[i]!.read()) === i + 1, `task ${i} not done`);
});
