// Course ch03, real bugs: gRPC-Go issue 795 (seed lines 1036–1038). The fix is to write Unlock
// where Unlock was meant.
//
// This is the fixed twin of grpc-795-unlock-typed-as-lock.ts.
// What simcc reports: nothing. The RPC sees 0 or 1 connections, depending on the order, and after
// both goroutines are done there is 1.
import { scenario, go, shared, Mutex, WaitGroup, assert, type Shared } from 'simcc';

class ClientConn {
  mu = new Mutex({ name: 'cc.mu' });
  conns: Shared<number> = shared('cc.conns', 0);

  async resetAddrConn(): Promise<void> {
    await this.mu.lock();
    await this.conns.update((n) => n + 1);
    await this.mu.unlock();
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

export default scenario('gRPC 795 fixed: Unlock, not Lock', async () => {
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
  assert((await cc.numConns()) === 1, 'the connection count should be 1');
});
