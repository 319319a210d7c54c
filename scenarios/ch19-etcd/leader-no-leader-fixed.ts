// Course ch19, the election demo's `query` command, fixed twin of leader-no-leader.ts: the monitor
// treats `election: no leader` as an answer ("nobody leads yet"), as Go code must check err before it
// reads the response.
// What simcc reports: nothing.
import { scenario, WaitGroup, context, assert } from 'simcc';
import { Cluster, newSession, newElection } from 'simcc/etcd';

export default scenario('ch19: query the leader and handle "no leader"', async () => {
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
    try {
      const resp = await e.leader(context.background());
      assert(resp.kvs[0]!.value === 'value-1-0', 'an unknown leader');
    } catch (err) {
      if (!(err instanceof Error) || err.message !== 'election: no leader') throw err; // FIX: no leader is an answer
    }
    await s.close();
    await wg.done();
  }, 'monitor/query');
  await wg.wait();
});
