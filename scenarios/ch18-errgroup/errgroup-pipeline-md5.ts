// Course ch18, ErrGroup in a pipeline: MD5All (seed lines 5620–5688, simplified from the official
// example). Stage 1 is one group task that walks the file tree and sends each path on an unbuffered
// `paths` channel, closing it when done. Stage 2 is a fixed number of digesters (the course has 20,
// here 2), each ranging over `paths` and sending a result on `c`. A plain goroutine waits for the
// group and then closes `c`. Main ranges over `c` into a map and then calls Wait again for the error
// (several Wait calls are fine).
//
// This is the correct program. The walker sends inside a select with ctx.Done(), as the official
// example does, so it stops as soon as the group's context is cancelled.
// What simcc reports: nothing, here with a digester that fails on one file: the error cancels the
// context, the walker and the other digesters stop, and Wait returns the error.
// Buggy twin: errgroup-pipeline-walker-ignores-ctx.ts
import { scenario, go, assert, ErrGroup, Channel, context, select } from 'simcc';

interface Result {
  path: string;
  sum: string;
}

export default scenario('ch18: the MD5All pipeline on an ErrGroup', async () => {
  const files = ['a.txt', 'b.txt', 'secret.key', 'c.txt'];
  const [g, ctx] = ErrGroup.withContext(context.background(), { name: 'g' });
  const paths = new Channel<string>(0, { name: 'paths' });
  const c = new Channel<Result>(0, { name: 'c' });

  g.go(async () => {
    try {
      for (const path of files) {
        const s = await select([paths.sendCase(path), ctx.done().recvCase()]);
        if (s.index === 1) throw ctx.err()!; // return ctx.Err()
      }
    } finally {
      await paths.close();
    }
  }, 'walker');

  const numDigesters = 2;
  for (let i = 0; i < numDigesters; i++) {
    g.go(async () => {
      for await (const path of paths) {
        if (path === 'secret.key') throw new Error(`open ${path}: permission denied`);
        const s = await select([c.sendCase({ path, sum: `md5(${path})` }), ctx.done().recvCase()]);
        if (s.index === 1) throw ctx.err()!;
      }
    }, `digester-${i}`);
  }

  go(async () => {
    await g.wait();
    await c.close();
  }, 'closer');

  const m = new Map<string, string>();
  for await (const r of c) m.set(r.path, r.sum);
  const err = await g.wait();
  assert(err?.message === 'open secret.key: permission denied', `got ${String(err?.message)}`);
});
