// Course ch07, the Kubernetes scheduler's PriorityQueue (seed lines 1973–2014), with the Broadcast
// removed from Close (seed 2006–2013 explains why it is there: "to avoid waiters hanging forever").
//
// The bug: Close changes the condition Pop waits for (closed) without waking the waiters. A
// scheduling goroutine already asleep in Pop's Wait when the queue closes never checks `closed`
// again.
// What simcc reports: deadlock on the schedules where a scheduler is waiting when Close runs
// (main waits for the schedulers): the report shows it asleep in wait of Cond 'p.cond' with no
// dropped signal, i.e. nobody ever signalled it after it began to wait. On the other schedules
// the schedulers see `closed` before they wait and return.
// Fixed twin: k8s-priority-queue.ts
import { scenario, go, shared, Mutex, Cond, WaitGroup, type Shared } from 'simcc';

class PriorityQueue {
  readonly lock = new Mutex({ name: 'p.lock' });
  readonly cond = new Cond(this.lock, 'p.cond');
  readonly activeQ: Shared<string[]> = shared('p.activeQ', []);
  readonly closed: Shared<boolean> = shared('p.closed', false);

  async pop(): Promise<string | null> {
    await this.lock.lock();
    try {
      while ((await this.activeQ.read()).length === 0) {
        if (await this.closed.read()) return null;
        await this.cond.wait();
      }
      const [pod, ...rest] = await this.activeQ.read();
      await this.activeQ.write(rest);
      return pod!;
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
      // p.cond.Broadcast()   -- BUG: missing
    } finally {
      await this.lock.unlock();
    }
  }
}

export default scenario({ name: 'ch07: PriorityQueue.Close without Broadcast', expect: ['deadlock'] }, async () => {
  const q = new PriorityQueue();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        while ((await q.pop()) !== null) {
          // schedule the pod
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
