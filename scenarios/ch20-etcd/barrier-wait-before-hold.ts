// Course ch20, recipe.NewBarrier: "if the barrier does not exist, Wait returns immediately". A worker
// whose Wait runs before the coordinator's Hold passes straight through: a check-then-act race between
// processes.
//
// The bug: the coordinator starts the workers and then holds the barrier while it writes the
// configuration; a worker that reaches Wait first does not wait, and reads no configuration.
// What simcc reports: assertion (a worker read the configuration before it was written).
// Fixed twin: barrier-hold-first.ts
import { scenario, WaitGroup, assert } from 'simcc';
import { Cluster, recipes, type Node } from 'simcc/etcd';

export default scenario({ name: 'ch20: wait before hold passes straight through', expect: ['assertion'] }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const coordinator = cluster.node('coordinator');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  const worker = (node: Node) =>
    node.go(async () => {
      await recipes.newBarrier(node.client, '/start').wait();
      const cfg = await node.client.get('/config');
      assert(cfg.kvs.length === 1, `${node.name} started before the configuration was written`);
      await wg.done();
    }, `${node.name}/worker`);
  worker(cluster.node('w1'));
  worker(cluster.node('w2'));
  const b = recipes.newBarrier(coordinator.client, '/start');
  await b.hold(); // BUG: the workers may already have passed Wait
  await coordinator.client.put('/config', 'v1');
  await b.release();
  await wg.wait();
});
