// Course ch19, Election.Proclaim, fixed twin of proclaim-after-lease-lost.ts: the leader checks
// Proclaim's error. `election: not leader` means its key is gone: it stops acting as leader, opens a
// new session and campaigns again.
// What simcc reports: nothing.
import { scenario, Channel, sleep, context } from 'simcc';
import { Cluster, newSession, newElection } from 'simcc/etcd';

export default scenario({ name: 'ch19: proclaim, and campaign again when not leader', runs: 50 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const n1 = cluster.node('n1');
  const leads = new Channel<void>(1, { name: 'leads' });
  const done = new Channel<void>(1, { name: 'done' });
  n1.go(async () => {
    let e = newElection(await newSession(n1.client, { ttl: 1000 }), '/leader');
    await e.campaign(context.background(), 'step-0');
    await leads.send();
    for (let i = 1; i <= 5; i++) {
      await sleep(300);
      try {
        await e.proclaim(context.background(), `step-${i}`);
      } catch (err) {
        if (!(err instanceof Error) || err.message !== 'election: not leader') throw err;
        // FIX: we lost the leadership: a new session, a new campaign
        e = newElection(await newSession(n1.client, { ttl: 1000 }), '/leader');
        await e.campaign(context.background(), `step-${i}`);
      }
    }
    await e.resign(context.background());
    await done.send();
  }, 'n1/leader');
  await leads.recv();
  await n1.pause(1500);
  await done.recv();
});
