// Course ch07, a real Cond user: the Kubernetes scheduler's PriorityQueue (seed lines 1973–2014).
// Pop waits on p.cond in a loop while activeQ is empty, returning an error once the queue is
// closed; Add pushes a pod and Broadcasts; Close sets closed and Broadcasts "so that waiters do
// not hang forever". Here two scheduling goroutines Pop until the queue is closed, and main Adds
// two pods and Closes it.
//
// Everything is under p.lock, Wait sits in a `for` that re-checks both the queue and `closed`, and
// every change a waiter may be waiting for is followed by a Broadcast, which Cond (unlike a
// channel close) allows again and again (seed 2018).
// What simcc reports: nothing, on every schedule; both pods are popped exactly once.
// Buggy twins: k8s-priority-queue-close-without-broadcast.ts, k8s-priority-queue-if-not-for.ts
import { scenario, go, shared, Mutex, Cond, WaitGroup, assert, type Shared } from 'simcc';

class PriorityQueue {
  readonly lock = new Mutex({ name: 'p.lock' });
  readonly cond = new Cond(this.lock, 'p.cond');
  readonly activeQ: Shared<string[]> = shared('p.activeQ', []);
  readonly closed: Shared<boolean> = shared('p.closed', false);

  /** The next pod, or null once the queue is closed ("scheduling queue is closed"). */
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
      await this.cond.broadcast();
    } finally {
      await this.lock.unlock();
    }
  }
}

export default scenario('ch07: the Kubernetes PriorityQueue on a Cond', async () => {
  const q = new PriorityQueue();
  const popped: string[] = [];
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        for (let pod = await q.pop(); pod !== null; pod = await q.pop()) popped.push(pod);
      } finally {
        await wg.done();
      }
    }, `scheduler-${i}`);
  }
  await q.add('pod-a');
  await q.add('pod-b');
  await q.close();
  await wg.wait();
  assert(popped.sort().join() === 'pod-a,pod-b', `popped ${popped.join()}`);
});
