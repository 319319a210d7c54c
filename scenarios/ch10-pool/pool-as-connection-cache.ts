// Course ch10, what sync.Pool is not for (seed lines 2842 and 3021–3023): its objects are
// temporary and "may be removed at any time without notice", so it is no place for long-lived
// resources such as connections. Here a client keeps its one authenticated connection in a
// sync.Pool and expects to get it back.
//
// The bug: after any GC the pool is empty, and Get builds a new, unauthenticated connection.
// What simcc reports: assertion "the pooled connection was lost", on the schedules where a
// simulated GC empties the pool between the Put and the Get (a recorded scheduling choice).
// Fixed twin: connection-pool-channel.ts
import { scenario, Pool, assert } from 'simcc';

interface Conn {
  id: number;
  authenticated: boolean;
}

export default scenario({ name: 'ch10: a connection kept in a sync.Pool', expect: ['assertion'] }, async () => {
  let dials = 0;
  const conns = new Pool<Conn>(() => ({ id: ++dials, authenticated: false }), 'conns');
  const c = (await conns.get())!;
  c.authenticated = true; // the expensive handshake: 3-way TCP, TLS, auth (seed 2835)
  await conns.put(c);
  for (let i = 0; i < 2; i++) {
    const again = (await conns.get())!;
    assert(again.authenticated, `the pooled connection was lost: got a new one (dial #${again.id})`);
    await conns.put(again);
  }
});
