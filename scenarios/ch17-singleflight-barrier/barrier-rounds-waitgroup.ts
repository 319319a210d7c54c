// Course ch17, CyclicBarrier vs WaitGroup (seed lines 5275–5279 and the reconstructed table): "the
// next round is automatic" for a CyclicBarrier, but with a WaitGroup you must call wg.Add(n) again
// for the next round, which is "racy and can panic".
//
// The bug: three workers meet in rounds with wg.Done(); wg.Wait(), and worker 0 re-arms the group
// with wg.Add(3) once it is through. Nothing orders that Add before the other workers' Done of the
// next round, or after their Wait of this round.
// What simcc reports: waitgroup-misuse (Add concurrent with Wait, or reused before the previous
// Wait returned) or negative-waitgroup-counter, depending on the schedule.
// Fixed twin: barrier-rounds-with-action.ts
import { scenario, go, WaitGroup } from 'simcc';

export default scenario(
  { name: 'ch17: rounds with a re-armed WaitGroup', expect: ['waitgroup-misuse', 'negative-waitgroup-counter'] },
  async () => {
    const round = new WaitGroup({ name: 'round' });
    const done = new WaitGroup({ name: 'done' });
    await round.add(3);
    await done.add(3);
    for (let i = 0; i < 3; i++) {
      go(async () => {
        for (let r = 0; r < 2; r++) {
          await round.done();
          await round.wait();
          if (i === 0) await round.add(3); // BUG: re-arm for the next round
        }
        await done.done();
      }, `worker-${i}`);
    }
    await done.wait();
  },
);
