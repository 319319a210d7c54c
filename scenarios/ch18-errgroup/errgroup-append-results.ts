// Course ch18, ErrGroup's second example (seed lines 5574–5618) done the tempting way: instead of
// one result slot per task, every task appends to one shared slice
// (`results = append(results, err)`).
//
// The bug: append reads and writes the slice header (pointer, length) with no lock, from several
// goroutines at once. Appends get lost, and the race detector reports it.
// What simcc reports: data-race on 'results', between two tasks' appends.
// Fixed twin: errgroup-all-results.ts
import { scenario, shared, ErrGroup } from 'simcc';

export default scenario({ name: 'ch18: tasks append to one shared slice', expect: ['data-race'] }, async () => {
  const g = new ErrGroup({ name: 'g' });
  const results = shared<string[]>('results', []);
  for (let i = 1; i <= 3; i++) {
    g.go(async () => {
      await results.update((rs) => [...rs, `exec #${i}: ok`]); // BUG: unsynchronised append
    }, `exec-${i}`);
  }
  await g.wait();
  await results.read();
});
