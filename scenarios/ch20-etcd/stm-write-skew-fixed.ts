// Fixed twin of stm-write-skew.ts: under 'repeatableReads' (or the default 'serializableSnapshot') the
// commit checks every key read is unchanged: the second doctor's transaction sees the first one's write,
// runs again, and stays on call.
import { scenario, WaitGroup, assert } from 'simcc';
import { Cluster, newSTM } from 'simcc/etcd';

export default scenario('ch20: no write skew under repeatableReads STM', async () => {
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
      }, { isolation: 'repeatableReads' });
      await wg.done();
    }, `${me}/go-off`);
  }
  await wg.wait();
  const r = await setup.get('/oncall/', { prefix: true });
  assert(r.kvs.some((kv) => kv.value === '1'), 'nobody is on call');
});
