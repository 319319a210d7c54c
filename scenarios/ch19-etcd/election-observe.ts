// Course ch19, Observe (seed lines 6001–6168, the `watch` command): a node that does not campaign
// watches the leadership with election.observe(ctx), a channel of the current leader and every change
// after it. The leader 'n1' proclaims a new value; then the harness crashes it, its lease expires and
// 'n2' takes over. The observer sees each in order and stops by cancelling its context, which closes the
// channel.
// What simcc reports: nothing.
// Buggy twin: leader-no-leader.ts (querying the leader before anyone was elected)
import { scenario, Channel, assert, context } from 'simcc';
import { Cluster, newSession, newElection } from 'simcc/etcd';

export default scenario({ name: 'ch19: observe the leader through a proclaim and a failover', runs: 200 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const [n1, n2, n3] = [cluster.node('n1'), cluster.node('n2'), cluster.node('n3')];
  const n1Leads = new Channel<void>(1, { name: 'n1-leads' });
  const seen = new Channel<string[]>(1, { name: 'seen' });
  const stop = new Channel<void>(0, { name: 'stop' });
  n1.go(async () => {
    const s = await newSession(n1.client, { ttl: 500 });
    const e = newElection(s, '/leader');
    await e.campaign(context.background(), 'n1-v1');
    await e.proclaim(context.background(), 'n1-v2');
    await n1Leads.send();
    await stop.recv(); // leads until it crashes
  }, 'n1/leader');
  await n1Leads.recv();
  n2.go(async () => {
    const s = await newSession(n2.client, { ttl: 500 });
    const e = newElection(s, '/leader');
    await e.campaign(context.background(), 'n2-v1');
    await stop.recv();
    await e.resign(context.background());
    await s.close();
  }, 'n2/standby');
  n3.go(async () => {
    const s = await newSession(n3.client, { ttl: 500 });
    const e = newElection(s, '/leader');
    const [ctx, cancel] = context.withCancel(context.background());
    const ch = e.observe(ctx);
    const values: string[] = [];
    for await (const resp of ch) {
      const v = resp.kvs[0]!.value;
      if (values[values.length - 1] !== v) values.push(v);
      if (v === 'n2-v1') await cancel();
    }
    await seen.send(values);
    await s.close();
  }, 'n3/observer');
  await n1.crash();
  const values = (await seen.recv())!;
  // Observe gives the latest leader and the changes after it, not the whole history: the observer
  // starts after n1's proclaim (it never sees n1-v1), and when it starts after n1's lease expired it
  // sees n2 at once.
  const order = values.join(' → ');
  assert(order === 'n1-v2 → n2-v1' || order === 'n2-v1', `the observer saw ${order}`);
  await stop.close();
});
