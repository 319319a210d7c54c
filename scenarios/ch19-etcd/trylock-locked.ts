// Course ch19, Mutex.TryLock (the newer etcd API the extract lists): TryLock does not wait; when
// another session holds the lock it deletes its own key and returns ErrLocked
// (`mutex: Locked by another session`).
//
// The bug: a cron job on two nodes uses tryLock to run at most once, and treats every error as fatal:
// the node that loses the race gets ErrLocked and crashes its goroutine.
// What simcc reports: panic (`mutex: Locked by another session`), when the two tries overlap.
// Fixed twin: trylock-fixed.ts
import { scenario, WaitGroup } from 'simcc';
import { Cluster, newSession, newMutex, type Node } from 'simcc/etcd';

export default scenario({ name: 'ch19: tryLock treats ErrLocked as a failure', expect: ['panic'] }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  const job = (node: Node) =>
    node.go(async () => {
      const s = await newSession(node.client, { ttl: 1000 });
      const m = newMutex(s, '/cron');
      await m.tryLock(); // BUG: ErrLocked is an expected outcome, not a failure
      await node.client.put('/cron/last-run', node.name);
      await m.unlock();
      await s.close();
      await wg.done();
    }, `${node.name}/cron`);
  job(cluster.node('n1'));
  job(cluster.node('n2'));
  await wg.wait();
});
