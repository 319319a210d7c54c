// Bench scenario for `npm run bench` (bench/etcd.js): the baseline of bench/etcd-bank-stm.ts — the same
// 10 goroutines × 100 transfers over 5 accounts of 100, as Go-flavour code: each transfer locks one Mutex,
// reads both balances, writes both, unlocks.
// Run alone: node bin/simcc.js run bench/etcd-bank-go-mutex.ts --seed 1 --runs 1 --step-limit 2000000 --json
import { scenario, go, shared, Mutex, WaitGroup, assert } from 'simcc';

const ACCOUNTS = 5;
const WORKERS = 10;
const TRANSFERS = 100;

export default scenario('bench: bank of 5 accounts, 10 × 100 mutex-protected transfers', async () => {
  const accts = Array.from({ length: ACCOUNTS }, (_, i) => shared(`accts/${i}`, 100));
  const mu = new Mutex({ name: 'mu' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(WORKERS);
  for (let w = 0; w < WORKERS; w++) {
    go(async () => {
      for (let j = 0; j < TRANSFERS; j++) {
        const from = accts[(w + j) % ACCOUNTS]!;
        const to = accts[(w + 2 * j + 1) % ACCOUNTS]!;
        if (from === to) continue;
        await mu.lock();
        const fromV = await from.read();
        const toV = await to.read();
        const xfer = Math.floor(fromV / 2);
        await from.write(fromV - xfer);
        await to.write(toV + xfer);
        await mu.unlock();
      }
      await wg.done();
    }, `worker-${w}`);
  }
  await wg.wait();
  let sum = 0;
  for (const a of accts) sum += await a.read();
  assert(sum === 500, `the accounts sum to ${sum}, not 500`);
});
