// Course ch19, the distributed RWMutex (seed lines 6263–6375) and thinking question L6371 (do reads or
// writes have priority?). recipe.RWMutex is FIFO by revision: readers share the lock with the readers
// next to them, and a writer waits for every earlier holder and holds back every later one.
// Two readers and a writer on three nodes update and read a two-key configuration; the writer changes
// both keys under the write lock, the readers read both under read locks and must see them agree.
// What simcc reports: nothing.
// Buggy twin: rwmutex-write-under-read-lock.ts
import { scenario, WaitGroup, assert } from 'simcc';
import { Cluster, newSession, recipes, critical, type Node } from 'simcc/etcd';

export default scenario('ch19: a distributed RWMutex keeps a two-key config consistent', async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  const reader = (node: Node) =>
    node.go(async () => {
      const s = await newSession(node.client, { ttl: 1000 });
      const rw = recipes.newRWMutex(s, '/config-lock');
      await rw.rLock();
      const a = (await node.client.get('/config/a')).kvs[0]?.value ?? '0';
      const b = (await node.client.get('/config/b')).kvs[0]?.value ?? '0';
      assert(a === b, `${node.name} read a torn config: a=${a} b=${b}`);
      await rw.rUnlock();
      await s.close();
      await wg.done();
    }, `${node.name}/reader`);
  const writer = (node: Node) =>
    node.go(async () => {
      const s = await newSession(node.client, { ttl: 1000 });
      const rw = recipes.newRWMutex(s, '/config-lock');
      await rw.lock();
      await critical('config-writer', async () => {
        await node.client.put('/config/a', '1');
        await node.client.put('/config/b', '1');
      });
      await rw.unlock();
      await s.close();
      await wg.done();
    }, `${node.name}/writer`);
  reader(cluster.node('r1'));
  writer(cluster.node('w'));
  reader(cluster.node('r2'));
  await wg.wait();
});
