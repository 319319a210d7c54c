// Course ch18, bilibili/kratos's errgroup and its concurrency bug (seed lines 5690–5749; the code is
// OCR'd at 6940–6951, the buggy append at its line 96). With g.GOMAXPROCS(n), tasks go to n worker
// goroutines through a channel g.ch of capacity n. A task that does not fit is appended to a slice,
// g.chs, which Wait feeds to the workers later. That append has no lock.
//
// The bug: the course's reproducer. One worker (GOMAXPROCS(1)), a first task that keeps it busy,
// then many plain goroutines calling g.Go at once (10,000 in the course, 6 here). Concurrent appends
// lose tasks. A lost task's wg.Add(1) is never matched by a Done, so Wait hangs forever (seed 5749),
// and `count == total` never gets checked.
// What simcc reports: data-race on 'g.chs', at the second unsynchronised append, before the lost
// task turns into the hang.
// Fixed twin: bilibili-errgroup-locked.ts
import { scenario, go, shared, assert, select, sleep, Channel, WaitGroup, AtomicInt, type Shared } from 'simcc';

type Task = () => Promise<void>;

class BiliGroup {
  readonly wg = new WaitGroup({ name: 'g.wg' });
  readonly ch: Channel<Task>;
  readonly chs: Shared<Task[]> = shared('g.chs', []);

  constructor(workers: number) {
    this.ch = new Channel<Task>(workers, { name: 'g.ch' });
    for (let i = 0; i < workers; i++) {
      go(async () => {
        for await (const f of this.ch) {
          await f();
          await this.wg.done();
        }
      }, `g.worker-${i}`);
    }
  }

  async go(f: Task): Promise<void> {
    await this.wg.add(1);
    const s = await select([this.ch.sendCase(f)], { default: true });
    if (s.index === -1) await this.chs.update((fs) => [...fs, f]); // BUG: line 96, no lock
  }

  async wait(): Promise<void> {
    for (const f of await this.chs.read()) await this.ch.send(f);
    await this.wg.wait();
    await this.ch.close();
  }
}

export default scenario({ name: "ch18: bilibili errgroup's unsynchronised append", expect: ['data-race'] }, async () => {
  const total = 6;
  const count = new AtomicInt(0, 'count');
  const g = new BiliGroup(1); // g.GOMAXPROCS(1)
  await g.go(() => sleep(1000)); // occupies the only worker
  const callers = new WaitGroup({ name: 'callers' });
  await callers.add(total);
  for (let i = 0; i < total; i++) {
    go(async () => {
      await g.go(async () => {
        await count.add(1);
      });
      await callers.done();
    }, `caller-${i}`);
  }
  await callers.wait();
  await g.wait();
  const n = await count.load();
  assert(n === total, `expect ${total} but got ${n}`);
});
