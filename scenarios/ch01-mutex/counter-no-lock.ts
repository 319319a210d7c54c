// Course ch01 "Mutex: how to solve concurrent access", the running example (seed lines 108–131):
// 10 goroutines each do count++ 100,000 times, a WaitGroup waits for them, and no lock guards `count`.
//
// The bug: count++ is a read, an add and a write (seed 137–142). Two goroutines can read the same
// value, and then one increment is lost. Two workers with two increments each are enough here.
// What simcc reports: data-race. The workers' accesses to `count` are not ordered by happens-before:
// the go statement orders each worker after main, and wg.done → wg.wait orders them before main's
// final read, but nothing orders the two workers against each other. As with `go run -race`
// (seed 144–151), the report names both accesses, both goroutines and both lines. Unlike
// `go run -race`, simcc does not depend on the racy interleaving actually happening. The race is
// found at the second unordered access, in every schedule. That is before the final assert could
// fail, so 'assertion' is not listed.
// Fixed twin: counter-with-mutex.ts
import { scenario, go, shared, WaitGroup, assert } from 'simcc';

export default scenario({ name: 'ch01: count++ without a lock', expect: ['data-race'] }, async () => {
  const count = shared('count', 0);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        for (let j = 0; j < 2; j++) {
          await count.update((v) => v + 1); // count++: a read, then a write (two scheduling points)
        }
      } finally {
        await wg.done(); // defer wg.Done()
      }
    }, `worker-${i}`);
  }
  await wg.wait();
  assert((await count.read()) === 4, 'an increment was lost');
});
