// Course ch20, the STM bank (seed lines 6767–6873), as the course writes it: each transfer is an apply
// function run by concurrency.NewSTM (default isolation: serializable snapshot). apply reads both
// balances with stm.get and buffers the two puts; the commit is one txn that checks nothing it read has
// changed, and apply runs again when it has. 10 goroutines × 100 transfers over 5 accounts of 100.
// What simcc reports: nothing (the sum stays 500).
// Buggy twins: bank-get-then-put.ts, bank-stm-read-committed.ts
import { scenario, WaitGroup, assert } from 'simcc';
import { Cluster, newSTM, type STM } from 'simcc/etcd';

const ACCOUNTS = 5;
const WORKERS = 10;
const TRANSFERS = 100;

export default scenario({ name: 'ch20: bank transfers in STM transactions', runs: 3 }, async () => {
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
        const exchange = async (stm: STM) => {
          const fromV = Number(await stm.get(from));
          const toV = Number(await stm.get(to));
          const xfer = Math.floor(fromV / 2);
          stm.put(from, String(fromV - xfer));
          stm.put(to, String(toV + xfer));
        };
        await newSTM(c, exchange);
      }
      await wg.done();
    }, `worker-${w}`);
  }
  await wg.wait();
  const all = await c.get('accts/', { prefix: true });
  const sum = all.kvs.reduce((s, kv) => s + Number(kv.value), 0);
  assert(sum === 500, `the accounts sum to ${sum}, not 500`);
});
