// Course ch20, the STM bank (seed lines 6767–6873), done without a transaction: 5 accounts of 100
// (sum 500); 10 goroutines each make 100 transfers of half of one account's balance to another — each
// as a get of both balances, then a put of each.
//
// The bug: get-then-put is not atomic: two transfers that read the same account both write back their
// own result, and one transfer's change to it is lost (or money appears from nowhere).
// What simcc reports: assertion (the sum is no longer 500).
// Fixed twins: bank-stm.ts (concurrency.NewSTM), bank-txn.ts (a txn guarded by modRevisions, retried)
import { scenario, WaitGroup, assert } from 'simcc';
import { Cluster } from 'simcc/etcd';

const ACCOUNTS = 5;
const WORKERS = 10;
const TRANSFERS = 100;

export default scenario({ name: 'ch20: bank transfers as get-then-put', expect: ['assertion'], runs: 10 }, async () => {
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
        const fromV = Number((await c.get(from)).kvs[0]!.value); // BUG: read…
        const toV = Number((await c.get(to)).kvs[0]!.value);
        const xfer = Math.floor(fromV / 2);
        await c.put(from, String(fromV - xfer)); // …then write, with no check in between
        await c.put(to, String(toV + xfer));
      }
      await wg.done();
    }, `worker-${w}`);
  }
  await wg.wait();
  const all = await c.get('accts/', { prefix: true });
  const sum = all.kvs.reduce((s, kv) => s + Number(kv.value), 0);
  assert(sum === 500, `the accounts sum to ${sum}, not 500`);
});
