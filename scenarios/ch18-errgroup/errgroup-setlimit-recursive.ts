// Course ch18, bounded ErrGroups (seed lines 5689–5758), with the classic deadlock of upstream's
// SetLimit (the extract's "errgroup-setlimit-recursive"). Go blocks in the caller while the limit
// is reached, and a slot is freed only when a task returns.
//
// The bug: a recursive fan-out on a limited group. Each directory task calls g.Go for its
// subdirectories. With a limit of 2 and two directory tasks running, both hold the two slots and
// both block in g.Go waiting for a slot, which only their own return would free.
// What simcc reports: deadlock. Both parents are blocked in go of ErrGroup 'g' ("waits for a free
// slot (limit 2, 2 in use)") and main is in Wait.
// Fixed twin: errgroup-setlimit.ts (only the top level calls Go)
import { scenario, ErrGroup, sleep } from 'simcc';

export default scenario({ name: 'ch18: recursive Go on a limited ErrGroup', expect: ['deadlock'] }, async () => {
  const g = new ErrGroup({ name: 'g' });
  g.setLimit(2);
  const tree: Record<string, string[]> = { '/a': ['/a/x', '/a/y'], '/b': ['/b/z'], '/a/x': [], '/a/y': [], '/b/z': [] };

  async function walk(dir: string): Promise<void> {
    await sleep(1); // list the directory
    for (const sub of tree[dir]!) await g.go(() => walk(sub), `walk ${sub}`); // BUG: Go from inside a task
  }

  for (const top of ['/a', '/b']) await g.go(() => walk(top), `walk ${top}`);
  await g.wait();
});
