// Course ch06, common mistake 1 "the counter set negative", first way (seed lines 1629–1641): Add
// with a negative delta that is too large. wg.Add(10), then wg.Add(-10) (fine, the counter is 0),
// then wg.Add(-1).
//
// The bug: the counter would become -1. Go panics with `sync: negative WaitGroup counter`.
// What simcc reports: negative-waitgroup-counter, at the Add(-1), in every schedule. It is a panic,
// so a scenario that recovered (try/catch) would get no finding. This one does not recover.
// Fixed twin: none in the course. The rule (seed 1780) is: never pass a negative number to Add and
// use Done instead (see waitgroup-one-done-per-add.ts).
import { scenario, WaitGroup } from 'simcc';

export default scenario({ name: 'ch06: Add(-1) drives the counter negative', expect: ['negative-waitgroup-counter'] }, async () => {
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(10);
  await wg.add(-10); // the counter is 0: fine
  await wg.add(-1); // the counter would be -1: panic
});
