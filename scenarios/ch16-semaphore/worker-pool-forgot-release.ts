// Course ch16, the pitfall "acquire a resource and forget to release it" (seed 5084–5088), buggy
// variant (d) of the extract's worker pool (seed 4962–4992): a worker returns early on an error
// without giving its token back.
//
// The bug: the release is not deferred, and the error path skips it. Every failed task leaks a
// token. Once max tokens have leaked, the dispatcher's next Acquire waits forever. In a server that
// keeps running this is a silent stall, not a crash.
// What simcc reports: deadlock. The dispatcher is blocked in acquire(1) with every token in use and
// no worker left to release one. The report shows the semaphore's state (size 2, 2 in use).
// Fixed twin: weighted-worker-pool.ts (the release is deferred with try/finally)
import { scenario, go, shared, Semaphore, context, sleep } from 'simcc';

export default scenario({ name: 'ch16: a worker forgets to release its token', expect: ['deadlock'] }, async () => {
  const maxWorkers = 2;
  const sema = new Semaphore(maxWorkers, { name: 'sema' });
  const ctx = context.background();
  const task = Array.from({ length: maxWorkers * 3 }, (_, i) => shared(`task[${i}]`, 0));

  for (let i = 0; i < task.length; i++) {
    if ((await sema.acquire(1, ctx)) !== null) break;
    go(async () => {
      await sleep(100);
      if (i % 2 === 0) return; // BUG: the error path returns without sema.release(1)
      await task[i]!.write(i + 1);
      await sema.release(1);
    }, `worker-${i}`);
  }

  await sema.acquire(maxWorkers, ctx);
  for (const t of task) await t.read();
});
