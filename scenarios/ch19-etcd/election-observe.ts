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
  // The observer may start after the proclaim: then it never sees n1-v1.
  assert(values[values.length - 1] === 'n2-v1', `the observer's last leader is ${values[values.length - 1]}`);
  assert(values.includes('n1-v2'), `the observer missed n1's proclaim: ${values.join(', ')}`);
  await stop.close();
});
