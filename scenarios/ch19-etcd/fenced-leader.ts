// Course ch19, leader election, fixed twin of split-brain-paused-leader.ts: fencing. Each write of the
// leader is a txn guarded by its election key still being the one it created
// (compare.createRevision(e.key(), '=', e.rev())). When n1 wakes up from its pause its key is gone
// (deleted with its expired lease), the txn fails and writes nothing, and n1 learns it no longer leads.
// The store, not the node's belief, decides.
// What simcc reports: nothing.
import { scenario, Channel, sleep, context } from 'simcc';
import { Cluster, newSession, newElection, compare, op, type Node } from 'simcc/etcd';

const TTL = 1000;

function leader(node: Node, elected: Channel<string>, done: Channel<string>): void {
  node.go(async () => {
    const s = await newSession(node.client, { ttl: TTL });
    const e = newElection(s, '/leader');
    await e.campaign(context.background(), node.name);
    await elected.send(node.name);
    for (let tick = 0; tick < 12; tick++) {
      const t = await node.client
        .txn()
        .if(compare.createRevision(e.key(), '=', e.rev())) // FIX: only while our key is the one we created
        .then(op.put('/config', `${node.name}-${tick}`))
        .commit();
      if (!t.succeeded) break; // we lost the leadership: stop acting
      await sleep(200);
    }
    await e.resign(context.background()).catch(() => undefined);
    await done.send(node.name);
  }, `${node.name}/leader`);
}

export default scenario({ name: 'ch19: a paused leader fenced by its election key', runs: 100 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const n1 = cluster.node('n1');
  const n2 = cluster.node('n2');
  const elected = new Channel<string>(2, { name: 'elected' });
  const done = new Channel<string>(2, { name: 'done' });
  leader(n1, elected, done);
  await elected.recv();
  leader(n2, elected, done);
  await n1.pause(1500);
  await done.recv();
  await done.recv();
});
