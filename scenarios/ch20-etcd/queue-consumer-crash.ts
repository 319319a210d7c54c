// Course ch20, the distributed Queue: a consumer that crashes between Dequeue and finishing the item.
// recipes.newQueue's dequeue deletes the item when it hands it out, so an item whose consumer dies
// mid-work is gone: no other consumer ever sees it.
//
// The bug: treating Dequeue as "I have the job" when the job matters more than the consumer.
// What simcc reports: assertion (a job neither done nor left in the queue).
// Fixed twin: queue-consumer-crash-ack.ts (take the item out only after it is done)
import { scenario, WaitGroup, AtomicInt, assert, sleep } from 'simcc';
import { Cluster, recipes } from 'simcc/etcd';

export default scenario({ name: 'ch20: a queue consumer crashes mid-item', expect: ['assertion'] }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const producer = cluster.node('producer');
  const q = recipes.newQueue(producer.client, '/jobs');
  await q.enqueue('job-1');
  await q.enqueue('job-2');
  const done = new AtomicInt(0, 'done');
  const c1 = cluster.node('c1');
  const taken = new WaitGroup({ name: 'taken' });
  await taken.add(1);
  c1.go(async () => {
    await recipes.newQueue(c1.client, '/jobs').dequeue(); // BUG: the item leaves the queue here
    await taken.done();
    await sleep(50); // works on it
    await done.add(1);
  }, 'c1/consume');
  await taken.wait();
  await c1.crash(); // mid-item
  const c2 = cluster.node('c2');
  const wg = new WaitGroup({ name: 'c2' });
  await wg.add(1);
  c2.go(async () => {
    await recipes.newQueue(c2.client, '/jobs').dequeue();
    await done.add(1);
    await wg.done();
  }, 'c2/consume');
  await wg.wait();
  const left = await producer.client.get('/jobs/', { prefix: true, countOnly: true });
  const n = await done.load();
  assert(n + left.count === 2, `a job was lost with its consumer: ${n} done, ${left.count} left in the queue`);
});
