// Course ch20, recipe.NewBarrier, fixed twin of barrier-holder-crash.ts: the coordinator puts the
// barrier key under its session's lease (a txn creating it only if absent, as Hold does, but WithLease).
// When it crashes, its lease expires one TTL later and takes the key with it: the workers' Wait returns.
// What simcc reports: nothing.
import { scenario, Channel, WaitGroup } from 'simcc';
import { Cluster, newSession, recipes, compare, op, type Node } from 'simcc/etcd';

export default scenario({ name: 'ch20: a lease-bound barrier frees its waiters when the holder crashes', runs: 100 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const coordinator = cluster.node('coordinator');
  const held = new Channel<void>(0, { name: 'held' });
  coordinator.go(async () => {
    const s = await newSession(coordinator.client, { ttl: 1000 });
    // FIX: hold the barrier under the session's lease
    await coordinator.client.txn().if(compare.version('/my-barrier', '=', 0)).then(op.put('/my-barrier', '', { lease: s.lease })).commit();
    await held.send();
    await held.recv(); // crashes before releasing
  }, 'coordinator/hold');
  await held.recv();
  const wg = new WaitGroup({ name: 'workers' });
  await wg.add(2);
  const worker = (node: Node) =>
    node.go(async () => {
      await recipes.newBarrier(node.client, '/my-barrier').wait();
      await wg.done();
    }, `${node.name}/wait`);
  worker(cluster.node('w1'));
  worker(cluster.node('w2'));
  await coordinator.crash();
  await wg.wait();
});
