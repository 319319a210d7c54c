import { describe, expect, it } from 'vitest';
import { go, yieldNow, assert, Channel, select, sleep, scenario } from '../../../../src/index.js';
import { runScenario } from '../../../../src/harness/runs.js';
import { run, kinds, DEFAULTS } from '../../../helpers.js';

describe('select', () => {
  it('chooses among ready cases under the seed', async () => {
    const seen = new Set<number>();
    for (let seed = 1; seed <= 20; seed++) {
      await run(
        async () => {
          const a = new Channel<number>(1);
          const b = new Channel<number>(1);
          await a.send(1);
          await b.send(2);
          const r = await select([a.recvCase(), b.recvCase()]);
          assert(r.value === (r.index === 0 ? 1 : 2) && r.ok);
          seen.add(r.index);
        },
        { runs: 1, firstSeed: seed },
      );
    }
    expect(seen).toEqual(new Set([0, 1]));
  });

  it('the choice is recorded in the schedule: replaying it picks the same case', async () => {
    let pick = -2;
    const s = scenario('pick', async () => {
      const a = new Channel<number>(1);
      const b = new Channel<number>(1);
      await a.send(1);
      await b.send(2);
      pick = (await select([a.recvCase(), b.recvCase()])).index;
    });
    // main is the only goroutine, so the select's choice is the schedule's only entry
    for (const want of [0, 1, 1, 0]) {
      const r = await runScenario(s, { ...DEFAULTS, strategy: 'replay', schedule: String(want) });
      expect(r.findings).toEqual([]);
      expect(pick).toBe(want);
    }
    // A schedule that does not fit is a usage problem, not a finding (issue 12): it names where it stops fitting.
    const bad = await runScenario(s, { ...DEFAULTS, strategy: 'replay', schedule: '2' });
    expect(kinds(bad)).toEqual([]);
    expect(bad.error?.message).toMatch(/^the schedule does not fit this scenario: at step \d+ the schedule picks option 2 of a select with only 2 options/);
  });

  it('takes default when nothing is ready, and a nil case is never ready', async () => {
    const r = await run(async () => {
      const c = Channel.nil<number>();
      const res = await select([c.recvCase(), c.sendCase(1)], { default: true });
      assert(res.index === -1 && res.value === undefined && !res.ok);
      const ready = new Channel<number>(1);
      await ready.send(5);
      const res2 = await select([c.recvCase(), ready.recvCase(), c.sendCase(2)]);
      assert(res2.index === 1 && res2.value === 5);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a ready case beats default', async () => {
    const r = await run(async () => {
      const c = new Channel<number>(1);
      await c.send(7);
      const res = await select([c.recvCase()], { default: true });
      assert(res.index === 0 && res.value === 7);
    });
    expect(kinds(r)).toEqual([]);
  });

  it('blocks until one case is completed by a partner, sends included', async () => {
    const r = await run(async () => {
      const a = new Channel<number>();
      const b = new Channel<number>();
      go(async () => {
        assert((await b.recv()) === 7);
      }, 'reader');
      const res = await select([a.recvCase(), b.sendCase(7)]);
      assert(res.index === 1);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a send value is computed before the select blocks', async () => {
    const r = await run(async () => {
      const out = new Channel<number>();
      let v = 1;
      go(async () => {
        await sleep(1);
        assert((await out.recv()) === 1, 'the value when the case was made');
      }, 'reader');
      const p = select([out.sendCase(v)]);
      v = 2;
      await p;
      assert(v === 2);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a receive case on a closed channel is ready: zero value, ok false', async () => {
    const r = await run(async () => {
      const c = new Channel<number>();
      const never = new Channel<number>();
      await c.close();
      const res = await select([never.recvCase(), c.recvCase()]);
      assert(res.index === 1 && res.value === undefined && res.ok === false);
    });
    expect(kinds(r)).toEqual([]);
  });

  it('a blocked select is woken by close on a receive case', async () => {
    const r = await run(async () => {
      const c = new Channel<number>();
      const never = new Channel<number>();
      go(async () => {
        await sleep(1);
        await c.close();
      });
      const res = await select([never.recvCase(), c.recvCase()]);
      assert(res.index === 1 && !res.ok);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a send case on a closed channel panics when chosen', async () => {
    const r = await run(async () => {
      const c = new Channel<number>(1);
      await c.close();
      await select([c.sendCase(1)]);
    });
    expect(r.findings.map((f) => [f.kind, f.message])).toEqual([['send-on-closed-channel', 'send on closed channel']]);
    const recovered = await run(async () => {
      const c = new Channel<number>(1);
      await c.close();
      try {
        await select([c.sendCase(1)], { default: true });
        assert(false, 'must panic');
      } catch {
        /* recover */
      }
    });
    expect(kinds(recovered)).toEqual([]);
  });

  it('a select blocked on a send case panics when the channel is closed (and races with the close)', async () => {
    const r = await run(async () => {
      const c = new Channel<number>();
      const never = new Channel<number>();
      go(async () => {
        await sleep(1);
        await c.close();
      }, 'closer');
      await select([c.sendCase(1), never.recvCase()]);
    });
    expect(kinds(r)).toEqual(['data-race']);
  });

  it('polling a send case is a read of its channel: racing with a close even when another case wins', async () => {
    const r = await run(async () => {
      const out = new Channel<number>(1);
      const ready = new Channel<number>(1);
      await ready.send(1);
      go(async () => out.close(), 'closer');
      await select([ready.recvCase(), out.sendCase(1)]);
      await yieldNow();
    });
    expect(kinds(r)).toEqual(['data-race']);
  });

  it('once woken on one case, a select leaves the queues of the others', async () => {
    const r = await run(async () => {
      const a = new Channel<number>(0, { name: 'a' });
      const b = new Channel<number>(0, { name: 'b' });
      go(async () => {
        await sleep(1);
        await a.send(1);
      }, 'sender');
      const res = await select([a.recvCase(), b.recvCase(), b.recvCase()]);
      assert(res.index === 0);
      // a later send on b must not be taken by the finished select
      const got = await select([b.sendCase(2)], { default: true });
      assert(got.index === -1);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a case that loses leaves its channel: a select loop keeps no dead entries on the channel that never fires (Selectable.cancel)', async () => {
    // The parked receives kept on `done` (QueueCore's list, live or not yet pruned); nothing sends on
    // `done`, so nothing would ever prune the entries of the selects that lost there.
    const parkedOn = (ch: Channel<unknown>): number => (ch as unknown as { core: { receivers: unknown[] } }).core.receivers.length;
    for (const capacity of [0, 1]) {
      let left = -1;
      const r = await run(async () => {
        // Unbuffered: the sender completes the select (its woken step cancels `done`); buffered: the select's own step takes `work`.
        const work = new Channel<number>(capacity, { name: 'work' });
        const done = new Channel<void>(0, { name: 'done' });
        go(async () => {
          for (let i = 0; i < 5; i++) await work.send(i);
        }, 'producer');
        for (let i = 0; i < 5; i++) {
          const got = await select([work.recvCase(), done.recvCase()]);
          assert(got.index === 0 && got.value === i, `got case ${got.index}`);
        }
        left = parkedOn(done as Channel<unknown>);
      });
      expect(r.error).toBeUndefined();
      expect(kinds(r)).toEqual([]);
      expect(left, `capacity ${capacity}`).toBe(0);
    }
  });

  it('a select with a default takes the value of a waiting sender, plain or selecting (a non-blocking receive)', async () => {
    for (const how of ['plain', 'select'] as const) {
      const r = await run(async () => {
        const ch = new Channel<number>(0, { name: 'ch' });
        go(async () => {
          if (how === 'plain') await ch.send(7);
          else await select([ch.sendCase(7)]);
        }, 'sender');
        // Polls until the sender waits: it must not spin for ever (the sender is never "not there yet" for good).
        for (;;) {
          const got = await select([ch.recvCase()], { default: true });
          if (got.index === 0) {
            assert(got.value === 7 && got.ok, `got ${String(got.value)}`);
            break;
          }
          await yieldNow();
        }
      });
      expect(r.error).toBeUndefined();
      expect(kinds(r)).toEqual([]);
    }
  });

  it('two selects with defaults never meet: neither ever waits, as in Go', async () => {
    const r = await run(async () => {
      const ch = new Channel<number>(0);
      const other = go(async () => {
        const s = await select([ch.sendCase(1)], { default: true });
        assert(s.index === -1, 'a non-blocking send met a non-blocking receive');
      });
      const got = await select([ch.recvCase()], { default: true });
      assert(got.index === -1, 'a non-blocking receive met a non-blocking send');
      void other;
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a waiting select is completed by a waiting plain send or receive, whichever side the select is', async () => {
    const r = await run(async () => {
      const a = new Channel<number>(0, { name: 'a' });
      const b = new Channel<number>(0, { name: 'b' });
      go(async () => {
        await a.send(1);
        assert((await b.recv()) === 2);
      });
      const first = await select([a.recvCase(), b.sendCase(2)]);
      assert(first.index === 0 && first.value === 1, `first ${first.index}`);
      const second = await select([a.recvCase(), b.sendCase(2)]);
      assert(second.index === 1, `second ${second.index}`);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a select with no cases, or only nil channels, blocks forever', async () => {
    const empty = await run(async () => {
      await select([]);
    });
    expect(kinds(empty)).toEqual(['deadlock']);
    expect(empty.findings[0]!.threads[0]!.waitingOn).toBe('select with no cases');
    const nils = await run(async () => {
      const c = Channel.nil<number>();
      await select([c.recvCase(), c.sendCase(1)]);
    });
    expect(kinds(nils)).toEqual(['deadlock']);
    expect(nils.findings[0]!.threads[0]!.waitingOn).toBe('select (receive from nil channel, send on nil channel)');
  });

  it('a blocked select is reported with every channel and the other ends', async () => {
    const r = await run(async () => {
      const jobs = new Channel<number>(0, { name: 'jobs' });
      const quit = new Channel<void>(0, { name: 'quit' });
      go(async () => {
        await select([jobs.recvCase(), quit.recvCase()]);
      }, 'worker');
    });
    expect(kinds(r)).toEqual(['leak']);
    const f = r.findings[0]!;
    expect(f.message).toBe("goroutine 'worker' leaked: blocked forever in select (receive from channel 'jobs', receive from channel 'quit')");
    expect(f.details).toEqual([
      "the other end of channel 'jobs': 'main' (finished): none of them is alive",
      "the other end of channel 'quit': 'main' (finished): none of them is alive",
    ]);
  });

  it('two ready cases on one buffered channel: send or receive, as the seed says (the course select-random)', async () => {
    const outputs = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      await run(
        async () => {
          const ch = new Channel<number>(10);
          const got: number[] = [];
          for (let i = 0; i < 6; i++) {
            const r = await select([ch.sendCase(i), ch.recvCase()]);
            if (r.index === 1) got.push(r.value!);
          }
          outputs.add(got.join(','));
        },
        { runs: 1, firstSeed: seed },
      );
    }
    expect(outputs.size).toBeGreaterThan(3);
    // the first iteration can only send; values come out in the order they went in
    for (const o of outputs) {
      const got = o === '' ? [] : o.split(',').map(Number);
      if (got.length > 0) expect(got[0]).toBe(0);
      for (let i = 1; i < got.length; i++) expect(got[i]!).toBeGreaterThan(got[i - 1]!);
    }
  });

  it('rejects cases that are not channel cases', async () => {
    const r = await run(async () => {
      await select([{ ch: {}, dir: 'recv' } as never]);
    });
    expect(r.error?.message).toMatch(/every case must come from ch.recvCase\(\) or ch.sendCase\(v\)/);
  });
});
