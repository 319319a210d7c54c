// Course ch16, the worker pool (seed lines 4962–4992) and the pitfall "releasing more than was
// acquired panics" (seed 5084–5093), buggy variant (c) of the extract: each worker defers
// Release(2) instead of Release(1).
//
// The bug: every worker holds one token and gives two back. x/sync checks the count globally:
// as soon as more tokens are released than are in use, Release panics with
// `semaphore: released more than held`.
// What simcc reports: semaphore-overrelease, the panic in the first worker whose Release takes the
// count below zero. On the schedules where an extra token lets the dispatcher's final Acquire(max)
// through before a worker has written its slot (about a third of them), the read of task races with
// that write first, so data-race is expected too.
// Fixed twin: weighted-worker-pool.ts
import { scenario, go, shared, Semaphore, context, sleep } from 'simcc';

export default scenario(
  { name: 'ch16: a worker releases two tokens for the one it holds', expect: ['semaphore-overrelease', 'data-race'] },
  async () => {
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
          await sema.release(2); // BUG: holds 1, releases 2
        }
      }, `worker-${i}`);
    }

    await sema.acquire(maxWorkers, ctx);
    for (const t of task) await t.read();
  },
);
