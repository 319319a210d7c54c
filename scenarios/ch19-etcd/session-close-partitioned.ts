// Course ch19, Session: Close on a process cut off from the cluster. Go's Session.Close orphans the
// session (Done() closes at once) and then revokes its lease with the TTL as the revoke's timeout: cut
// off, it waits that long and returns `context deadline exceeded` — by then the lease has expired and its
// keys are gone anyway. Healed in time, the revoke goes through.
import { scenario, assert, sleep } from 'simcc';
import { Cluster, newSession } from 'simcc/etcd';

export default scenario('ch19: session.close() on a partitioned node waits up to the TTL', async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const n1 = cluster.node('n1');
  const observer = cluster.node('observer').client;
  const s = await newSession(n1.client, { ttl: 1000 });
  await n1.client.put('/members/n1', 'up', { lease: s.lease });
  await n1.partition();
  let err = '';
  await s.close().catch((e: Error) => (err = e.message));
  assert(err === 'context deadline exceeded', `close on a partitioned node: '${err}'`);
  assert((await s.done().recvOk()).ok === false, 'done() is closed');
  await sleep(1);
  assert((await observer.get('/members/n1')).count === 0, 'the member key outlived its lease');
});
