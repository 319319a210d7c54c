// Course ch06 "WaitGroup", the basic example (seed lines 1497–1543). Ten workers each do
// `defer wg.Done(); time.Sleep(time.Second); counter.Incr()`. main does wg.Add(10), starts them,
// calls wg.Wait(), and prints counter.Count(). Here there are three workers, and await yieldNow()
// stands in for the Sleep (simcc explores schedules and needs no sleeps).
//
// There is no bug: this is the shape that every fixed WaitGroup scenario below follows. The count
// is set before any worker starts, each worker's Done is deferred, and Wait is the checkpoint.
// What simcc reports: nothing. Every Done happens-before Wait returns, so main's read of the count is
// ordered after all the increments (which the Counter's Mutex already orders among themselves), and
// the count is 3.
import { scenario, go, yieldNow, shared, Mutex, WaitGroup, assert, type Shared } from 'simcc';

// the thread-safe counter of ch01
class Counter {
  private mu = new Mutex({ name: 'counter.mu' });
  private count: Shared<number> = shared('counter.count', 0);

  async incr(): Promise<void> {
    await this.mu.lock();
    await this.count.update((n) => n + 1);
    await this.mu.unlock();
  }

  async value(): Promise<number> {
    await this.mu.lock();
    try {
      return await this.count.read();
    } finally {
      await this.mu.unlock();
    }
  }
}

async function worker(c: Counter, wg: WaitGroup): Promise<void> {
  try {
    await yieldNow(); // time.Sleep(time.Second)
    await c.incr();
  } finally {
    await wg.done(); // defer wg.Done()
  }
}

export default scenario('ch06: WaitGroup waits for three workers', async () => {
  const counter = new Counter();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(() => worker(counter, wg), `worker-${i}`);
  }
  await wg.wait(); // the checkpoint
  assert((await counter.value()) === 3, 'Wait returned before every worker was done');
});
