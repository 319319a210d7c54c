// Course ch19, the distributed RWMutex: a writer that takes the *read* lock. Readers share the lock, so
// two such writers are inside at once, and a reader can see a half-written configuration.
//
// The bug: each of two writer nodes updates the two-key configuration under rLock instead of lock.
// What simcc reports: mutual-exclusion (both writers inside 'config-writer'), or an assertion when a
// reader reads a torn configuration first.
// Fixed twin: rwmutex-readers-writer.ts
import { scenario, WaitGroup, assert } from 'simcc';
import { Cluster, newSession, recipes, critical, type Node } from 'simcc/etcd';

export default scenario({ name: 'ch19: writers under the read lock of a distributed RWMutex', expect: ['mutual-exclusion', 'assertion'] }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  const writer = (node: Node, v: string) =>
    node.go(async () => {
      const s = await newSession(node.client, { ttl: 1000 });
      const rw = recipes.newRWMutex(s, '/config-lock');
      await rw.rLock(); // BUG: a writer needs lock()
      await critical('config-writer', async () => {
        await node.client.put('/config/a', v);
        await node.client.put('/config/b', v);
      });
      await rw.rUnlock();
      await s.close();
      await wg.done();
    }, `${node.name}/writer`);
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
  writer(cluster.node('w1'), '1');
  writer(cluster.node('w2'), '2');
  reader(cluster.node('r'));
  await wg.wait();
});
