// Course ch19, Election: a leader that writes its state under its session's lease learns from the store
// itself that it lost the leadership. Paused past its TTL (a GC pause), n1 wakes up, and its next put
// with { lease } fails with `etcdserver: requested lease not found`: its lease, and so its election key,
// are gone. It steps down (writing only a status key of its own) instead of acting on.
// The unfenced version is split-brain-paused-leader.ts; this is the other fix besides fencing with a txn.
import { scenario, Channel, WaitGroup, sleep, context } from 'simcc';
import { Cluster, newSession, newElection, type Node } from 'simcc/etcd';

export default scenario({ name: 'ch19: a leader steps down when its own put under its lease fails', runs: 300 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const n1 = cluster.node('n1');
  const n2 = cluster.node('n2');
  const leads = new Channel<string>(2, { name: 'leads' });
  const wg = new WaitGroup({ name: 'leaders' });
  await wg.add(2);
  const leader = (node: Node) =>
    node.go(async () => {
      const s = await newSession(node.client, { ttl: 1000 });
      const e = newElection(s, '/leader');
      await e.campaign(context.background(), node.name);
      await leads.send(node.name);
      for (let i = 0; i < 3; i++) {
        try {
          await node.client.put('/config', `${node.name}-${i}`, { lease: s.lease }); // dies with the lease
        } catch {
          await node.client.put(`/status/${node.name}`, 'stepped down'); // it knows it no longer leads
          break;
        }
        await sleep(400);
      }
      await e.resign(context.background()).catch(() => undefined);
      await s.close();
      await wg.done();
    }, `${node.name}/leader`);
  leader(n1);
  await leads.recv(); // n1 leads
  leader(n2);
  await n1.pause(1500);
  await wg.wait();
});
