// Kernel of Kubernetes #58107 (GoKer blocking/kubernetes/58107): the resource quota controller.
// Its workers hold workerLock.RLock() while they block in queue.Get() waiting for work, and Sync,
// run every resync period by wait.Until, needs workerLock.Lock() to resync the quota monitors:
//   workFunc := func() bool {
//       rq.workerLock.RLock()
//       defer rq.workerLock.RUnlock()
//       key, quit := queue.Get()                 // BUG: blocks (sync.Cond) with the read lock held
//       ...
//   }
//
// The bug: with the queue empty an idle worker never releases its read lock, so Sync waits for the
// write lock forever, and (RWMutex being writer-preferring) every later RLock, such as the second
// worker's next round, waits behind it. The test waiting for the monitors to be resynced hangs.
// Expected finding: deadlock.
// Fixed twin: k8s-58107-fixed.ts
import { scenario, go, select, after, Channel, Mutex, RWMutex, Cond, WaitGroup, GoMap } from 'simcc';

const RESYNC_PERIOD = 10;

class WorkQueue {
  private readonly mu = new Mutex({ name: 'queue.mu' });
  private readonly cond = new Cond(this.mu, 'queue.cond');
  private readonly items: string[] = [];
  private shuttingDown = false;

  async add(key: string): Promise<void> {
    await this.mu.lock();
    this.items.push(key);
    await this.cond.signal();
    await this.mu.unlock();
  }

  async get(): Promise<[string | undefined, boolean]> {
    await this.mu.lock();
    while (this.items.length === 0 && !this.shuttingDown) await this.cond.wait();
    if (this.items.length === 0) {
      await this.mu.unlock();
      return [undefined, true];
    }
    const key = this.items.shift()!;
    await this.mu.unlock();
    return [key, false];
  }

  async shutDown(): Promise<void> {
    await this.mu.lock();
    this.shuttingDown = true;
    await this.cond.broadcast();
    await this.mu.unlock();
  }
}

class ResourceQuotaController {
  readonly workerLock = new RWMutex({ name: 'rq.workerLock' });
  readonly queue = new WorkQueue();
  readonly monitors = new GoMap<string, number>('rq.monitors');
  readonly synced = new Channel<void>(1, { name: 'synced' });

  async worker(): Promise<void> {
    for (;;) {
      await this.workerLock.rLock();
      const [key, quit] = await this.queue.get(); // BUG: read lock held while idle
      if (quit) {
        await this.workerLock.rUnlock();
        return;
      }
      await this.monitors.get(key!); // syncResourceQuotaFromKey
      await this.workerLock.rUnlock();
    }
  }

  // wait.Until(func() { ...; rq.workerLock.Lock(); rq.resyncMonitors(); rq.workerLock.Unlock() }, period, stopCh)
  async sync(stopCh: Channel<void>): Promise<void> {
    for (let round = 0; ; round++) {
      const r = await select([stopCh.recvCase(), after(RESYNC_PERIOD).recvCase()]);
      if (r.index === 0) return;
      await this.workerLock.lock();
      await this.monitors.set('pods', round);
      await this.workerLock.unlock();
      await select([this.synced.sendCase(undefined)], { default: true });
    }
  }
}

export default scenario({ name: 'k8s 58107: quota workers hold RLock while idle in queue.Get', expect: ['deadlock'] }, async () => {
  const rq = new ResourceQuotaController();
  const stopCh = new Channel<void>(0, { name: 'stopCh' });
  const wg = new WaitGroup({ name: 'workers' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      await rq.worker();
      await wg.done();
    }, `worker-${i}`);
  }
  go(() => rq.sync(stopCh), 'Sync');
  await rq.queue.add('ns1/compute-quota');
  await rq.synced.recv(); // the monitors were resynced once
  await stopCh.close();
  await rq.queue.shutDown();
  await wg.wait();
});
