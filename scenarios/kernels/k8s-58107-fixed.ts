// Kernel of Kubernetes #58107, the fix: the worker takes workerLock.RLock() only after queue.Get()
// returned a key, so an idle worker holds no lock and Sync can always take the write lock.
//
// No bug.
// Buggy twin: k8s-58107-rlock-across-queue-get.ts
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
      const [key, quit] = await this.queue.get();
      if (quit) return;
      await this.workerLock.rLock(); // FIX: only while processing the key
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

export default scenario('k8s 58107 fixed: RLock only around processing', async () => {
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
