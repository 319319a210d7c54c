// Course ch19, thinking question L6371: does the distributed RWMutex prefer readers or writers? Neither:
// recipe.RWMutex is FIFO by revision. A reader holds the lock; a writer queues behind it; a second
// reader that comes after the writer waits for the writer (a reader waits for every *earlier writer*),
// even though a reader holds the lock and readers could share it.
// What simcc reports: nothing (the second reader gets the lock only after the writer).
import { scenario, WaitGroup, sleep, assert } from 'simcc';
import { Cluster, newSession, recipes } from 'simcc/etcd';

export default scenario({ name: 'ch19: a reader after a queued writer waits for it', runs: 200 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const r1 = cluster.node('r1');
  const first = recipes.newRWMutex(await newSession(r1.client, { ttl: 10_000 }), '/rw');
  await first.rLock();
  const order: string[] = [];
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  const w = cluster.node('w');
  w.go(async () => {
    const rw = recipes.newRWMutex(await newSession(w.client, { ttl: 10_000 }), '/rw');
    await rw.lock();
    order.push('writer');
    await rw.unlock();
    await wg.done();
  }, 'w/writer');
  // The writer is queued (its key exists) before the second reader arrives.
  while ((await r1.client.get('/rw/write', { prefix: true })).count === 0) await sleep(1);
  const r2 = cluster.node('r2');
  r2.go(async () => {
    const rw = recipes.newRWMutex(await newSession(r2.client, { ttl: 10_000 }), '/rw');
    await rw.rLock();
    order.push('reader-2');
    await rw.rUnlock();
    await wg.done();
  }, 'r2/reader');
  await sleep(100);
  await first.rUnlock();
  await wg.wait();
  assert(order.join() === 'writer,reader-2', `order: ${order.join(', ')}`);
});
