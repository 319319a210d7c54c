// Course ch18, go-pkgz/syncs SizedGroup (seed lines 5816–5849): a semaphore plus a WaitGroup. By
// default it limits the tasks that *execute* at once, not the goroutines: Go always starts a
// goroutine, which then waits for a slot. With the Preemptive option, Go blocks the caller until a
// slot is free, which limits goroutines too. The course's example runs 1000 tasks of 5 ms with 10
// slots and prints 1000 (here 12 tasks and 3 slots).
//
// This is a correct program, run in both modes, with an atomic gauge checking the limit on
// executing tasks.
// What simcc reports: nothing. The final count is read after Wait, which every task's Done
// happens before.
import { scenario, go, assert, Semaphore, WaitGroup, AtomicInt, context, sleep } from 'simcc';

class SizedGroup {
  private readonly sema: Semaphore;
  private readonly wg = new WaitGroup({ name: 'swg.wg' });
  constructor(size: number, private readonly preemptive: boolean) {
    this.sema = new Semaphore(size, { name: 'swg.sema' });
  }
  async go(fn: () => Promise<void>, name: string): Promise<void> {
    await this.wg.add(1);
    if (this.preemptive) await this.sema.acquire(1, context.background()); // the caller waits
    go(async () => {
      if (!this.preemptive) await this.sema.acquire(1, context.background()); // the goroutine waits
      try {
        await fn();
      } finally {
        await this.sema.release(1);
        await this.wg.done();
      }
    }, name);
  }
  wait(): Promise<void> {
    return this.wg.wait();
  }
}

export default scenario('ch18: SizedGroup limits the executing tasks', async () => {
  for (const preemptive of [false, true]) {
    const swg = new SizedGroup(3, preemptive);
    const c = new AtomicInt(0, 'c');
    const executing = new AtomicInt(0, 'executing');
    for (let i = 0; i < 12; i++) {
      await swg.go(async () => {
        assert((await executing.add(1)) <= 3, 'more than 3 tasks executing');
        await sleep(5);
        await executing.add(-1);
        await c.add(1);
      }, `${preemptive ? 'preemptive' : 'default'}-task-${i}`);
    }
    await swg.wait();
    assert((await c.load()) === 12, `got ${await c.load()}`);
  }
});
