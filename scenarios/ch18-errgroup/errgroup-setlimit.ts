// Course ch18, bounding an ErrGroup's concurrency (seed lines 5689–5758: bilibili's GOMAXPROCS,
// neilotoole's WithContextN, motivated by go#34457), with upstream x/sync's answer that the course
// predates: SetLimit(n). At most n tasks are active, and Go blocks in the *caller* until a slot is
// free.
//
// This is a correct program: 6 tasks of 10 ms with a limit of 2.
// What simcc reports: nothing. At most two tasks ever run at once (an atomic gauge checks it), and
// a task's end happens before the Go that takes its slot.
// Buggy counterparts: errgroup-setlimit-recursive.ts, errgroup-setlimit-zero.ts,
// errgroup-setlimit-while-active.ts
import { scenario, assert, ErrGroup, AtomicInt, sleep } from 'simcc';

export default scenario('ch18: SetLimit bounds the running tasks', async () => {
  const g = new ErrGroup({ name: 'g' });
  g.setLimit(2);
  const active = new AtomicInt(0, 'active');
  for (let i = 0; i < 6; i++) {
    // With a limit, go blocks while 2 tasks run: it is a scheduling point, so it is awaited.
    await g.go(async () => {
      const n = await active.add(1);
      assert(n <= 2, `${n} tasks running with a limit of 2`);
      await sleep(10);
      await active.add(-1);
    }, `task-${i}`);
  }
  assert((await g.wait()) === null);
});
