import { describe, expect, it } from 'vitest';
import { go, shared, assert, panic, ErrGroup, Channel, context, select, sleep, now, yieldNow } from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

describe('ErrGroup', () => {
  it('wait returns the first error after every task ended (the course: 5/10/15 s, #2 fails)', async () => {
    const r = await run(async () => {
      const g = new ErrGroup({ name: 'g' });
      const ran = [shared('ran[1]', false), shared('ran[2]', false), shared('ran[3]', false)];
      for (const i of [1, 2, 3]) {
        g.go(async () => {
          await sleep(i * 5000);
          await ran[i - 1]!.write(true);
          if (i === 2) throw new Error('failed to exec #2');
        });
      }
      const err = await g.wait();
      assert(err?.message === 'failed to exec #2', `got ${String(err)}`);
      assert(now() === 15000, `wait returned at ${now()}`);
      for (const x of ran) assert((await x.read()) === true); // every task's end happens-before wait returns
    }, { timeMode: 'synctest' });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('keeps only the first error recorded, and null when none failed', async () => {
    const r = await run(async () => {
      const g = new ErrGroup();
      g.go(async () => {
        throw new Error('first');
      });
      await sleep(1);
      g.go(async () => {
        throw new Error('second');
      });
      assert((await g.wait())?.message === 'first');
      const ok = new ErrGroup();
      ok.go(async () => 42);
      assert((await ok.wait()) === null);
      assert((await ok.wait()) === null, 'wait may be called twice');
    }, { timeMode: 'synctest' }); // the first task fails before the 1 ms sleep ends
    expect(kinds(r)).toEqual([]);
  });

  it('a task may also fail by returning an Error (Go: return err)', async () => {
    const r = await run(async () => {
      const g = new ErrGroup();
      g.go(async () => new Error('returned'));
      assert((await g.wait())?.message === 'returned');
    });
    expect(kinds(r)).toEqual([]);
  });

  it('results written by tasks are read race-free after wait; without wait they race', async () => {
    const ok = await run(async () => {
      const g = new ErrGroup();
      const result = [shared('result[0]', 0), shared('result[1]', 0)];
      for (let i = 0; i < 2; i++) g.go(async () => result[i]!.write(i + 1));
      await g.wait();
      for (const x of result) await x.read();
    });
    expect(kinds(ok)).toEqual([]);
    const bad = await run(async () => {
      const g = new ErrGroup();
      const result = shared('result', 0);
      g.go(async () => result.write(1));
      await result.read();
      await g.wait();
    });
    expect(kinds(bad)).toEqual(['data-race']);
  });

  it('withContext: the first error cancels the derived context; the others see it and stop', async () => {
    const r = await run(async () => {
      const [g, ctx] = ErrGroup.withContext(context.background(), { name: 'g' });
      g.go(async () => {
        await sleep(10);
        throw new Error('boom');
      }, 'failing');
      g.go(async () => {
        const tick = new Channel<void>(0);
        const s = await select([ctx.done().recvCase(), tick.recvCase()]);
        assert(s.index === 0);
        throw ctx.err()!;
      }, 'watcher');
      const err = await g.wait();
      assert(err?.message === 'boom', `got ${String(err)}`);
      assert(ctx.err() === context.Canceled);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('withContext: wait cancels the derived context even when nothing failed', async () => {
    const r = await run(async () => {
      const [g, ctx] = ErrGroup.withContext(context.background());
      g.go(async () => undefined);
      assert(ctx.err() === null);
      assert((await g.wait()) === null);
      assert(ctx.err() === context.Canceled, 'wait must cancel the context');
    });
    expect(kinds(r)).toEqual([]);
  });

  it('canceling the parent does not stop tasks that ignore the context', async () => {
    const r = await run(async () => {
      const [parent, cancel] = context.withCancel(context.background());
      const [g] = ErrGroup.withContext(parent);
      const finished = shared('finished', false);
      g.go(async () => {
        await sleep(100);
        await finished.write(true);
      });
      await cancel();
      assert((await g.wait()) === null);
      assert((await finished.read()) === true);
    });
    expect(kinds(r)).toEqual([]);
  });

  it('a task that ignores the context blocks wait forever: a deadlock naming the task', async () => {
    const r = await run(async () => {
      const [g] = ErrGroup.withContext(context.background(), { name: 'g' });
      const results = new Channel<number>(0, { name: 'results' });
      g.go(async () => {
        throw new Error('reader failed');
      }, 'reader');
      g.go(async () => {
        await results.send(1); // nobody receives any more
      }, 'producer');
      await g.wait();
    });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.details!.join('\n')).toContain("ErrGroup 'g' has 1 task(s) still running: 'producer' (blocked in send on channel 'results')");
  });

  it('setLimit: go blocks while n tasks run, never more than n at once', async () => {
    const r = await run(async () => {
      const g = new ErrGroup({ name: 'g' });
      g.setLimit(2);
      let active = 0;
      let most = 0;
      for (let i = 0; i < 5; i++) {
        await g.go(async () => {
          active++;
          most = Math.max(most, active);
          await yieldNow();
          await sleep(10);
          active--;
        });
      }
      await g.wait();
      assert(most <= 2, `${most} tasks at once`);
      assert(now() >= 30, `5 tasks of 10 ms, 2 at a time, took ${now()} ms`);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it("setLimit: a task's end happens-before the go that takes its slot", async () => {
    const r = await run(async () => {
      const g = new ErrGroup();
      g.setLimit(1);
      const x = shared('x', 0);
      await g.go(async () => x.write(1));
      await g.go(async () => x.write(2)); // waits for the first task's slot
      await g.wait();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('setLimit with recursive fan-out deadlocks: parents hold every slot, blocked in go', async () => {
    const r = await run(async () => {
      const g = new ErrGroup({ name: 'g' });
      g.setLimit(2);
      for (let i = 0; i < 2; i++) {
        await g.go(async () => {
          await sleep(1);
          await g.go(async () => undefined); // a child needs a slot its parent holds
        }, `parent-${i}`);
      }
      await g.wait();
    });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.details!.join('\n')).toContain("go of ErrGroup 'g': waits for a free slot (limit 2, 2 in use)");
  });

  it('setLimit(0): every go blocks forever', async () => {
    const r = await run(async () => {
      const g = new ErrGroup({ name: 'g' });
      g.setLimit(0);
      await g.go(async () => undefined);
    });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.details!.join('\n')).toContain('its limit is 0, so it can never start a task');
  });

  it('with a limit, go must be awaited (it is a scheduling point)', async () => {
    const r = await run(async () => {
      const g = new ErrGroup();
      g.setLimit(1);
      void g.go(async () => undefined);
      await g.wait();
    });
    expect(r.error?.message).toMatch(/go of ErrGroup .* was not awaited/);
  });

  it('without a limit, go need not be awaited, and awaiting it is harmless', async () => {
    const r = await run(async () => {
      const g = new ErrGroup();
      g.go(async () => undefined);
      await g.go(async () => undefined);
      g.go(async () => undefined);
      assert((await g.wait()) === null);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('setLimit while limited tasks are active panics with upstream text', async () => {
    const r = await run(async () => {
      const g = new ErrGroup();
      g.setLimit(2);
      await g.go(async () => sleep(10));
      g.setLimit(3);
    });
    expect(kinds(r)).toEqual(['panic']);
    expect(r.findings[0]!.message).toBe('errgroup: modify limit while 1 goroutines in the group are still active');
    expect(r.findings[0]!.locations[0]).toMatch(/errgroup\.test\.ts:\d+:\d+$/);
  });

  it('tryGo starts a task only when a slot is free', async () => {
    const r = await run(async () => {
      const g = new ErrGroup();
      g.setLimit(1);
      const release = new Channel<void>(0);
      assert(g.tryGo(async () => release.recv()) === true);
      assert(g.tryGo(async () => undefined) === false, 'the slot is taken');
      await release.send();
      await g.wait();
      assert(g.tryGo(async () => undefined) === true);
      await g.wait();
    });
    expect(kinds(r)).toEqual([]);
  });

  it('a panic in a task is not an error: it crashes, as in Go', async () => {
    const r = await run(async () => {
      const g = new ErrGroup();
      g.go(async () => {
        panic('task panicked');
      });
      await g.wait();
    });
    expect(kinds(r)).toEqual(['panic']);
    expect(r.findings[0]!.message).toBe('task panicked');
  });

  it('names its goroutines, and a leak report says where a task was started', async () => {
    const r = await run(async () => {
      const g = new ErrGroup({ name: 'fetch' });
      g.setLimit(1);
      const never = new Channel<void>(0, { name: 'never' });
      await g.go(async () => never.recv());
      go(async () => {
        await g.wait();
      }, 'waiter');
    });
    expect(kinds(r)).toEqual(['leak', 'leak']);
    const task = r.findings.find((f) => f.threads[0]!.name === 'fetch/task-1')!;
    expect(task.message).toContain("goroutine 'fetch/task-1' leaked: blocked forever in receive from channel 'never'");
    expect(task.threads[0]!.startedAt).toMatch(/errgroup\.test\.ts:\d+:\d+$/);
  });

  it('rejects bad inputs', async () => {
    const err = async (body: () => Promise<unknown>) => (await run(body, { runs: 1 })).error?.message ?? '';
    expect(await err(async () => new ErrGroup().go(5 as never))).toMatch(/fn must be a function/);
    expect(await err(async () => new ErrGroup().setLimit(1.5))).toMatch(/needs an integer/);
  });
});
