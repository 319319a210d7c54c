// Course ch20, recipe.NewBarrier, fixed twin of barrier-wait-before-hold.ts: the coordinator holds the
// barrier *before* it starts the workers, so every Wait finds the key and blocks until the release.
// What simcc reports: nothing.
import { scenario, WaitGroup, assert } from 'simcc';
import { Cluster, recipes, type Node } from 'simcc/etcd';

export default scenario('ch20: hold the barrier before anyone waits', async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const coordinator = cluster.node('coordinator');
  const b = recipes.newBarrier(coordinator.client, '/start');
  await b.hold(); // FIX: first hold, then start the workers
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
  await coordinator.client.put('/config', 'v1');
  await b.release();
  await wg.wait();
});
