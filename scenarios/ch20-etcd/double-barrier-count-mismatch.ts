// Course ch20, recipe.NewDoubleBarrier: every participant must agree on `count`, and that many must come.
//
// The bug: the barrier is created with count 3 (the planned cluster size) but only two nodes take part.
// Enter waits for a third that never comes.
// What simcc reports: deadlock (both participants blocked in Enter's watch of '/my-double-barrier/ready',
// main on the WaitGroup).
// Fixed twin: double-barrier.ts
import { scenario, WaitGroup } from 'simcc';
import { Cluster, newSession, recipes, type Node } from 'simcc/etcd';

export default scenario({ name: 'ch20: a double barrier waiting for a participant that never comes', expect: ['deadlock', 'leak'] }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  const participant = (node: Node) =>
    node.go(async () => {
      const s = await newSession(node.client, { ttl: 5000 });
      const b = recipes.newDoubleBarrier(s, '/my-double-barrier', 3); // BUG: only 2 participants
      await b.enter();
      await b.leave();
      await s.close();
      await wg.done();
    }, `${node.name}/participant`);
  participant(cluster.node('n1'));
  participant(cluster.node('n2'));
  await wg.wait();
});
