// Course ch07, the Kubernetes scheduler's PriorityQueue (seed lines 1973–2014) with Pop's
// `for p.activeQ.Len() == 0` written as an `if` (pitfall 2, seed lines 1931–1962: a wake-up is
// not the condition).
//
// The bug: Add Broadcasts, so both waiting schedulers wake up for one pod. The first one takes it;
// the second one does not look again and pops from an empty queue. A wake-up by Close goes the
// same way: the `if` does not re-check `closed` either.
// What simcc reports: assertion "Pop returned nothing from an empty queue", on the schedules where
// a scheduler is woken while the queue is empty again.
// Fixed twin: k8s-priority-queue.ts
import { scenario, go, shared, Mutex, Cond, WaitGroup, assert, type Shared } from 'simcc';

class PriorityQueue {
  readonly lock = new Mutex({ name: 'p.lock' });
  readonly cond = new Cond(this.lock, 'p.cond');
  readonly activeQ: Shared<string[]> = shared('p.activeQ', []);
  readonly closed: Shared<boolean> = shared('p.closed', false);

  async pop(): Promise<string | null | undefined> {
    await this.lock.lock();
    try {
      if ((await this.activeQ.read()).length === 0) {
        // BUG: `if`, not `for`
        if (await this.closed.read()) return null;
        await this.cond.wait();
      }
      const [pod, ...rest] = await this.activeQ.read();
      await this.activeQ.write(rest);
      return pod;
    } finally {
      await this.lock.unlock();
    }
  }

  async add(pod: string): Promise<void> {
    await this.lock.lock();
    try {
      await this.activeQ.update((q) => [...q, pod]);
      await this.cond.broadcast();
    } finally {
      await this.lock.unlock();
    }
  }

  async close(): Promise<void> {
    await this.lock.lock();
    try {
      await this.closed.write(true);
      await this.cond.broadcast();
    } finally {
      await this.lock.unlock();
    }
  }
}

export default scenario({ name: 'ch07: PriorityQueue.Pop with if instead of for', expect: ['assertion'] }, async () => {
  const q = new PriorityQueue();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        for (;;) {
          const pod = await q.pop();
          if (pod === null) break;
          assert(pod !== undefined, 'Pop returned nothing from an empty queue');
        }
      } finally {
        await wg.done();
      }
    }, `scheduler-${i}`);
  }
  await q.add('pod-a');
  await q.close();
  await wg.wait();
});
