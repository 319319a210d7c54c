// Course ch19, the distributed lock's reason to exist: two processes that must not work at once.
//
// The bug: the nodes check a "busy" key and then set it (get, then put: a check-then-act across
// processes) instead of taking a distributed lock; both can see it free and both go in.
// What simcc reports: mutual-exclusion (two nodes inside 'job' at once).
// Fixed twin: locker-in-turns.ts
import { scenario, WaitGroup, sleep } from 'simcc';
import { Cluster, critical, type Node } from 'simcc/etcd';

export default scenario({ name: 'ch19: check-then-set instead of a distributed lock', expect: ['mutual-exclusion'] }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  const worker = (node: Node) =>
    node.go(async () => {
      const busy = await node.client.get('/job/busy'); // BUG: check...
      if (busy.kvs.length === 0) {
        await node.client.put('/job/busy', node.name); // ...then act
        await critical('job', async () => {
          await sleep(10);
        });
        await node.client.delete('/job/busy');
      }
      await wg.done();
    }, `${node.name}/worker`);
  worker(cluster.node('n1'));
  worker(cluster.node('n2'));
  await wg.wait();
});
