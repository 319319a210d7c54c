// Course ch17, the H2O puzzle solved with a WaitGroup instead of the barrier (seed lines
// 5444–5489), with the copy of h2o-waitgroup.ts removed (the WaitGroup is shared by pointer). What
// is left is the design itself. Each atom does wg.Done(); wg.Wait(), and the oxygen "resets" the
// group for the next molecule with wg.Add(3) after its Wait. The course warns that reuse racing
// with Done can panic (seed 5489).
//
// The bug: nothing orders the next molecule's atoms after the oxygen's Add(3). A hydrogen of the
// next molecule can call Done before the Add, which panics `sync: negative WaitGroup counter`. The
// Add can run while a hydrogen of this molecule is still inside Wait, which is Go's
// `WaitGroup is reused before previous Wait has returned` or, as the race detector sees it, Add
// concurrent with Wait. (An atom could also miss the zero and wait forever, but one of the first two
// always comes first.)
// What simcc reports: negative-waitgroup-counter or waitgroup-misuse, depending on the schedule
// (about a quarter and three quarters of them), which makes this a good example of exploring
// schedules.
// Fixed twin: h2o-barrier.ts
import { scenario, go, Semaphore, WaitGroup, context } from 'simcc';

export default scenario(
  { name: 'ch17: H2O with a reused WaitGroup', expect: ['negative-waitgroup-counter', 'waitgroup-misuse'] },
  async () => {
    const N = 2;
    const semaH = new Semaphore(2, { name: 'semaH' });
    const semaO = new Semaphore(1, { name: 'semaO' });
    const wg = new WaitGroup({ name: 'h2o.wg' });
    const ctx = context.background();
    const done = new WaitGroup({ name: 'done' });
    await wg.add(3);

    await done.add(3 * N);
    for (let i = 0; i < 3 * N; i++) {
      const oxygen = i % 3 === 2;
      go(async () => {
        const sema = oxygen ? semaO : semaH;
        await sema.acquire(1, ctx);
        await wg.done();
        await wg.wait();
        if (oxygen) await wg.add(3); // BUG: "reset" for the next molecule, racing with its atoms
        await sema.release(1);
        await done.done();
      }, oxygen ? `O-${i}` : `H-${i}`);
    }
    await done.wait();
  },
);
