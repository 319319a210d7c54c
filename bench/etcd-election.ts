// Bench scenario for `npm run bench` (bench/etcd.js): a two-node election explored with faults as
// scheduling choices — `simcc explore bench/etcd-election.ts --faults pause --max-faults 1`. Each node
// campaigns, and as leader writes once, fenced by its election key (so a pause past the lease never
// makes two leaders act), then resigns. Exploration branches on every interleaving and on a pause of
// either node at any scheduling point.
import { scenario, WaitGroup, context } from 'simcc';
import { Cluster, newSession, newElection, compare, op, type Node } from 'simcc/etcd';

export default scenario('bench: a two-node election under pause faults', async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  const candidate = (node: Node) =>
    node.go(async () => {
      try {
        const s = await newSession(node.client, { ttl: 1000 });
        const e = newElection(s, '/leader');
        await e.campaign(context.background(), node.name);
        await node.client.txn().if(compare.createRevision(e.key(), '=', e.rev())).then(op.put('/config', node.name)).commit();
        await e.resign(context.background());
      } catch {
        // a session that expired during a pause: this node gives up
      }
      await wg.done();
    }, `${node.name}/candidate`);
  candidate(cluster.node('n1'));
  candidate(cluster.node('n2'));
  await wg.wait();
});
