import { describe, expect, it } from 'vitest';
import { go, yieldNow, shared, assert, Channel, select, WaitGroup } from '../../../src/index.js';
import { run, kinds } from '../../helpers.js';

describe('Channel', () => {
  it('unbuffered ping-pong: values arrive in order, no race through the hand-offs', async () => {
    const r = await run(async () => {
      const ping = new Channel<number>(0, { name: 'ping' });
      const pong = new Channel<void>(0, { name: 'pong' });
      const x = shared('x', 0);
      go(async () => {
        for (let i = 1; i <= 3; i++) {
          await x.write(i);
          await ping.send(i);
          await pong.recv();
        }
      }, 'sender');
      for (let i = 1; i <= 3; i++) {
        const v = await ping.recv();
        assert(v === i, `got ${v}`);
        assert((await x.read()) === i);
        await pong.send(undefined);
      }
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('unbuffered: the receive happens-before the send completes', async () => {
    const r = await run(async () => {
      const ch = new Channel<number>();
      const x = shared('x', 0);
      go(async () => {
        await x.write(1);
        await ch.recv();
      });
      await ch.send(0);
      await x.read(); // ordered after the worker's write by the rendezvous
    });
    expect(kinds(r)).toEqual([]);
  });

  it('buffered: a send does not order a later access before the receive (race)', async () => {
    const r = await run(async () => {
      const ch = new Channel<number>(1);
      const x = shared('x', 0);
      go(async () => {
        await x.write(1);
        await ch.recv();
      });
      await ch.send(0);
      await x.read();
    });
    expect(kinds(r)).toEqual(['data-race']);
  });

  it('a buffered channel used as a semaphore raises no false race', async () => {
    const r = await run(async () => {
      const sem = new Channel<void>(1, { name: 'sem' });
      const x = shared('x', 0);
      const wg = new WaitGroup();
      await wg.add(3);
      for (let i = 0; i < 3; i++) {
        go(async () => {
          await sem.send(undefined);
          await x.update((v) => v + 1);
          await sem.recv();
          await wg.done();
        });
      }
      await wg.wait();
      assert((await x.read()) === 3);
    });
    expect(kinds(r)).toEqual([]);
  });

  it('close: receivers drain the buffer, then get ok=false; ranging stops', async () => {
    const r = await run(async () => {
      const ch = new Channel<number>(3);
      await ch.send(1);
      await ch.send(2);
      await ch.close();
      const got: number[] = [];
      for await (const v of ch) got.push(v);
      assert(got.join() === '1,2');
      const { value, ok } = await ch.recvOk();
      assert(value === undefined && ok === false);
      assert((await ch.len()) === 0 && (await ch.cap()) === 3);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('panics with Go text: close of closed, close of nil, send on closed', async () => {
    const twice = await run(async () => {
      const ch = new Channel();
      await ch.close();
      await ch.close();
    });
    expect(twice.findings.map((f) => [f.kind, f.message])).toEqual([['close-of-closed-channel', 'close of closed channel']]);
    const nil = await run(async () => Channel.nil().close());
    expect(nil.findings.map((f) => [f.kind, f.message])).toEqual([['close-of-nil-channel', 'close of nil channel']]);
    const send = await run(async () => {
      const ch = new Channel(1);
      await ch.close();
      await ch.send(1);
    });
    expect(send.findings.map((f) => [f.kind, f.message])).toEqual([['send-on-closed-channel', 'send on closed channel']]);
  });

  it('a blocked sender is woken by close: the unordered send and close are a race, as in Go', async () => {
    const r = await run(async () => {
      const ch = new Channel<number>();
      const done = new Channel<boolean>();
      go(async () => {
        try {
          await ch.send(1);
          await done.send(false);
        } catch {
          await done.send(true);
        }
      });
      await yieldNow();
      await ch.close();
      await done.recv();
    });
    expect(kinds(r)).toEqual(['data-race']);
    expect(r.findings[0]!.message).toMatch(/^data race on channel '.*': (write|read) by goroutine/);
  });

  it('a panic from a send on a closed channel can be recovered', async () => {
    const r = await run(async () => {
      const ch = new Channel<number>(1);
      await ch.close();
      try {
        await ch.send(1);
        assert(false, 'send on a closed channel must panic');
      } catch {
        /* recovered */
      }
    });
    expect(kinds(r)).toEqual([]);
  });

  it('a send not ordered before a close is a data race even when it does not panic', async () => {
    const r = await run(async () => {
      const ch = new Channel<number>(1);
      go(async () => ch.send(1));
      await ch.close();
    });
    expect(kinds(r)).toContain('data-race');
  });

  it('operations on a nil channel block forever: deadlock', async () => {
    const r = await run(async () => {
      await Channel.nil<number>().recv();
    });
    expect(kinds(r)).toEqual(['deadlock']);
    expect(r.findings[0]!.threads[0]!.waitingOn).toBe('receive from nil channel');
  });

  it('FIFO: blocked receivers are served in arrival order', async () => {
    const r = await run(async () => {
      const ch = new Channel<number>();
      const out = new Channel<string>(2);
      go(async () => out.send(`a${await ch.recv()}`), 'a');
      await yieldNow();
      await yieldNow();
      go(async () => out.send(`b${await ch.recv()}`), 'b');
      await yieldNow();
      await yieldNow();
      await ch.send(1);
      await ch.send(2);
      const got = [await out.recv(), await out.recv()].sort().join();
      assert(got === 'a1,b2' || got === 'a2,b1');
    });
    expect(kinds(r)).toEqual([]);
  });
});

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
          seen.add(r.index);
        },
        { runs: 1, firstSeed: seed },
      );
    }
    expect(seen).toEqual(new Set([0, 1]));
  });

  it('takes default when nothing is ready, and a nil case is never ready', async () => {
    const r = await run(async () => {
      const c = Channel.nil<number>();
      const res = await select([c.recvCase(), c.sendCase(1)], { default: true });
      assert(res.index === -1);
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
});
