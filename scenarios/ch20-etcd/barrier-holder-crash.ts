// Course ch20, recipe.NewBarrier (seed lines 6554–6629): Hold creates the barrier key, Release deletes
// it, Wait blocks while it exists. Hold uses NoLease: the key belongs to no session.
//
// The bug: the coordinator node holds the barrier and crashes before it releases it. Nothing will ever
// delete the key — no lease expires, since there is none — and the workers wait forever: a distributed
// deadlock that no timeout in etcd resolves.
// What simcc reports: deadlock (every goroutine blocked: the workers in their watch of '/my-barrier', main
// on the WaitGroup), or leaks of the workers.
// Fixed twin: barrier-lease-bound.ts
import { scenario, Channel, WaitGroup } from 'simcc';
import { Cluster, recipes, type Node } from 'simcc/etcd';

export default scenario({ name: 'ch20: a barrier whose holder crashes', expect: ['deadlock', 'leak'], runs: 100 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const coordinator = cluster.node('coordinator');
  const held = new Channel<void>(0, { name: 'held' });
  coordinator.go(async () => {
    const b = recipes.newBarrier(coordinator.client, '/my-barrier');
    await b.hold();
    await held.send();
    await held.recv(); // prepares the work... and crashes before b.release()
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
  await coordinator.crash(); // BUG: the NoLease barrier stays held forever
  await wg.wait();
});
