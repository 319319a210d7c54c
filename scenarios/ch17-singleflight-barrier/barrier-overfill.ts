// Course ch17, CyclicBarrier (seed lines 5271–5312) used without the H2O solution's semaphores
// (the extract's "barrier-overfill"). In marusama/cyclicbarrier the last party to arrive counts
// itself in, unlocks, runs the barrier action, and only then starts a new round. A party that
// arrives in that window is counted into the old round and panics
// `CyclicBarrier.Await is called more than count of parties`.
//
// The bug: four workers meet in pairs at a barrier of 2 (the course's demo has 4 goroutines on a
// barrier of 3), with nothing to keep a third one out of a round. The semaphores of h2o-barrier.ts
// are what let only as many goroutines in as the barrier has parties.
// What simcc reports: barrier-broken (the library's panic, a misuse of the barrier), on the
// schedules where a third worker arrives between the second's arrival and the trip. (`simcc
// explore` finds it too: the barrier is small enough for every interleaving.)
// Fixed twin: h2o-barrier.ts
import { scenario, go, CyclicBarrier, WaitGroup } from 'simcc';

export default scenario({ name: 'ch17: more goroutines than parties at a cyclic barrier', expect: ['barrier-broken'] }, async () => {
  const b = new CyclicBarrier(2, { name: 'b' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(4);
  for (let i = 0; i < 4; i++) {
    go(async () => {
      await b.await(); // two full rounds of 2, if no third one slips into a round
      await wg.done();
    }, `worker-${i}`);
  }
  await wg.wait();
});
