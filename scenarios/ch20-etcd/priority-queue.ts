// Course ch20, recipe.NewPriorityQueue (seed lines 6471–6546). The course says "higher priority dequeues
// first"; etcd's recipe keys an item by `%05d` of its priority, and Dequeue takes the first key in sort
// order: the numerically *smaller* priority comes out first, FIFO within one priority.
// What simcc reports: nothing (order: urgent(0), then the two normal(5) items in the order they came).
// Buggy twin: priority-queue-higher-first.ts
import { scenario, assert } from 'simcc';
import { Cluster, recipes } from 'simcc/etcd';

export default scenario('ch20: a priority queue serves the smaller priority first', async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const n1 = cluster.node('n1');
  const n2 = cluster.node('n2');
  const pq = recipes.newPriorityQueue(n1.client, '/jobs');
  await pq.enqueue('normal-a', 5);
  await pq.enqueue('normal-b', 5);
  await pq.enqueue('urgent', 0);
  const consumer = recipes.newPriorityQueue(n2.client, '/jobs');
  const order = [await consumer.dequeue(), await consumer.dequeue(), await consumer.dequeue()];
  assert(order.join() === 'urgent,normal-a,normal-b', `dequeued ${order.join(', ')}`);
});
