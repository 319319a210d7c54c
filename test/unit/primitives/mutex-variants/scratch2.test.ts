import { describe, it } from 'vitest';
import { go, Mutex, WaitGroup, sleep } from '../../../../src/index.js';
import { run } from '../../../helpers.js';

const HOLD = Number(process.env.HOLD ?? 2);
const ARRIVE = Number(process.env.ARRIVE ?? 1);
describe('scratch2', () => {
  for (const variant of ['initial', 'newcomer', 'spinning', 'starvation'] as const) {
    it(`demo ${variant}`, async () => {
      const hist = new Map<number, number>();
      let last = -1;
      const r = await run(async () => {
        const ROUNDS = 10;
        let rounds = 0;
        const mu = new Mutex({ name: 'mu', variant });
        const wg = new WaitGroup();
        await wg.add(2);
        go(async () => {
          for (let i = 0; i < ROUNDS; i++) {
            await mu.lock();
            rounds++;
            await sleep(HOLD);
            await mu.unlock();
          }
          await wg.done();
        }, 'greedy');
        go(async () => {
          await sleep(ARRIVE);
          const start = rounds;
          await mu.lock();
          last = rounds - start;
          await mu.unlock();
          await wg.done();
        }, 'waiter');
        await wg.wait();
        hist.set(last, (hist.get(last) ?? 0) + 1);
      }, { runs: Number(process.env.RUNS ?? 20000), ...(process.env.SYNC ? { timeMode: "synctest" as const } : {}) });
      console.log(variant, r.findings.map(f => f.message), [...hist.entries()].sort((a, b) => a[0] - b[0]));
    }, 600000);
  }
});
