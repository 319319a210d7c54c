// Course ch20, STM isolation levels: ReadCommitted checks nothing at commit — it only promises that
// what you read was committed. Two transfers that read the same balance both commit, and one overwrites
// the other: the lost update of get-then-put, inside an "STM".
//
// The bug: newSTM(…, { isolation: 'readCommitted' }) for a read-modify-write.
// What simcc reports: assertion (the sum is no longer 500).
// Fixed twin: bank-stm.ts (the default serializable snapshot)
import { scenario, WaitGroup, assert } from 'simcc';
import { Cluster, newSTM, type STM } from 'simcc/etcd';

const ACCOUNTS = 5;
const WORKERS = 4;
const TRANSFERS = 20;

export default scenario({ name: 'ch20: bank transfers in read-committed STM', expect: ['assertion'], runs: 50 }, async () => {
  const cluster = new Cluster({ name: 'etcd' });
  const node = cluster.node('bank');
  const c = node.client;
  for (let i = 0; i < ACCOUNTS; i++) await c.put(`accts/${i}`, '100');
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(WORKERS);
  for (let w = 0; w < WORKERS; w++) {
    node.go(async () => {
      for (let j = 0; j < TRANSFERS; j++) {
        const from = `accts/${(w + j) % ACCOUNTS}`;
        const to = `accts/${(w + 2 * j + 1) % ACCOUNTS}`;
        if (from === to) continue;
        await newSTM(
          c,
          async (stm: STM) => {
            const fromV = Number(await stm.get(from));
            const toV = Number(await stm.get(to));
            const xfer = Math.floor(fromV / 2);
            stm.put(from, String(fromV - xfer));
            stm.put(to, String(toV + xfer));
          },
          { isolation: 'readCommitted' }, // BUG: no conflict check at commit
        );
      }
      await wg.done();
    }, `worker-${w}`);
  }
  await wg.wait();
  const all = await c.get('accts/', { prefix: true });
  const sum = all.kvs.reduce((s, kv) => s + Number(kv.value), 0);
  assert(sum === 500, `the accounts sum to ${sum}, not 500`);
});
