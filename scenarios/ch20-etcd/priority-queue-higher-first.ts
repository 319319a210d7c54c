// Course ch20, recipe.NewPriorityQueue: the course's own pitfall. It says "higher priority dequeues
// first", but etcd's PriorityQueue orders by the `%05d` of the priority, so the *smaller* number wins.
//
// The bug: urgent work enqueued with a high number (10), expecting it to jump the queue.
// What simcc reports: assertion (the urgent item comes out last).
// Fixed twin: priority-queue.ts
import { scenario, assert } from 'simcc';
import { Cluster, recipes } from 'simcc/etcd';

export default scenario({ name: 'ch20: a priority queue used as if higher came first', expect: ['assertion'] }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const n1 = cluster.node('n1');
  const pq = recipes.newPriorityQueue(n1.client, '/jobs');
  await pq.enqueue('normal', 1);
  await pq.enqueue('urgent', 10); // BUG: 10 is served after 1
  const first = await pq.dequeue();
  assert(first === 'urgent', `the urgent job waits behind '${first}'`);
});
