// Course ch19, concurrency.NewLocker (seed lines 6178–6231): the Locker demo — nodes take a distributed
// lock in turn (Go's sync.Locker: Lock/Unlock, which panic on an error since they cannot return one).
// Three nodes each run a critical section twice under the lock; no two are ever inside at once.
// What simcc reports: nothing.
// Buggy twin: no-lock-critical.ts
import { scenario, WaitGroup, sleep } from 'simcc';
import { Cluster, newSession, newLocker, critical, type Node } from 'simcc/etcd';

export default scenario({ name: 'ch19: a distributed Locker taken in turns', runs: 300 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  const worker = (node: Node) =>
    node.go(async () => {
      const s = await newSession(node.client, { ttl: 5000 });
      const locker = newLocker(s, '/my-test-lock');
      for (let i = 0; i < 2; i++) {
        await locker.lock();
        await critical('job', async () => {
          await node.client.put('/job/owner', node.name);
          await sleep(10); // work
        });
        await locker.unlock();
      }
      await s.close();
      await wg.done();
    }, `${node.name}/worker`);
  for (const n of ['n1', 'n2', 'n3']) worker(cluster.node(n));
  await wg.wait();
});
