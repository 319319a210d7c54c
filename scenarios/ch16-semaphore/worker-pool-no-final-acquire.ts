// Course ch16, the worker pool (seed lines 4962–4992), buggy variant (a) of the extract: the final
// Acquire(max) that waits for every worker is dropped, and the dispatcher prints task at once.
//
// The bug: the last workers are still running when main reads their slots. Nothing orders a
// worker's `task[i] = i + 1` before main's read of task[i]: the read happens in parallel with the
// write (and in Go the program may exit before the last workers finish at all).
// What simcc reports: data-race on a task[i] slot, between the worker's write and main's read.
// Fixed twin: weighted-worker-pool.ts
import { scenario, go, shared, Semaphore, context, sleep } from 'simcc';

export default scenario({ name: 'ch16: worker pool without waiting for the workers', expect: ['data-race'] }, async () => {
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

  // BUG: no `await sema.acquire(maxWorkers, ctx)` here
  for (const t of task) await t.read(); // fmt.Println(task)
});
