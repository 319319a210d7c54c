// Course ch19, the election demo's `query` command (seed lines 6141–6145): it calls e1.Leader(ctx) and
// prints resp.Kvs[0] even when Leader returned an error — with no leader elected yet the response is
// nil, and the demo dereferences it (the seed's erratum).
//
// The bug: a monitoring goroutine queries the leader while the only campaigner may not have put its key
// yet. leader() throws `election: no leader`, which the code does not expect.
// What simcc reports: panic (`election: no leader`), on the schedules where the query comes first.
// Fixed twin: leader-no-leader-fixed.ts
import { scenario, WaitGroup, context } from 'simcc';
import { Cluster, newSession, newElection } from 'simcc/etcd';

export default scenario({ name: 'ch19: query the leader before anyone was elected', expect: ['panic'] }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const n1 = cluster.node('n1');
  const monitor = cluster.node('monitor');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  n1.go(async () => {
    const s = await newSession(n1.client, { ttl: 1000 });
    const e = newElection(s, '/my-test-elect');
    await e.campaign(context.background(), 'value-1-0');
    await e.resign(context.background());
    await s.close();
    await wg.done();
  }, 'n1/campaign');
  monitor.go(async () => {
    const s = await newSession(monitor.client, { ttl: 1000 });
    const e = newElection(s, '/my-test-elect');
    const resp = await e.leader(context.background()); // BUG: throws when nobody leads yet
    void resp.kvs[0]!.value;
    await s.close();
    await wg.done();
  }, 'monitor/query');
  await wg.wait();
});
