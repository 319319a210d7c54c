// Fixed twin of queue-consumer-crash.ts: a consumer reads the oldest job, works on it, and only then
// deletes it — guarded by the modRevision it read, so of two consumers that took the same job only one
// acknowledges it. A consumer that crashes mid-item leaves the job in the queue for the next one
// (at-least-once: a job may be worked on twice, never lost).
import { scenario, WaitGroup, assert, sleep, yieldNow } from 'simcc';
import { Cluster, compare, op, type Node } from 'simcc/etcd';

export default scenario({ name: 'ch20: queue items acknowledged after the work survive a crashed consumer', runs: 300 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const producer = cluster.node('producer');
  await producer.client.put('/jobs/1', 'job-1');
  await producer.client.put('/jobs/2', 'job-2');
  // Take the oldest job, work, record its effect, then acknowledge it; true when it acknowledged one, false on an empty queue.
  const consumeOne = async (node: Node, work: () => Promise<void>): Promise<boolean> => {
    for (;;) {
      const r = await node.client.get('/jobs/', { prefix: true, sortBy: 'createRevision', order: 'ascend', limit: 1 });
      const kv = r.kvs[0];
      if (!kv) return false;
      await work();
      await node.client.put(`/done${kv.key}`, node.name); // the job's effect, before its acknowledgement
      const t = await node.client.txn().if(compare.modRevision(kv.key, '=', kv.modRevision)).then(op.delete(kv.key)).commit();
      if (t.succeeded) return true;
      await yieldNow(); // another consumer acknowledged it first: take the next
    }
  };
  const c1 = cluster.node('c1');
  const started = new WaitGroup({ name: 'started' });
  await started.add(1);
  c1.go(async () => {
    await consumeOne(c1, async () => {
      await started.done();
      await sleep(50);
    });
  }, 'c1/consume');
  await started.wait();
  await c1.crash(); // mid-item: the job is still in the queue
  const c2 = cluster.node('c2');
  const wg = new WaitGroup({ name: 'c2' });
  await wg.add(1);
  c2.go(async () => {
    while (await consumeOne(c2, async () => undefined));
    await wg.done();
  }, 'c2/consume');
  await wg.wait();
  for (const job of ['/jobs/1', '/jobs/2']) {
    const done = (await producer.client.get(`/done${job}`)).count === 1;
    const left = (await producer.client.get(job)).count === 1;
    assert(done || left, `${job} was lost: neither done nor left in the queue`);
  }
});
