// Kernel of CockroachDB #10214 (GoKer blocking/cockroach/10214): coalesced heartbeats.
//   func (s *Store) sendQueuedHeartbeats() {
//       s.coalescedMu.Lock(); defer s.coalescedMu.Unlock()
//       for _, r := range s.mu.replicas { r.reportUnreachable() }    // takes r.mu
//   }
//   func (r *Replica) tick() {
//       r.raftMu.Lock(); defer r.raftMu.Unlock()
//       r.mu.Lock(); defer r.mu.Unlock()
//       r.maybeQuiesceLocked()                                       // -> maybeCoalesceHeartbeat:
//   }                                                                //    r.store.coalescedMu.Lock()
//
// The bug: the store's heartbeat loop takes coalescedMu then Replica.mu; the replica's raft tick
// takes Replica.mu then coalescedMu. When each holds its first lock, both wait for ever.
// Expected finding: lock-order-inversion (or deadlock, in the executions where it happens).
// Fixed twin: cockroach-10214-fixed.ts
import { scenario, go, Mutex, WaitGroup, shared, type Shared } from 'simcc';

class Store {
  readonly coalescedMu = new Mutex({ name: 'store.coalescedMu' });
  readonly heartbeats: Shared<number> = shared('store.coalescedMu.heartbeats', 0);
  replicas: Replica[] = [];

  async sendQueuedHeartbeats(): Promise<void> {
    await this.coalescedMu.lock();
    await this.heartbeats.write(0);
    for (const r of this.replicas) await r.reportUnreachable(); // BUG: r.mu under coalescedMu
    await this.coalescedMu.unlock();
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
    await this.maybeCoalesceHeartbeat(); // maybeQuiesceLocked
    await this.mu.unlock();
    await this.raftMu.unlock();
  }

  async maybeCoalesceHeartbeat(): Promise<void> {
    await this.store.coalescedMu.lock(); // BUG: coalescedMu under r.mu
    await this.store.heartbeats.update((n) => n + 1);
    await this.store.coalescedMu.unlock();
  }
}

export default scenario({ name: 'cockroach 10214: coalescedMu and Replica.mu in opposite orders', expect: ['lock-order-inversion', 'deadlock'] }, async () => {
  const s = new Store();
  const r = new Replica(s);
  s.replicas.push(r);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => { await s.sendQueuedHeartbeats(); await wg.done(); }, 'coalescedHeartbeatsLoop');
  go(async () => { await r.tick(); await wg.done(); }, 'raftTickLoop');
  await wg.wait();
});
