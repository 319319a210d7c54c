import { describe, expect, it } from 'vitest';
import { go, assert, shared, Channel, select, sleep, now, context, WaitGroup, type Context } from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

const SYNCTEST = { timeMode: 'synctest' } as const;

describe('context', () => {
  it('background: never canceled, no deadline, no values; its done() is a nil channel', async () => {
    const r = await run(async () => {
      const bg = context.background();
      assert(bg === context.background() && context.todo() === bg);
      assert(bg.err() === null && bg.deadline() === undefined && bg.value('k') === undefined);
      assert(bg.done().isNil && bg.done() === bg.done());
      const res = await select([bg.done().recvCase()], { default: true });
      assert(res.index === -1);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    const blocked = await run(async () => {
      await context.background().done().recv();
    });
    expect(kinds(blocked)).toEqual(['deadlock']);
  });

  it('withCancel: cancel closes done() once; err() says Canceled; a second cancel does nothing', async () => {
    const r = await run(async () => {
      const [ctx, cancel] = context.withCancel(context.background());
      assert(ctx.err() === null);
      assert(ctx.done() === ctx.done(), 'one Done channel per context');
      await cancel();
      assert(ctx.err() === context.Canceled && ctx.err()!.message === 'context canceled');
      const { ok } = await ctx.done().recvOk();
      assert(!ok);
      await cancel(); // no panic: done() is closed exactly once
      assert(ctx.err() === context.Canceled);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('cancellation flows down the tree (through withValue), never up', async () => {
    const r = await run(
      async () => {
        const [parent, cancelParent] = context.withCancel(context.background());
        const valued = context.withValue(parent, 'user', 'ann');
        const [child, cancelChild] = context.withCancel(valued);
        const [grandchild] = context.withTimeout(child, 1000);
        const [sibling, cancelSibling] = context.withCancel(parent);
        await cancelSibling();
        assert(sibling.err() === context.Canceled);
        assert(parent.err() === null && child.err() === null, 'a child canceled its parent or sibling');
        await cancelParent();
        for (const c of [parent, valued, child, grandchild]) assert(c.err() === context.Canceled, 'not canceled');
        assert(valued.done() === parent.done(), 'withValue shares its parent done()');
        for (const c of [child, grandchild]) assert(!(await c.done().recvOk()).ok);
        await cancelChild();
      },
      SYNCTEST,
    );
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a context derived from a canceled one is canceled at once, with the parent error', async () => {
    const r = await run(
      async () => {
        const [p] = context.withTimeout(context.background(), 10);
        await p.done().recv();
        assert(p.err() === context.DeadlineExceeded);
        const [c] = context.withCancel(p);
        assert(c.err() === context.DeadlineExceeded);
        const [d] = context.withTimeout(context.withValue(p, 1, 2), 1000);
        assert(d.err() === context.DeadlineExceeded);
      },
      SYNCTEST,
    );
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('withTimeout: done() closes at the deadline with DeadlineExceeded', async () => {
    const r = await run(
      async () => {
        await sleep(5);
        const [ctx, cancel] = context.withTimeout(context.background(), 20);
        assert(ctx.deadline() === 25);
        await ctx.done().recv();
        assert(now() === 25 && ctx.err() === context.DeadlineExceeded);
        assert(ctx.err()!.message === 'context deadline exceeded');
        await cancel(); // after the deadline: err stays DeadlineExceeded
        assert(ctx.err() === context.DeadlineExceeded);
      },
      SYNCTEST,
    );
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('cancel before the deadline: Canceled, and the deadline timer is gone', async () => {
    const r = await run(
      async () => {
        const [ctx, cancel] = context.withTimeout(context.background(), 1_000_000);
        await cancel();
        assert(ctx.err() === context.Canceled);
        await sleep(1);
        assert(now() === 1, 'the deadline timer still fired');
      },
      SYNCTEST,
    );
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it("a child's deadline is capped by its parent's", async () => {
    const r = await run(
      async () => {
        const [parent] = context.withTimeout(context.background(), 100);
        const [later] = context.withTimeout(parent, 500);
        const [earlier] = context.withDeadline(parent, 40);
        assert(later.deadline() === 100 && earlier.deadline() === 40);
        await earlier.done().recv();
        assert(now() === 40 && earlier.err() === context.DeadlineExceeded && parent.err() === null);
        await later.done().recv();
        assert(now() === 100 && later.err() === context.DeadlineExceeded && parent.err() === context.DeadlineExceeded);
      },
      SYNCTEST,
    );
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a deadline already past gives a context that is already done', async () => {
    const r = await run(async () => {
      await sleep(10);
      const [ctx] = context.withDeadline(context.background(), 5);
      assert(ctx.err() === context.DeadlineExceeded);
      assert(!(await ctx.done().recvOk()).ok);
      const [zero] = context.withTimeout(context.background(), 0);
      assert(zero.err() === context.DeadlineExceeded);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('withValue: the nearest key wins, up to the root; a nil key panics', async () => {
    const r = await run(async () => {
      const key = Symbol('requestID');
      const a = context.withValue(context.background(), key, 'r-1');
      const b = context.withValue(a, 'user', 'ann');
      const [c] = context.withCancel(b);
      const d = context.withValue(c, key, 'r-2');
      assert(c.value(key) === 'r-1' && c.value('user') === 'ann');
      assert(d.value(key) === 'r-2' && d.value('user') === 'ann' && d.value('missing') === undefined);
      assert(a.value('user') === undefined, 'a value leaked up the tree');
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    const nilKey = await run(async () => {
      context.withValue(context.background(), null, 1);
    });
    expect(nilKey.findings.map((f) => [f.kind, f.message])).toEqual([['panic', 'nil key']]);
    const nilParent = await run(async () => {
      context.withCancel(undefined as unknown as Context);
    });
    expect(nilParent.findings.map((f) => [f.kind, f.message])).toEqual([['panic', 'cannot create context from nil parent']]);
  });

  it('the close of done() carries happens-before from the canceller', async () => {
    const ordered = await run(async () => {
      const x = shared('x', 0);
      const [ctx, cancel] = context.withCancel(context.background());
      const wg = new WaitGroup();
      await wg.add(1);
      go(async () => {
        await ctx.done().recv();
        await x.read();
        await wg.done();
      }, 'worker');
      await x.write(1);
      await cancel();
      await wg.wait();
    });
    expect(kinds(ordered)).toEqual([]);
    const racy = await run(async () => {
      const x = shared('x', 0);
      const [ctx, cancel] = context.withCancel(context.background());
      const wg = new WaitGroup();
      await wg.add(1);
      go(async () => {
        await ctx.done().recv();
        await x.read();
        await wg.done();
      }, 'worker');
      await cancel();
      await x.write(1); // after the cancel: not ordered before the worker's read
      await wg.wait();
    });
    expect(kinds(racy)).toEqual(['data-race']);
  });

  it('err() returning non-null acquires the cancel (Go takes the context mutex)', async () => {
    const r = await run(async () => {
      const x = shared('x', 0);
      const [ctx, cancel] = context.withCancel(context.background());
      const done = new Channel<void>(1);
      go(async () => {
        while (ctx.err() === null) await sleep(1);
        await x.read();
        await done.send();
      }, 'poller');
      await x.write(1);
      await cancel();
      await done.recv();
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('workers that watch done() all exit on cancel: no leak', async () => {
    const r = await run(async () => {
      const [ctx, cancel] = context.withCancel(context.background());
      const wg = new WaitGroup();
      const jobs = new Channel<number>();
      await wg.add(3);
      for (let i = 0; i < 3; i++) {
        go(async () => {
          for (;;) {
            const r = await select([ctx.done().recvCase(), jobs.recvCase()]);
            if (r.index === 0) break;
          }
          await wg.done();
        }, `worker-${i}`);
      }
      await jobs.send(1);
      await cancel();
      await wg.wait();
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a goroutine that ignores its context leaks; the report names the context channel', async () => {
    const r = await run(async () => {
      const [ctx, cancel] = context.withCancel(context.background());
      const results = new Channel<number>(0, { name: 'results' });
      go(async () => {
        await results.send(42); // never watches ctx.done()
      }, 'worker');
      await select([ctx.done().recvCase()], { default: true });
      await cancel();
    });
    expect(kinds(r)).toEqual(['leak']);
    expect(r.findings[0]!.message).toBe("goroutine 'worker' leaked: blocked forever in send on channel 'results'");
  });

  it('rejects a parent that is not a context', async () => {
    const r = await run(async () => {
      context.withCancel({} as Context);
    });
    expect(r.error?.message).toBe('context.withCancel needs a parent context (context.background() or a derived one)');
  });
});
