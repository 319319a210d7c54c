// Course ch20, the transfer with a raw Txn (seed lines 6720–6748, with the seed's Kvs[1] erratum fixed):
// read both accounts, then one txn that puts both new balances only if neither account's modRevision
// changed since the read; when it did (`succeeded: false`), read again and retry — what STM automates.
// 4 goroutines × 20 transfers over 5 accounts of 100.
// What simcc reports: nothing (the sum stays 500).
// Buggy twin: bank-get-then-put.ts
import { scenario, WaitGroup, assert } from 'simcc';
import { Cluster, compare, op, type Client } from 'simcc/etcd';

const ACCOUNTS = 5;
const WORKERS = 4;
const TRANSFERS = 20;

async function transfer(c: Client, from: string, to: string): Promise<boolean> {
  const r = await c.txn().then(op.get(from), op.get(to)).commit();
  const fromKV = r.responses[0]!.kvs[0]!;
  const toKV = r.responses[1]!.kvs[0]!; // the seed reads Kvs[1] here: an erratum
  const fromV = Number(fromKV.value);
  const xfer = Math.floor(fromV / 2);
  const t = await c
    .txn()
    .if(compare.modRevision(from, '=', fromKV.modRevision), compare.modRevision(to, '=', toKV.modRevision))
    .then(op.put(from, String(fromV - xfer)), op.put(to, String(Number(toKV.value) + xfer)))
    .commit();
  return t.succeeded;
}

export default scenario({ name: 'ch20: bank transfers as txns guarded by modRevision', runs: 50 }, async () => {
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
        while (!(await transfer(c, from, to))); // retry on conflict
      }
      await wg.done();
    }, `worker-${w}`);
  }
  await wg.wait();
  const all = await c.get('accts/', { prefix: true });
  const sum = all.kvs.reduce((s, kv) => s + Number(kv.value), 0);
  assert(sum === 500, `the accounts sum to ${sum}, not 500`);
});
