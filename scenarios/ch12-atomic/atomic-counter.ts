// Course ch12, the Add operation (seed lines 3399–3409): atomic.AddInt64(&count, 1) returns the
// new value; a negative delta subtracts (for unsigned types, the course's ^uint32(0) trick).
//
// This is the fixed twin of atomic-counter-plain.ts. Each Add is one indivisible step, and atomic
// operations are sequentially consistent and synchronising, so nothing is lost and nothing races.
// What simcc reports: nothing, on every schedule; the count is exact and the values Add returned
// are all different.
import { scenario, go, AtomicInt, WaitGroup, assert } from 'simcc';

export default scenario('ch12: a counter incremented with atomic Add', async () => {
  const count = new AtomicInt(0, 'count');
  const seen = new Set<number>();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      seen.add(await count.add(1)); // atomic.AddInt64(&count, 1)
      await wg.done();
    }, `handler-${i}`);
  }
  await wg.wait();
  assert((await count.load()) === 3 && seen.size === 3, 'an increment was lost');
  assert((await count.add(-1)) === 2, 'subtracting with a negative delta');
});
