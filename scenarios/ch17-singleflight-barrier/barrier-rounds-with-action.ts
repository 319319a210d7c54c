// Course ch17, CyclicBarrier as a reusable rendezvous (seed lines 5271–5292): a fixed group of
// goroutines meets at the same point round after round, with NewWithAction's barrierAction run by
// the last party of each round before anyone is released. Here three workers each compute a
// partial sum per round. The action adds the round's partials to the total, and then every worker
// reads the total. A second barrier without an action keeps a fast worker from writing its next
// partial while a slow one still reads.
//
// This is a correct program. The barrier resets itself for the next round, which a WaitGroup
// cannot do safely (seed 5275–5279; see barrier-rounds-waitgroup.ts).
// What simcc reports: nothing. Every worker's write of its partial happens before the action
// (arrivals before the trip), and the action's writes happen before every worker's return from
// Await, so none of these plain variables races.
import { scenario, go, shared, assert, CyclicBarrier, WaitGroup, type Shared } from 'simcc';

export default scenario('ch17: rounds of a cyclic barrier with an action', async () => {
  const parties = 3;
  const rounds = 2;
  const partial: Shared<number>[] = Array.from({ length: parties }, (_, i) => shared(`partial[${i}]`, 0));
  const total = shared('total', 0);
  const b = new CyclicBarrier(parties, {
    name: 'b',
    action: async () => {
      let sum = await total.read();
      for (const p of partial) sum += await p.read();
      await total.write(sum);
    },
  });
  const readDone = new CyclicBarrier(parties, { name: 'readDone' }); // no action
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(parties);
  for (let i = 0; i < parties; i++) {
    go(async () => {
      for (let round = 1; round <= rounds; round++) {
        await partial[i]!.write(i + 1);
        await b.await(); // the action adds the partials
        const seen = await total.read(); // the total after this round
        assert(seen === round * 6, `round ${round} ended with total ${seen}`);
        await readDone.await(); // everyone has read the new total before anyone writes a partial again
      }
      await wg.done();
    }, `worker-${i}`);
  }
  await wg.wait();
  assert((await total.read()) === rounds * 6);
});
