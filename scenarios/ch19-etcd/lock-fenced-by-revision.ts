// Course ch19, the distributed Mutex, fixed twin of lock-held-past-lease.ts: fencing with the lock
// key's revision. The holder's write is a txn guarded by m.isOwner() — the comparison
// createRevision(lock key) = the revision at which this holder created it. After n1's pause its key is
// gone (its lease expired), so its stale write fails and writes nothing: the store refuses a holder that
// no longer holds the lock, whatever it believes. n1 sees `succeeded: false` and gives up its update.
// What simcc reports: nothing (the balance counts exactly the updates that succeeded).
import { scenario, Channel, WaitGroup, assert } from 'simcc';
import { Cluster, newSession, newMutex, op, type Node } from 'simcc/etcd';

const TTL = 1000;

export default scenario({ name: 'ch19: a paused lock holder fenced by the lock key revision', runs: 100 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const n1 = cluster.node('n1');
  const n2 = cluster.node('n2');
  const inside = new Channel<void>(0, { name: 'inside' });
  const goOn = new Channel<void>(1, { name: 'go-on' });
  const wg = new WaitGroup({ name: 'wg' });
  let applied = 0;
  await wg.add(2);
  const worker = (node: Node, signal: boolean) =>
    node.go(async () => {
      const s = await newSession(node.client, { ttl: TTL });
      const m = newMutex(s, '/my-test-lock');
      await m.lock();
      const r = await node.client.get('/balance');
      if (signal) {
        await inside.send();
        await goOn.recv();
      }
      const t = await node.client
        .txn()
        .if(m.isOwner()) // FIX: write only while we still own the lock
        .then(op.put('/balance', String(Number(r.kvs[0]?.value ?? '0') + 1)))
        .commit();
      if (t.succeeded) applied++;
      await m.unlock();
      await s.close().catch(() => undefined);
      await wg.done();
    }, `${node.name}/worker`);
  worker(n1, true);
  await inside.recv();
  worker(n2, false);
  await n1.pause(3000);
  await goOn.send();
  await wg.wait();
  const balance = Number((await n2.client.get('/balance')).kvs[0]?.value ?? '0');
  assert(balance === applied, `balance ${balance}, but ${applied} updates succeeded: an update was lost`);
});
