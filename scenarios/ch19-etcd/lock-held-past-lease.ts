// Course ch19, the distributed Mutex (seed lines 6169–6262) and thinking question L6368: is a lock
// whose holder stops really released? It is — when the holder's lease expires, whether the holder is
// dead or only asleep.
//
// The bug: 'n1' takes the lock and, inside its critical section, reads the balance; then a GC pause
// (the harness pauses n1 for 3 s, longer than its 1 s lease) stops its keep-alives. The lease expires,
// its lock key goes, and 'n2' — queued behind it in Lock — takes the lock and enters the section too.
// When n1 wakes up it is still in the middle of its section, with a stale balance.
// What simcc reports: mutual-exclusion (n1, paused, is still inside 'balance' when n2 enters).
// Fixed twin: lock-fenced-by-revision.ts
import { scenario, Channel, WaitGroup } from 'simcc';
import { Cluster, newSession, newMutex, critical, type Node } from 'simcc/etcd';

const TTL = 1000;

export default scenario({ name: 'ch19: a lock held past its lease by a paused node', expect: ['mutual-exclusion'], runs: 100 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const n1 = cluster.node('n1');
  const n2 = cluster.node('n2');
  const inside = new Channel<void>(0, { name: 'inside' });
  const goOn = new Channel<void>(1, { name: 'go-on' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  const worker = (node: Node, signal: boolean) =>
    node.go(async () => {
      const s = await newSession(node.client, { ttl: TTL });
      const m = newMutex(s, '/my-test-lock');
      await m.lock();
      await critical('balance', async () => {
        const r = await node.client.get('/balance');
        if (signal) {
          await inside.send(); // the harness pauses this node here
          await goOn.recv();
        }
        await node.client.put('/balance', String(Number(r.kvs[0]?.value ?? '0') + 1));
      });
      await m.unlock();
      await s.close().catch(() => undefined);
      await wg.done();
    }, `${node.name}/worker`);
  worker(n1, true);
  await inside.recv();
  worker(n2, false);
  await n1.pause(3000); // a GC pause longer than the lease
  await goOn.send();
  await wg.wait();
});
