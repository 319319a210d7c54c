// Course ch20, the distributed Queue: why Dequeue claims an item with a txn. A hand-written queue whose
// consumers read the oldest item and then delete it (two calls, no guard) hands one item to two
// consumers when both read it before either deletes it.
//
// The bug: get-then-delete instead of etcd's delete-if-modRevision-unchanged (deleteRevKey).
// What simcc reports: assertion (an item dequeued twice).
// Fixed twin: queue-no-loss-no-dup.ts (recipes.newQueue)
import { scenario, Channel, WaitGroup, assert, yieldNow } from 'simcc';
import { Cluster, type Node } from 'simcc/etcd';

export default scenario({ name: 'ch20: a hand-made queue that reads then deletes', expect: ['assertion'] }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const producer = cluster.node('producer');
  for (let i = 0; i < 2; i++) await producer.client.put(`/q/${i}`, `item-${i}`);
  const got = new Channel<string>(2, { name: 'got' });
  const wg = new WaitGroup({ name: 'consumers' });
  await wg.add(2);
  const consumer = (node: Node) =>
    node.go(async () => {
      for (;;) {
        const r = await node.client.get('/q/', { prefix: true, sortBy: 'createRevision', order: 'ascend', limit: 1 });
        if (r.kvs.length > 0) {
          await node.client.delete(r.kvs[0]!.key); // BUG: another consumer may have read it too
          await got.send(r.kvs[0]!.value);
          break;
        }
        await yieldNow();
      }
      await wg.done();
    }, `${node.name}/pop`);
  consumer(cluster.node('c1'));
  consumer(cluster.node('c2'));
  await wg.wait();
  const a = await got.recv();
  const b = await got.recv();
  assert(a !== b, `${a} was dequeued twice`);
});
