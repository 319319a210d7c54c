// Course ch18, ErrGroup's first example (seed lines 5528–5568, output at 7602–7609): three tasks
// sleep 5 s, 10 s and 15 s, and task 2 returns errors.New("failed to exec #2"). Wait waits for *all*
// tasks, even after the error, then returns the first error recorded. So all three print
// "exec #N", and the program prints "failed: failed to exec #2" after the slowest task has finished.
//
// This is a correct program (a task fails by throwing, as a Go task returns its error).
// What simcc reports: nothing. Every task's end happens before Wait returns (ErrGroup is built on
// a WaitGroup), so reading what the tasks wrote after Wait is race-free.
// Buggy counterpart: errgroup-append-results.ts (tasks share one slice)
import { scenario, shared, assert, ErrGroup, sleep } from 'simcc';

export default scenario('ch18: ErrGroup returns the first error after all tasks end', async () => {
  const g = new ErrGroup({ name: 'g' });
  const printed = [1, 2, 3].map((i) => shared(`printed[${i}]`, ''));
  for (const i of [1, 2, 3]) {
    g.go(async () => {
      await sleep(i * 5000);
      await printed[i - 1]!.write(`exec #${i}`);
      if (i === 2) throw new Error('failed to exec #2');
    }, `exec-${i}`);
  }
  const err = await g.wait();
  assert(err?.message === 'failed to exec #2', `failed: ${String(err?.message)}`);
  for (const [i, p] of printed.entries()) assert((await p.read()) === `exec #${i + 1}`, `task ${i + 1} did not run to the end`);
});
