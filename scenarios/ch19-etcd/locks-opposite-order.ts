// Course ch19, distributed Mutex: two processes take two etcd locks in opposite orders. Each holds one
// and waits for the other's key to go; the sessions stay healthy, so no lease ever expires to break the
// tie: the cluster-wide form of the lock-order deadlock.
//
// The bug: no global order on the lock keys.
// What simcc reports: deadlock (both workers wait on a watch of the other's lock key).
// Fixed twin: locks-same-order.ts
import { scenario, WaitGroup } from 'simcc';
import { Cluster, newSession, newMutex, type Node } from 'simcc/etcd';

export default scenario({ name: 'ch19: two etcd locks taken in opposite orders', expect: ['deadlock'] }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const wg = new WaitGroup({ name: 'workers' });
  await wg.add(2);
  const worker = (node: Node, first: string, second: string) =>
    node.go(async () => {
      const s = await newSession(node.client, { ttl: 1000 });
      const a = newMutex(s, first);
      const b = newMutex(s, second);
      await a.lock();
      await b.lock();
      await b.unlock();
      await a.unlock();
      await s.close();
      await wg.done();
    }, `${node.name}/transfer`);
  worker(cluster.node('n1'), '/locks/accounts', '/locks/ledger');
  worker(cluster.node('n2'), '/locks/ledger', '/locks/accounts'); // BUG: the other order
  await wg.wait();
});
