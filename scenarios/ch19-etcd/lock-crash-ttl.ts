// Course ch19, thinking question L6368: if the node holding the lock crashes, is the lock released? Yes,
// but only when its session's lease expires — until then every other node waits.
// The holder 'n1' crashes while holding the lock; 'n2' gets it one TTL later.
// What simcc reports: nothing (n2 takes the lock, at virtual time ≥ the TTL).
// Pitfall twin: lock-held-past-lease.ts (the holder is only paused, and comes back)
import { scenario, Channel, assert, now } from 'simcc';
import { Cluster, newSession, newMutex } from 'simcc/etcd';

const TTL = 2000;

export default scenario({ name: 'ch19: a crashed lock holder frees the lock after its TTL', runs: 200 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const n1 = cluster.node('n1');
  const n2 = cluster.node('n2');
  const locked = new Channel<void>(0, { name: 'locked' });
  const got = new Channel<number>(1, { name: 'got' });
  n1.go(async () => {
    const s = await newSession(n1.client, { ttl: TTL });
    await newMutex(s, '/my-test-lock').lock();
    await locked.send();
    await locked.recv(); // holds the lock until it crashes
  }, 'n1/holder');
  await locked.recv();
  n2.go(async () => {
    const s = await newSession(n2.client, { ttl: TTL });
    const m = newMutex(s, '/my-test-lock');
    await m.lock();
    await got.send(now());
    await m.unlock();
    await s.close();
  }, 'n2/waiter');
  await n1.crash();
  const at = (await got.recv())!;
  assert(at >= TTL, `n2 got the lock at ${at} ms, before n1's lease could expire`);
});
