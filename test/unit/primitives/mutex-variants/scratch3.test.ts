import { describe, it } from 'vitest';
import { go, Mutex, WaitGroup, sleep, assert } from '../../../../src/index.js';
import { run } from '../../../helpers.js';

const HOLD = Number(process.env.HOLD ?? 2);
const ARRIVE = Number(process.env.ARRIVE ?? 1);
const K = Number(process.env.K ?? 3);
const V = (process.env.V ?? 'starvation') as 'starvation';
describe('scratch3', () => {
    it(`trace`, async () => {
      const r = await run(async () => {
        const ROUNDS = 10;
        let rounds = 0;
        const mu = new Mutex({ name: 'mu', variant: V });
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
          assert(rounds - start <= K, `overtaken ${rounds - start}`);
          await mu.unlock();
          await wg.done();
        }, 'waiter');
        await wg.wait();
      }, { runs: Number(process.env.RUNS ?? 20000) });
      console.log(r.findings.map(f => f.message + ' seed ' + f.seed));
      console.log(r.trace?.map(e => `${String(e.step).padStart(4)} ${String(e.time).padStart(3)}ms ${e.threadName.padEnd(8)} ${e.what}`).join('\n'));
    }, 600000);
});
