// Course ch19, the distributed Mutex, fixed twin of lock-session-expired.ts: a waiter that handles the
// loss of its session — on `mutex: session is expired` (or `requested lease not found`) it opens a new
// session and queues again.
// What simcc reports: nothing (n2 gets the lock in the end).
import { scenario, Channel, WaitGroup, sleep, assert } from 'simcc';
import { Cluster, newSession, newMutex } from 'simcc/etcd';

export default scenario({ name: 'ch19: a lock waiter that renews its expired session', runs: 100 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const n1 = cluster.node('n1');
  const n2 = cluster.node('n2');
  const locked = new Channel<void>(0, { name: 'locked' });
  const wg = new WaitGroup({ name: 'wg' });
  let n2Locked = false;
  await wg.add(2);
  n1.go(async () => {
    const s = await newSession(n1.client, { ttl: 1000 });
    const m = newMutex(s, '/my-test-lock');
    await m.lock();
    await locked.send();
    await sleep(2000);
    await m.unlock();
    await s.close();
    await wg.done();
  }, 'n1/holder');
  await locked.recv();
  n2.go(async () => {
    for (;;) {
      const s = await newSession(n2.client, { ttl: 500 });
      const m = newMutex(s, '/my-test-lock');
      try {
        await m.lock();
      } catch (e) {
        const msg = e instanceof Error ? e.message : '';
        if (msg !== 'mutex: session is expired' && msg !== 'etcdserver: requested lease not found') throw e;
        continue; // FIX: the session is gone: start a new one and queue again
      }
      n2Locked = true;
      await m.unlock();
      await s.close();
      break;
    }
    await wg.done();
  }, 'n2/waiter');
  await sleep(100);
  await n2.pause(1000);
  await wg.wait();
  assert(n2Locked, 'n2 never got the lock');
});
