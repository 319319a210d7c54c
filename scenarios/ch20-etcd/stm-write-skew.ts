// Course ch20, STM isolation: write skew. Two doctors are on call; each checks that the other is still
// on call and then goes off. Each transaction alone keeps someone on call; under 'readCommitted' the
// commit checks nothing it read, so both go off at once.
//
// The bug: an invariant over two keys, each written by a different transaction, under readCommitted.
// What simcc reports: assertion (nobody is on call).
// Fixed twin: stm-write-skew-fixed.ts (repeatableReads: the commit checks every key read)
import { scenario, WaitGroup, assert } from 'simcc';
import { Cluster, newSTM } from 'simcc/etcd';

export default scenario({ name: 'ch20: write skew under readCommitted STM', expect: ['assertion'] }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const setup = cluster.node('setup').client;
  await setup.put('/oncall/alice', '1');
  await setup.put('/oncall/bob', '1');
  const wg = new WaitGroup({ name: 'doctors' });
  await wg.add(2);
  for (const [me, other] of [['alice', 'bob'], ['bob', 'alice']] as const) {
    const node = cluster.node(me);
    node.go(async () => {
      await newSTM(node.client, async (stm) => {
        const others = await stm.get(`/oncall/${other}`);
        const mine = await stm.get(`/oncall/${me}`);
        if (others === '1' && mine === '1') stm.put(`/oncall/${me}`, '0');
      }, { isolation: 'readCommitted' }); // BUG: the commit does not check /oncall/<other>
      await wg.done();
    }, `${me}/go-off`);
  }
  await wg.wait();
  const r = await setup.get('/oncall/', { prefix: true });
  assert(r.kvs.some((kv) => kv.value === '1'), 'nobody is on call');
});
