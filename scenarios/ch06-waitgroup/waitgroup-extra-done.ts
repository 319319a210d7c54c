// Course ch06, common mistake 1 "the counter set negative", second way (seed lines 1642–1653): more
// Done calls than the count. The course's example is wg.Add(1); wg.Done(); wg.Done(). Here it has
// the shape it usually has in real code: a worker that has a deferred Done also calls Done
// explicitly at the end.
//
// The bug: one Add(1) and two Dones. The second Done takes the counter to -1, and Go panics with
// `sync: negative WaitGroup counter` (seed 1644: fewer Dones than the count hang Wait, more Dones
// panic).
// What simcc reports: negative-waitgroup-counter, at the second (deferred) Done. That Done always
// runs, so it is reported in every schedule. It cannot come second to the "reused before previous
// Wait has returned" check, because Done itself panics before main's woken Wait looks at the counter
// again.
// Fixed twin: waitgroup-one-done-per-add.ts
import { scenario, go, yieldNow, WaitGroup } from 'simcc';

export default scenario({ name: 'ch06: one Add, two Dones', expect: ['negative-waitgroup-counter'] }, async () => {
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    try {
      await yieldNow(); // the work
      await wg.done(); // BUG: explicit Done ...
    } finally {
      await wg.done(); // ... and the deferred one
    }
  }, 'worker');
  await wg.wait();
});
