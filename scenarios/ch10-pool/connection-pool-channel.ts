// Course ch10, connection pools (seed lines 3021–3084): fatih/pool keeps idle connections in a
// buffered channel (NewChannelPool(initialCap, maxCap, factory)); Get takes an idle one or dials,
// Close on a pooled connection returns it to the pool, or closes it when the pool is full. Nothing
// takes connections away behind the pool's back, unlike sync.Pool.
//
// This is the fixed twin of pool-as-connection-cache.ts.
// What simcc reports: nothing, on every schedule: the authenticated connection is reused.
import { scenario, go, select, Channel, WaitGroup, assert } from 'simcc';

interface Conn {
  id: number;
  authenticated: boolean;
}

class ChannelPool {
  readonly conns: Channel<Conn>;
  dials = 0;
  constructor(maxCap: number) {
    this.conns = new Channel<Conn>(maxCap, { name: 'pool.conns' });
  }

  async get(): Promise<Conn> {
    const r = await select([this.conns.recvCase()], { default: true });
    if (r.index === 0) return r.value as Conn;
    return { id: ++this.dials, authenticated: true }; // factory(): dial and authenticate
  }

  /** PoolConn.Close: back into the pool, or really closed when the pool is full. */
  async put(c: Conn): Promise<void> {
    await select([this.conns.sendCase(c)], { default: true });
  }
}

export default scenario('ch10: a connection pool on a buffered channel', async () => {
  const p = new ChannelPool(2);
  const c = await p.get();
  await p.put(c);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      const conn = await p.get();
      assert(conn.authenticated, 'got an unauthenticated connection');
      await p.put(conn);
      await wg.done();
    }, `client-${i}`);
  }
  await wg.wait();
  assert(p.dials <= 2, `dialled ${p.dials} times for 2 concurrent clients`);
});
