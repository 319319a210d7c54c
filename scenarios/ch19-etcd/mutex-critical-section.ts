// Course ch19, concurrency.NewMutex (seed lines 6235–6260): two nodes take the distributed Mutex in turn
// and run a critical section under it. Without faults it is correct: simcc finds nothing.
//
// Run it with faults as scheduling choices to see why a lease-based lock is not enough on its own:
//   node bin/simcc.js run scenarios/ch19-etcd/mutex-critical-section.ts --faults pause
// finds mutual-exclusion: the holder is paused (a GC pause) inside its section for longer than its lease,
// its key goes with the lease, and the other node takes the lock and enters too. The fix is fencing,
// as in lock-fenced-by-revision.ts.
// What simcc reports: nothing (without --faults); mutual-exclusion with --faults pause.
import { scenario, WaitGroup, sleep } from 'simcc';
import { Cluster, newSession, newMutex, critical, type Node } from 'simcc/etcd';

export default scenario({ name: 'ch19: two nodes take a distributed Mutex in turn', runs: 300 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  const worker = (node: Node) =>
    node.go(async () => {
      const s = await newSession(node.client, { ttl: 1000 });
      const m = newMutex(s, '/my-test-lock');
      await m.lock();
      await critical('report', async () => {
        const r = await node.client.get('/report');
        await sleep(10); // work
        await node.client.put('/report', `${r.kvs[0]?.value ?? ''}${node.name};`);
      });
      await m.unlock();
      await s.close();
      await wg.done();
    }, `${node.name}/worker`);
  worker(cluster.node('n1'));
  worker(cluster.node('n2'));
  await wg.wait();
});
