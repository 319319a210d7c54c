// Fixed twin of locks-opposite-order.ts: both processes take the two etcd locks in one global order
// (by key), so one of them waits for the other's first lock and never holds the second.
import { scenario, WaitGroup } from 'simcc';
import { Cluster, newSession, newMutex, type Node } from 'simcc/etcd';

export default scenario('ch19: two etcd locks taken in one order', async () => {
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
  worker(cluster.node('n2'), '/locks/accounts', '/locks/ledger');
  await wg.wait();
});
