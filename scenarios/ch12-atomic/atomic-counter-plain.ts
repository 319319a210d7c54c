// Course ch12, why atomics (seed lines 3361–3380 and 3399–3409): a request counter shared by
// several goroutines, incremented with a plain `count++`.
//
// The bug: count++ is a read and a write; two goroutines interleave them and an increment is lost,
// and the accesses are a data race. (Even a single plain 64-bit store may tear on 386, seed
// 3370–3379.)
// What simcc reports: data-race on `count`, on every schedule (the increments of two goroutines are
// never ordered).
// Fixed twin: atomic-counter.ts
import { scenario, go, shared, WaitGroup } from 'simcc';

export default scenario({ name: 'ch12: a counter incremented with plain ++', expect: ['data-race'] }, async () => {
  const count = shared('count', 0);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      await count.update((v) => v + 1); // BUG: count++
      await wg.done();
    }, `handler-${i}`);
  }
  await wg.wait();
});
