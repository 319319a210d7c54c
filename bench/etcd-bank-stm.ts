// Bench scenario for `npm run bench` (bench/etcd.js): the course's STM bank (ch20, seed lines 6767–6873),
// 5 accounts × 100, 10 goroutines × 100 transfers of half a balance, each a concurrency.NewSTM
// transaction (serializable snapshot: two reads, then a commit txn, re-run on conflict). Compared with
// bench/etcd-bank-go-mutex.ts, the same transfers as Go-flavour mutex-protected reads and writes.
// Run alone: node bin/simcc.js run bench/etcd-bank-stm.ts --seed 1 --runs 1 --step-limit 2000000 --json
import { scenario, WaitGroup, assert } from 'simcc';
import { Cluster, newSTM, type STM } from 'simcc/etcd';

const ACCOUNTS = 5;
const WORKERS = 10;
const TRANSFERS = 100;

export default scenario('bench: bank of 5 accounts, 10 × 100 STM transfers', async () => {
  const node = new Cluster({ name: 'etcd' }).node('bank');
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
        await newSTM(c, async (stm: STM) => {
          const fromV = Number(await stm.get(from));
          const toV = Number(await stm.get(to));
          const xfer = Math.floor(fromV / 2);
          stm.put(from, String(fromV - xfer));
          stm.put(to, String(toV + xfer));
        });
      }
      await wg.done();
    }, `worker-${w}`);
  }
  await wg.wait();
  const all = await c.get('accts/', { prefix: true });
  const sum = all.kvs.reduce((s, kv) => s + Number(kv.value), 0);
  assert(sum === 500, `the accounts sum to ${sum}, not 500`);
});
