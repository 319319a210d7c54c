// Course ch17, the "water factory" puzzle (LeetCode 1117 "Building H2O"), seed lines 5312–5440.
// 2N hydrogen and N oxygen goroutines must leave in molecules: each group of three is HHO, HOH or
// OHH, and never HHH, OOH, .... The course's solution: a weighted semaphore with 2 slots for H,
// one with 1 slot for O, and a CyclicBarrier of 3. An atom takes a slot, emits itself, waits at the
// barrier for its two partners, and gives its slot back only after the barrier trips. A trip is one
// molecule.
//
// This is the correct program (N = 2 here, 6 goroutines, instead of the course's 100). The test of
// seed 5373–5440 is kept: read the output in triples and require each, sorted, to be "HHO".
// What simcc reports: nothing. Buggy counterparts: h2o-waitgroup.ts, h2o-waitgroup-reuse.ts,
// barrier-overfill.ts.
import { scenario, go, assert, Semaphore, CyclicBarrier, Channel, WaitGroup, context } from 'simcc';

export default scenario('ch17: H2O with two semaphores and a cyclic barrier', async () => {
  const N = 2;
  const semaH = new Semaphore(2, { name: 'semaH' });
  const semaO = new Semaphore(1, { name: 'semaO' });
  const b = new CyclicBarrier(3, { name: 'b' });
  const ch = new Channel<string>(N * 3, { name: 'ch' });
  const ctx = context.background();
  const wg = new WaitGroup({ name: 'wg' });

  async function atom(sema: Semaphore, name: string): Promise<void> {
    await sema.acquire(1, ctx);
    await ch.send(name); // releaseHydrogen() / releaseOxygen()
    await b.await(ctx); // wait for the other two atoms of the molecule
    await sema.release(1); // only now may the next atom of this kind come in
  }

  await wg.add(3 * N);
  for (let i = 0; i < 2 * N; i++) {
    go(async () => {
      await atom(semaH, 'H');
      await wg.done();
    }, `H-${i}`);
  }
  for (let i = 0; i < N; i++) {
    go(async () => {
      await atom(semaO, 'O');
      await wg.done();
    }, `O-${i}`);
  }
  await wg.wait();

  assert((await ch.len()) === 3 * N, `expect ${3 * N} atom`);
  for (let m = 0; m < N; m++) {
    const molecule = [(await ch.recv())!, (await ch.recv())!, (await ch.recv())!].sort().join('');
    assert(molecule === 'HHO', `expect a water molecule but got ${molecule}`);
  }
});
