import { describe, expect, it } from 'vitest';
import { go, shared, Mutex, WaitGroup, assert, sleep, MUTEX_VARIANTS } from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

describe('scratch', () => {
  for (const variant of ['initial', 'newcomer', 'spinning', 'starvation'] as const) {
    it(`mutual exclusion ${variant}`, async () => {
      const r = await run(async () => {
        const mu = new Mutex({ name: 'mu', variant });
        const count = shared('count', 0);
        const wg = new WaitGroup();
        await wg.add(3);
        for (let i = 0; i < 3; i++) {
          go(async () => {
            for (let j = 0; j < 2; j++) {
              await mu.lock();
              await count.update((v) => v + 1);
              await mu.unlock();
            }
            await wg.done();
          });
        }
        await wg.wait();
        assert((await count.read()) === 6, 'lost update');
      }, { runs: 500 });
      if (r.findings.length) console.log(r.findings[0], r.trace?.slice(-30).map(e=>`${e.threadName} ${e.what}`).join('\n'));
      expect(kinds(r)).toEqual([]);
    });
  }
});
