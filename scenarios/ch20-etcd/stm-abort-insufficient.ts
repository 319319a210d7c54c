// Course ch20, the transfer with a raw Txn (seed lines 6720–6748) fails with "insufficient value" when
// the source account cannot pay; with STM the same check is a throw from apply: the transaction aborts,
// nothing is written, and concurrency.NewSTM returns the error (here: rethrows it).
//
// The bug: a payment service treats the abort as impossible. Two withdrawals of 60 race for an account
// of 100: one commits, the other finds 40 left and aborts — and the service does not catch it.
// What simcc reports: panic (`insufficient value`).
// Fixed twin: stm-abort-insufficient-fixed.ts
import { scenario, WaitGroup } from 'simcc';
import { Cluster, newSTM, type Node } from 'simcc/etcd';

export default scenario({ name: 'ch20: an STM abort the caller does not expect', expect: ['panic'] }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  await cluster.node('setup').client.put('accts/alice', '100');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  const withdraw = (node: Node) =>
    node.go(async () => {
      await newSTM(node.client, async (stm) => {
        const balance = Number(await stm.get('accts/alice'));
        if (balance < 60) throw new Error('insufficient value');
        stm.put('accts/alice', String(balance - 60));
      }); // BUG: the abort is rethrown here and nobody catches it
      await wg.done();
    }, `${node.name}/withdraw`);
  withdraw(cluster.node('n1'));
  withdraw(cluster.node('n2'));
  await wg.wait();
});
