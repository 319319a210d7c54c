// Course ch20, STM abort, fixed twin of stm-abort-insufficient.ts: the service catches the abort and
// refuses the payment. Exactly one withdrawal of 60 succeeds, and the balance never goes negative:
// the STM re-runs the loser's apply on the fresh balance, where the check fails.
// What simcc reports: nothing.
import { scenario, WaitGroup, assert } from 'simcc';
import { Cluster, newSTM, type Node } from 'simcc/etcd';

export default scenario('ch20: an STM abort handled as a refused payment', async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const setup = cluster.node('setup').client;
  await setup.put('accts/alice', '100');
  const wg = new WaitGroup({ name: 'wg' });
  let paid = 0;
  await wg.add(2);
  const withdraw = (node: Node) =>
    node.go(async () => {
      try {
        await newSTM(node.client, async (stm) => {
          const balance = Number(await stm.get('accts/alice'));
          if (balance < 60) throw new Error('insufficient value');
          stm.put('accts/alice', String(balance - 60));
        });
        paid++;
      } catch (e) {
        if (!(e instanceof Error) || e.message !== 'insufficient value') throw e; // FIX: a refused payment
      }
      await wg.done();
    }, `${node.name}/withdraw`);
  withdraw(cluster.node('n1'));
  withdraw(cluster.node('n2'));
  await wg.wait();
  const balance = Number((await setup.get('accts/alice')).kvs[0]!.value);
  assert(paid === 1 && balance === 40, `paid ${paid} times, balance ${balance}`);
});
