// Course ch19, leader election (seed lines 6001–6168): three nodes campaign in one election
// (concurrency.NewElection). The key with the lowest create revision leads; the others wait in
// Campaign for every earlier key to go. The harness crashes the leader: its session's keep-alives stop,
// its lease expires one TTL later and takes its key with it, and the next campaigner is elected.
// What simcc reports: nothing. The second leader is elected only after the first one's lease expired
// (virtual time ≥ its TTL), and it is another node.
// Pitfall twins: split-brain-paused-leader.ts (a leader that outlives its lease), fenced-leader.ts (its fix)
import { scenario, Channel, assert, now, context } from 'simcc';
import { Cluster, newSession, newElection } from 'simcc/etcd';

const TTL = 1000;

export default scenario({ name: 'ch19: election with failover after a crash', runs: 200 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const elected = new Channel<string>(3, { name: 'elected' });
  const stop = new Channel<void>(0, { name: 'stop' });
  const finished = new Channel<string>(3, { name: 'finished' });
  for (const name of ['n1', 'n2', 'n3']) {
    const node = cluster.node(name);
    node.go(async () => {
      const session = await newSession(node.client, { ttl: TTL });
      const e = newElection(session, '/my-test-elect');
      await e.campaign(context.background(), `value-${name}`);
      await elected.send(name);
      await stop.recv(); // lead until the harness says stop (or the node crashes)
      await e.resign(context.background());
      await session.close();
      await finished.send(name);
    }, `${name}/campaign`);
  }
  const first = (await elected.recv())!;
  await cluster.node(first).crash();
  const crashedAt = now();
  const second = (await elected.recv())!;
  assert(second !== first, `the crashed leader ${first} was elected again`);
  assert(now() >= crashedAt, 'a new leader before the crash');
  await stop.close();
  await finished.recv();
  await finished.recv();
});
