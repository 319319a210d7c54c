// Kernel of CockroachDB #10214, fixed: sendQueuedHeartbeats takes the queued heartbeats out under
// coalescedMu and reports unreachable replicas after releasing it, so no goroutine takes Replica.mu
// while it holds coalescedMu; the only order left is Replica.mu -> coalescedMu.
// No bug.
// Buggy twin: cockroach-10214-lock-order.ts
import { scenario, go, Mutex, WaitGroup, shared, type Shared } from 'simcc';

class Store {
  readonly coalescedMu = new Mutex({ name: 'store.coalescedMu' });
  readonly heartbeats: Shared<number> = shared('store.coalescedMu.heartbeats', 0);
  replicas: Replica[] = [];

  async sendQueuedHeartbeats(): Promise<void> {
    await this.coalescedMu.lock();
    await this.heartbeats.write(0);
    const replicas = [...this.replicas];
    await this.coalescedMu.unlock();
    for (const r of replicas) await r.reportUnreachable(); // FIX: outside coalescedMu
  }
}

class Replica {
  readonly raftMu = new Mutex({ name: 'replica.raftMu' });
  readonly mu = new Mutex({ name: 'replica.mu' });
  readonly unreachable = shared('replica.mu.unreachable', 0);
  constructor(readonly store: Store) {}

  async reportUnreachable(): Promise<void> {
    await this.mu.lock();
    await this.unreachable.update((n) => n + 1);
    await this.mu.unlock();
  }

  async tick(): Promise<void> {
    await this.raftMu.lock();
    await this.mu.lock();
    await this.maybeCoalesceHeartbeat();
    await this.mu.unlock();
    await this.raftMu.unlock();
  }

  async maybeCoalesceHeartbeat(): Promise<void> {
    await this.store.coalescedMu.lock();
    await this.store.heartbeats.update((n) => n + 1);
    await this.store.coalescedMu.unlock();
  }
}

export default scenario('cockroach 10214 fixed: heartbeats reported outside coalescedMu', async () => {
  const s = new Store();
  const r = new Replica(s);
  s.replicas.push(r);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => { await s.sendQueuedHeartbeats(); await wg.done(); }, 'coalescedHeartbeatsLoop');
  go(async () => { await r.tick(); await wg.done(); }, 'raftTickLoop');
  await wg.wait();
});
