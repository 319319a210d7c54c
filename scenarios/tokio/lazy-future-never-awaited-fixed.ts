// tokio: lazy-future-never-awaited.ts with both sends awaited.
//
//   tx.send(summary).await.unwrap();     // FIX
//
// What simcc reports: nothing.
// Buggy twin: lazy-future-never-awaited.ts
import { scenario, spawn, mpsc, assert } from 'simcc/tokio';

export default scenario('tokio: every send future awaited', async () => {
  const [tx, rx] = mpsc.channel<string>(4, 'reports');
  spawn(async () => {
    (await tx.send('report')).unwrap();
    (await tx.send('summary')).unwrap(); // FIX
  }, { name: 'producer', move: [tx] });
  const got: string[] = [];
  for await (const r of rx) got.push(r);
  assert(got.length === 2, `got ${got.length} item(s): ${got.join(', ')}`);
});
