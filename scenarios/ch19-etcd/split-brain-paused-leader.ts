// Course ch19, leader election (seed lines 6001–6168) and the extract's pitfall "a node keeps acting as
// leader after it lost its session": the classic split-brain.
//
// The bug: the leader 'n1' writes the shared '/config' on every tick, believing it leads because its
// Campaign returned once. A GC pause (the harness pauses n1 for 1.5 s, longer than its 1 s lease) stops
// its keep-alives: the lease expires, its election key goes, and 'n2' is elected and starts writing.
// When n1 wakes up it goes on writing — it never looked at its session again.
// What simcc reports: split-brain (two nodes both believed they led election '/leader' and both wrote).
// Fixed twin: fenced-leader.ts
import { scenario, Channel, sleep, context } from 'simcc';
import { Cluster, newSession, newElection, type Node } from 'simcc/etcd';

const TTL = 1000;

function leader(node: Node, elected: Channel<string>, done: Channel<string>): void {
  node.go(async () => {
    const s = await newSession(node.client, { ttl: TTL });
    const e = newElection(s, '/leader');
    await e.campaign(context.background(), node.name);
    await elected.send(node.name);
    for (let tick = 0; tick < 12; tick++) {
      await node.client.put('/config', `${node.name}-${tick}`); // BUG: acts without checking it still leads
      await sleep(200);
    }
    await e.resign(context.background()).catch(() => undefined);
    await done.send(node.name);
  }, `${node.name}/leader`);
}

export default scenario({ name: 'ch19: a paused leader outlives its lease', expect: ['split-brain'], runs: 100 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const n1 = cluster.node('n1');
  const n2 = cluster.node('n2');
  const elected = new Channel<string>(2, { name: 'elected' });
  const done = new Channel<string>(2, { name: 'done' });
  leader(n1, elected, done);
  await elected.recv(); // n1 leads
  leader(n2, elected, done);
  await n1.pause(1500); // a GC pause longer than the lease
  await done.recv();
  await done.recv();
});
