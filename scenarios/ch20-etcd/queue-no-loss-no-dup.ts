// Course ch20, the distributed Queue (seed lines 6383–6470): recipe.NewQueue. A producer on one node
// enqueues; consumers on two other nodes dequeue concurrently. Dequeue claims the oldest item with a
// delete guarded by its modRevision, and starts over when another consumer claimed it first; on an empty
// queue it blocks (a watch for the next PUT).
// What simcc reports: nothing — every item is dequeued exactly once, none lost, none twice.
// Buggy twin: queue-get-then-delete.ts
import { scenario, Channel, WaitGroup, assert } from 'simcc';
import { Cluster, recipes, type Node } from 'simcc/etcd';

const ITEMS = 4;

export default scenario({ name: 'ch20: a distributed queue, one producer and two consumers', runs: 300 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const got = new Channel<string>(ITEMS, { name: 'got' });
  const wg = new WaitGroup({ name: 'consumers' });
  const producer = cluster.node('producer');
  producer.go(async () => {
    const q = recipes.newQueue(producer.client, '/my-test-queue');
    for (let i = 0; i < ITEMS; i++) await q.enqueue(`item-${i}`);
  }, 'producer/push');
  await wg.add(2);
  const consumer = (node: Node, n: number) =>
    node.go(async () => {
      const q = recipes.newQueue(node.client, '/my-test-queue');
      for (let i = 0; i < n; i++) await got.send(await q.dequeue());
      await wg.done();
    }, `${node.name}/pop`);
  consumer(cluster.node('c1'), ITEMS / 2);
  consumer(cluster.node('c2'), ITEMS / 2);
  await wg.wait();
  const seen = new Set<string>();
  for (let i = 0; i < ITEMS; i++) {
    const v = (await got.recv())!;
    assert(!seen.has(v), `${v} was dequeued twice`);
    seen.add(v);
  }
  assert(seen.size === ITEMS, `items lost: got ${[...seen].join(', ')}`);
});
