// Course ch20, recipe.NewDoubleBarrier (seed lines 6630–6711), count = 2 as in the demo: Enter blocks
// until `count` processes have entered, Leave until they have all left. Two nodes enter, each records
// that it started, and leave together; neither starts before the other has entered.
// What simcc reports: nothing.
// Buggy twin: double-barrier-count-mismatch.ts
import { scenario, WaitGroup, assert } from 'simcc';
import { Cluster, newSession, recipes, type Node } from 'simcc/etcd';

export default scenario({ name: 'ch20: a double barrier of two', runs: 300 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  const participant = (node: Node) =>
    node.go(async () => {
      const s = await newSession(node.client, { ttl: 5000 });
      const b = recipes.newDoubleBarrier(s, '/my-double-barrier', 2);
      await node.client.put(`/entered/${node.name}`, '1');
      await b.enter();
      const entered = await node.client.get('/entered/', { prefix: true });
      assert(entered.kvs.length === 2, `${node.name} passed Enter with ${entered.kvs.length} of 2 entered`);
      await b.leave();
      await s.close();
      await wg.done();
    }, `${node.name}/participant`);
  participant(cluster.node('n1'));
  participant(cluster.node('n2'));
  await wg.wait();
});
