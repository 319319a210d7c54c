// Course ch19, Election.Proclaim (seed lines 6001–6168, the `proclaim` command): the leader updates its
// value without a new election. Proclaim is a txn guarded by the leader key's create revision: once that
// key is gone — the leader's lease expired during a pause — it returns ErrElectionNotLeader
// (`election: not leader`).
//
// The bug: the leader proclaims its progress every 300 ms and treats every error as impossible. After
// a pause past its lease, its proclaim fails and the goroutine dies.
// What simcc reports: panic (`election: not leader`).
// Fixed twin: proclaim-after-lease-lost-fixed.ts
import { scenario, Channel, sleep, context } from 'simcc';
import { Cluster, newSession, newElection } from 'simcc/etcd';

export default scenario({ name: 'ch19: proclaim after the lease was lost', expect: ['panic'], runs: 50 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const n1 = cluster.node('n1');
  const leads = new Channel<void>(1, { name: 'leads' });
  const done = new Channel<void>(1, { name: 'done' });
  n1.go(async () => {
    const e = newElection(await newSession(n1.client, { ttl: 1000 }), '/leader');
    await e.campaign(context.background(), 'step-0');
    await leads.send();
    for (let i = 1; i <= 5; i++) {
      await sleep(300);
      await e.proclaim(context.background(), `step-${i}`); // BUG: not leader any more after the pause
    }
    await done.send();
  }, 'n1/leader');
  await leads.recv();
  await n1.pause(1500);
  await done.recv();
});
