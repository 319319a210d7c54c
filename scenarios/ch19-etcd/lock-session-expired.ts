// Course ch19, the distributed Mutex: a waiter whose own session expires while it waits. etcd's Lock
// checks, after the wait, that its key is still there; gone (its lease expired meanwhile), Lock returns
// ErrSessionExpired (`mutex: session is expired`) — or, when the lease was already gone before it put its
// key, the put fails with `etcdserver: requested lease not found`.
//
// The bug: 'n2' waits for the lock held by 'n1'; a pause of n2 longer than its lease lets the lease
// expire. n2 assumes Lock either succeeds or hangs, and does not handle the error.
// What simcc reports: panic (`mutex: session is expired`, or `requested lease not found`).
// Fixed twin: lock-session-expired-fixed.ts
import { scenario, Channel, WaitGroup, sleep } from 'simcc';
import { Cluster, newSession, newMutex } from 'simcc/etcd';

export default scenario({ name: 'ch19: a lock waiter whose session expires', expect: ['panic'], runs: 100 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const n1 = cluster.node('n1');
  const n2 = cluster.node('n2');
  const locked = new Channel<void>(0, { name: 'locked' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  n1.go(async () => {
    const s = await newSession(n1.client, { ttl: 1000 });
    const m = newMutex(s, '/my-test-lock');
    await m.lock();
    await locked.send();
    await sleep(2000); // holds the lock for a while
    await m.unlock();
    await s.close();
    await wg.done();
  }, 'n1/holder');
  await locked.recv();
  n2.go(async () => {
    const s = await newSession(n2.client, { ttl: 500 });
    const m = newMutex(s, '/my-test-lock');
    await m.lock(); // BUG: throws once n2's session expired
    await m.unlock();
    await s.close();
    await wg.done();
  }, 'n2/waiter');
  await sleep(100);
  await n2.pause(1000); // longer than n2's lease
  await wg.wait();
});
