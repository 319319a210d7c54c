// Course ch18, the MD5All pipeline (seed lines 5620–5688), with the bug the extract points out: the
// walker sends on `paths` without a select on ctx.Done().
//
// The bug: a digester fails on a file it cannot read and returns its error. The error cancels the
// group's context, and the other digesters stop. But the walker still blocks on `paths <- path`,
// and nobody receives any more. The walker is a group task, so Wait never returns, the closer never
// closes `c`, and main's range over `c` never ends.
// What simcc reports: deadlock. Main is blocked ranging over `c`, the closer in Wait, and the walker
// in its send on `paths`. The report names the walker as the ErrGroup task still running. (On a few
// schedules the other digester takes every remaining path before it sees the cancellation, and the
// pipeline drains.)
// Fixed twin: errgroup-pipeline-md5.ts
import { scenario, go, ErrGroup, Channel, context, select } from 'simcc';

interface Result {
  path: string;
  sum: string;
}

export default scenario({ name: "ch18: the pipeline's walker ignores the context", expect: ['deadlock'] }, async () => {
  const files = ['secret.key', 'a.txt', 'b.txt', 'c.txt', 'd.txt'];
  const [g, ctx] = ErrGroup.withContext(context.background(), { name: 'g' });
  const paths = new Channel<string>(0, { name: 'paths' });
  const c = new Channel<Result>(0, { name: 'c' });

  g.go(async () => {
    try {
      for (const path of files) await paths.send(path); // BUG: no select on ctx.Done()
    } finally {
      await paths.close();
    }
  }, 'walker');

  for (let i = 0; i < 2; i++) {
    g.go(async () => {
      for await (const path of paths) {
        if (path === 'secret.key') throw new Error(`open ${path}: permission denied`);
        const s = await select([c.sendCase({ path, sum: `md5(${path})` }), ctx.done().recvCase()]);
        if (s.index === 1) throw ctx.err()!; // the digesters do stop
      }
    }, `digester-${i}`);
  }

  go(async () => {
    await g.wait();
    await c.close();
  }, 'closer');

  const m = new Map<string, string>();
  for await (const r of c) m.set(r.path, r.sum);
  await g.wait();
});
