// Course ch03, real bugs: gRPC-Go issue 795 (seed lines 1036–1038). Unlock was written as Lock. This
// is the third way an Unlock goes missing in pitfall 1 (seed 735). It is a kernel of the bug, not
// gRPC's code (the course shows the diff only as a screenshot). A ClientConn method meant to end its
// critical section with cc.mu.Unlock() calls cc.mu.Lock() instead.
//
// The bug: the goroutine that runs resetAddrConn locks cc.mu a second time while it holds it. It
// waits for itself, and every other user of cc.mu (here an RPC reading the connection count) waits
// behind it.
// What simcc reports: double-lock, at the mistyped Lock, in every schedule. Because a goroutine is
// locking a Mutex it already holds, simcc reports it before the deadlock it causes.
// Fixed twin: grpc-795-fixed.ts
import { scenario, go, shared, Mutex, WaitGroup, type Shared } from 'simcc';

class ClientConn {
  mu = new Mutex({ name: 'cc.mu' });
  conns: Shared<number> = shared('cc.conns', 0);

  async resetAddrConn(): Promise<void> {
    await this.mu.lock();
    await this.conns.update((n) => n + 1);
    await this.mu.lock(); // BUG: should be cc.mu.Unlock()
  }

  async numConns(): Promise<number> {
    await this.mu.lock();
    try {
      return await this.conns.read();
    } finally {
      await this.mu.unlock();
    }
  }
}

export default scenario({ name: 'gRPC 795: Unlock written as Lock', expect: ['double-lock'] }, async () => {
  const cc = new ClientConn();
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  go(async () => {
    try {
      await cc.resetAddrConn();
    } finally {
      await wg.done();
    }
  }, 'balancer-update');
  go(async () => {
    try {
      await cc.numConns();
    } finally {
      await wg.done();
    }
  }, 'rpc');
  await wg.wait();
});
