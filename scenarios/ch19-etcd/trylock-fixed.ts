// Course ch19, Mutex.TryLock, fixed twin of trylock-locked.ts: the loser of the race recognises
// ErrLocked (`mutex: Locked by another session`) and skips this run; tryLock has already deleted its key.
// At least one node runs the job.
// What simcc reports: nothing.
import { scenario, WaitGroup, assert } from 'simcc';
import { Cluster, newSession, newMutex, type Node } from 'simcc/etcd';

export default scenario('ch19: tryLock skips the run when another node holds the lock', async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const wg = new WaitGroup({ name: 'wg' });
  let runs = 0;
  await wg.add(2);
  const job = (node: Node) =>
    node.go(async () => {
      const s = await newSession(node.client, { ttl: 1000 });
      const m = newMutex(s, '/cron');
      try {
        await m.tryLock();
      } catch (e) {
        if (!(e instanceof Error) || e.message !== 'mutex: Locked by another session') throw e;
        await s.close(); // FIX: someone else runs it
        await wg.done();
        return;
      }
      runs++;
      await node.client.put('/cron/last-run', node.name);
      await m.unlock();
      await s.close();
      await wg.done();
    }, `${node.name}/cron`);
  job(cluster.node('n1'));
  job(cluster.node('n2'));
  await wg.wait();
  assert(runs >= 1, 'nobody ran the job');
});
