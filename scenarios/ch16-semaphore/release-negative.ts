// Course ch16, the x/sync pitfall "Release with a negative n holds resources forever" (seed line
// 5093): Release(-n) does not panic. It adds n to the count in use, which silently shrinks the
// semaphore's capacity for good. (The course's thinking question, why the count is an int64 and not
// a uint64, seed 5130–5135, is about this arithmetic.)
//
// The bug: a size computed by subtraction comes out negative (a worker "gives back" `used - want`
// units). Each such release takes a token out of circulation. Once the pool has lost its tokens, the
// next Acquire waits forever.
// What simcc reports: deadlock. Main waits in acquire(1) on a semaphore of size 2 that reports
// 2 in use although nobody holds a token.
// Fixed twin: weighted-worker-pool.ts (release exactly what you acquired, seed 5094)
import { scenario, go, Semaphore, WaitGroup } from 'simcc';

export default scenario({ name: 'ch16: a negative release shrinks the semaphore', expect: ['deadlock'] }, async () => {
  const sem = new Semaphore(2, { name: 'sem' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      await sem.acquire(1);
      const used = 1;
      const want = 2;
      await sem.release(used - want); // BUG: releases -1: the count in use goes up, not down
      await wg.done();
    }, `worker-${i}`);
  }
  await wg.wait();
  await sem.acquire(1); // every token is gone
});
