// Course ch18, bounded ErrGroups, with upstream x/sync's rule that the limit may not change while
// tasks of a limited group run (the extract's "[beyond course]" notes on SetLimit): SetLimit
// panics `errgroup: modify limit while N goroutines in the group are still active`.
//
// The bug: the code raises the limit for a second batch of tasks while the first batch is still
// running.
// What simcc reports: panic, with upstream's text, at the second SetLimit.
// Fixed twin: errgroup-setlimit.ts (the limit is set once, before the first Go)
import { scenario, ErrGroup, sleep } from 'simcc';

export default scenario({ name: 'ch18: SetLimit while tasks are active', expect: ['panic'] }, async () => {
  const g = new ErrGroup({ name: 'g' });
  g.setLimit(2);
  for (let i = 0; i < 2; i++) await g.go(() => sleep(10), `batch1-${i}`);
  g.setLimit(4); // BUG: two tasks of the group are still active
  for (let i = 0; i < 4; i++) await g.go(() => sleep(10), `batch2-${i}`);
  await g.wait();
});
