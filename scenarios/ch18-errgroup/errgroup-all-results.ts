// Course ch18, ErrGroup's second example (seed lines 5574–5618): to keep *every* task's outcome,
// not only the first error, each task stores its result in its own slot, result[i], and the caller
// reads the slots after Wait.
//
// This is a correct program. The tasks write distinct slots, so they do not race with each other,
// and Wait orders every write before the reads.
// What simcc reports: nothing.
// Buggy twin: errgroup-append-results.ts (one shared slice appended from every task)
import { scenario, shared, assert, ErrGroup } from 'simcc';

export default scenario('ch18: every task writes its own result slot', async () => {
  const g = new ErrGroup({ name: 'g' });
  const result = [0, 1, 2].map((i) => shared<Error | null>(`result[${i}]`, null));
  for (let i = 0; i < 3; i++) {
    g.go(async () => {
      if (i === 1) {
        await result[i]!.write(new Error('failed to exec #2'));
        throw new Error('failed to exec #2');
      }
      await result[i]!.write(null);
    }, `exec-${i + 1}`);
  }
  const err = await g.wait();
  assert(err?.message === 'failed to exec #2');
  const errs = [];
  for (const r of result) errs.push(await r.read());
  assert(errs[0] === null && errs[1]?.message === 'failed to exec #2' && errs[2] === null);
});
