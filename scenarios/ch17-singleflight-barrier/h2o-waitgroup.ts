// Course ch17, the H2O puzzle solved with a WaitGroup instead of the barrier (seed lines
// 5444–5489). The course calls this version complicated and warns that reusing the WaitGroup while
// Done is still running can panic. Its New() also builds the struct from a local WaitGroup that
// already had Add(3): `wg.Add(3); h2o := &H2O{..., wg: wg}` (seed 5454–5463), a copy by value.
//
// The bug (the first one any execution meets): the WaitGroup is copied after its first use, which
// go vet's copylocks reports. The copy carries the counter (3), as in Go, and the atoms share the
// copy, not the original.
// What simcc reports: copied-lock, on every schedule, at the copy in New(). The reuse races of this
// design are shown on their own in h2o-waitgroup-reuse.ts.
// Fixed twin: h2o-barrier.ts
import { scenario, go, copyValue, Semaphore, WaitGroup, context } from 'simcc';

interface H2O {
  semaH: Semaphore;
  semaO: Semaphore;
  wg: WaitGroup;
}

function newH2O(): Promise<H2O> {
  return (async () => {
    const wg = new WaitGroup({ name: 'wg' });
    await wg.add(3);
    // BUG: H2O{wg: wg} copies the WaitGroup after its first use
    return copyValue({ semaH: new Semaphore(2, { name: 'semaH' }), semaO: new Semaphore(1, { name: 'semaO' }), wg });
  })();
}

export default scenario({ name: 'ch17: H2O with a copied WaitGroup', expect: ['copied-lock'] }, async () => {
  const h2o = await newH2O();
  const ctx = context.background();
  const done = new WaitGroup({ name: 'done' });
  await done.add(3);
  for (const [kind, sema] of [['H', h2o.semaH], ['H', h2o.semaH], ['O', h2o.semaO]] as const) {
    go(async () => {
      await sema.acquire(1, ctx);
      await h2o.wg.done();
      await h2o.wg.wait();
      if (kind === 'O') await h2o.wg.add(3);
      await sema.release(1);
      await done.done();
    }, kind);
  }
  await done.wait();
});
