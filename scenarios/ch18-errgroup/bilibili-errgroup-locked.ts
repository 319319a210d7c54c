// Course ch18, bilibili/kratos's errgroup (seed lines 5690–5749, code at 6940–6951), fixed twin of
// bilibili-errgroup-lost-tasks.ts. The append to g.chs happens under a mutex, as the fix upstream
// does, and Wait takes the same mutex to read the slice.
// What simcc reports: nothing. No task is lost, so every wg.Add(1) is matched by a Done, Wait
// returns, and count == total. (The course's gotcha remains: tasks beyond the limit run only once
// the caller is in Wait, seed 5703.)
import { scenario, go, shared, assert, select, sleep, Channel, Mutex, WaitGroup, AtomicInt, type Shared } from 'simcc';

type Task = () => Promise<void>;

class BiliGroup {
  readonly wg = new WaitGroup({ name: 'g.wg' });
  readonly mu = new Mutex({ name: 'g.mu' });
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
    if (s.index === -1) {
      await this.mu.lock();
      await this.chs.update((fs) => [...fs, f]);
      await this.mu.unlock();
    }
  }

  async wait(): Promise<void> {
    await this.mu.lock();
    const pending = await this.chs.read();
    await this.mu.unlock();
    for (const f of pending) await this.ch.send(f);
    await this.wg.wait();
    await this.ch.close();
  }
}

export default scenario('ch18: bilibili errgroup with the append under a lock', async () => {
  const total = 6;
  const count = new AtomicInt(0, 'count');
  const g = new BiliGroup(1);
  await g.go(() => sleep(1000));
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
