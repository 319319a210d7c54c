import { describe, expect, it } from 'vitest';
import { go, yieldNow, shared, assert, Channel, WaitGroup, sleep, select } from '../../../../src/index.js';
import { run, kinds } from '../../../helpers.js';

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

  it('two closes not ordered with each other: the panic at the second, not a race (Go checks closed first)', async () => {
    const found = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const r = await run(
        async () => {
          const ch = new Channel<number>(0, { name: 'done' });
          go(async () => ch.close(), 'stopper');
          await ch.close();
        },
        { runs: 1, firstSeed: seed },
      );
      for (const k of kinds(r)) found.add(k);
    }
    expect([...found]).toEqual(['close-of-closed-channel']);
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

  it('buffered hand-off to a blocked receiver: the send happens-before the receive, not the reverse', async () => {
    // synctest: the sender's sleep ends only once main is blocked in recv, so every schedule takes
    // the hand-off path. As in Go, it goes through the buffer slot: no edge back to the sender.
    for (let seed = 1; seed <= 20; seed++) {
      const r = await run(
        async () => {
          const v = shared('v', 0);
          const c = new Channel<number>(10);
          go(async () => {
            await sleep(1);
            await c.send(0);
            await v.write(1);
          }, 'sender');
          await v.write(2);
          await c.recv();
        },
        { runs: 1, firstSeed: seed, timeMode: 'synctest' },
      );
      expect(kinds(r)).toEqual(['data-race']);
    }
  });

  it('unbuffered hand-off to a blocked receiver synchronises both ways', async () => {
    const r = await run(
      async () => {
        const v = shared('v', 0);
        const c = new Channel<number>();
        go(async () => {
          await sleep(1);
          await c.send(0);
          await v.write(1);
        }, 'sender');
        await v.write(2);
        await c.recv();
      },
      { timeMode: 'synctest' },
    );
    expect(kinds(r)).toEqual([]);
  });

  it('a blocked sender on a full buffer hands its value over in order, and synchronises through the slot', async () => {
    const r = await run(async () => {
      const c = new Channel<number>(2);
      const x = shared('x', 0);
      await c.send(1);
      await c.send(2);
      go(async () => {
        await x.write(3);
        await c.send(3); // blocks until main receives
      }, 'sender');
      await sleep(5);
      const got = [await c.recv(), await c.recv(), await c.recv()];
      assert(got.join() === '1,2,3', `got ${got.join()}`);
      await x.read(); // the third receive takes the sender's slot: ordered after its write
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('blocked senders: any of them may be served (Go promises no order among waiters), as a recorded choice', async () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const r = await run(
        async () => {
          const ch = new Channel<string>();
          go(async () => ch.send('a'), 'a');
          go(async () => {
            await sleep(1); // in synctest mode: after 'a' has blocked
            await ch.send('b');
          }, 'b');
          await sleep(2); // both senders are parked now
          const got = [await ch.recv(), await ch.recv()];
          seen.add(got.join());
        },
        { timeMode: 'synctest', runs: 1, firstSeed: seed },
      );
      expect(r.error).toBeUndefined();
      expect(kinds(r)).toEqual([]);
    }
    expect([...seen].sort()).toEqual(['a,b', 'b,a']);
  });

  it('len and cap: counts of a buffered channel; 0 for nil; they neither race with close nor synchronise', async () => {
    const r = await run(async () => {
      const c = new Channel<number>(3);
      assert((await c.len()) === 0 && (await c.cap()) === 3);
      await c.send(1);
      await c.send(2);
      assert((await c.len()) === 2);
      await c.recv();
      assert((await c.len()) === 1);
      const nil = Channel.nil<number>();
      assert((await nil.len()) === 0 && (await nil.cap()) === 0);
      const done = new Channel<void>(2);
      go(async () => {
        await c.len();
        await done.send();
      });
      go(async () => {
        await c.close();
        await done.send();
      });
      await done.recv();
      await done.recv();
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a receive from a closed unbuffered channel returns the zero value at once, and acquires the close', async () => {
    const r = await run(async () => {
      const c = new Channel<number>();
      const x = shared('x', 0);
      go(async () => {
        await x.write(1);
        await c.close();
      });
      const { value, ok } = await c.recvOk();
      assert(value === undefined && !ok);
      assert((await c.recv()) === undefined);
      await x.write(2);
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('close wakes every blocked receiver', async () => {
    const r = await run(async () => {
      const c = new Channel<number>();
      const wg = new WaitGroup();
      await wg.add(3);
      for (let i = 0; i < 3; i++) {
        go(async () => {
          const { ok } = await c.recvOk();
          assert(!ok);
          await wg.done();
        });
      }
      await sleep(1);
      await c.close();
      await wg.wait();
    });
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('makechan: a negative size is a Go panic, a fractional one a scenario error', async () => {
    const neg = await run(async () => {
      new Channel(-1);
    });
    expect(neg.findings.map((f) => [f.kind, f.message])).toEqual([['panic', 'makechan: size out of range']]);
    const frac = await run(async () => {
      new Channel(1.5);
    });
    expect(frac.findings).toEqual([]);
    expect(frac.error?.message).toMatch(/capacity must be a whole number/);
  });

  it('a large buffer fills and drains in order', async () => {
    const r = await run(
      async () => {
        const n = 5000;
        const c = new Channel<number>(n);
        for (let i = 0; i < n; i++) await c.send(i);
        assert((await c.len()) === n);
        for (let i = 0; i < n; i++) assert((await c.recv()) === i);
      },
      { runs: 1, stepLimit: 100_000 },
    );
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
  });

  it('a deadlock report names the channel and who could still reach its other end', async () => {
    const r = await run(async () => {
      const a = new Channel<number>(0, { name: 'a' });
      const b = new Channel<number>(0, { name: 'b' });
      go(async () => {
        await b.recv();
        await a.send(1);
      }, 'worker');
      await a.recv();
    });
    expect(kinds(r)).toEqual(['deadlock']);
    const d = r.findings[0]!.details!.join('\n');
    expect(d).toContain("goroutine 'main' is blocked in receive from channel 'a'");
    expect(d).toContain("the other end of channel 'a': 'worker' (blocked in receive from channel 'b'): all of them are blocked");
    expect(d).toContain("goroutine 'worker' is blocked in receive from channel 'b'");
    expect(r.findings[0]!.threads.map((t) => t.waitingOn)).toEqual(["receive from channel 'a'", "receive from channel 'b'"]);
  });

  it('a leak report says that nobody alive can reach the other end', async () => {
    const r = await run(async () => {
      const result = new Channel<boolean>(0, { name: 'result' });
      go(async () => result.send(true), 'worker');
      // main returns without receiving
    });
    expect(kinds(r)).toEqual(['leak']);
    const f = r.findings[0]!;
    expect(f.message).toBe("goroutine 'worker' leaked: blocked forever in send on channel 'result'");
    expect(f.details).toEqual(["the other end of channel 'result': 'main' (finished): none of them is alive"]);
  });

  it('a goroutine blocked on a nil channel: the report says nothing can complete it', async () => {
    const r = await run(async () => {
      go(async () => Channel.nil<number>().send(1), 'stuck');
    });
    expect(kinds(r)).toEqual(['leak']);
    expect(r.findings[0]!.message).toContain('send on nil channel');
    expect(r.findings[0]!.details).toEqual(['a nil channel is never ready: nothing can complete this']);
  });

  it('100,000 ping-pong round trips through a select run to the end (speed: npm run bench)', async () => {
    const r = await run(
      async () => {
        const ping = new Channel<number>(0, { name: 'ping' });
        const pong = new Channel<number>(0, { name: 'pong' });
        const quit = new Channel<void>(0, { name: 'quit' });
        go(async () => {
          for (;;) {
            const got = await select([ping.recvCase(), quit.recvCase()]);
            if (got.index === 1) return;
            await pong.send((got.value as number) + 1);
          }
        }, 'ponger');
        for (let i = 0; i < 100_000; i++) {
          await ping.send(i);
          assert((await pong.recv()) === i + 1);
        }
        await quit.close();
      },
      { runs: 1, stepLimit: 2_000_000 },
    );
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(r.steps).toBeGreaterThan(300_000);
  }, 120_000);

  it('a huge buffer allocates a slot clock only when a send first uses the slot', async () => {
    const used: number[] = [];
    const r = await run(
      async () => {
        const ch = new Channel<number>(10_000_000, { name: 'big' });
        const slots = (ch as unknown as { core: { slots: unknown[] } }).core.slots;
        used.push(slots.length);
        for (let i = 0; i < 3; i++) await ch.send(i);
        for (let i = 0; i < 3; i++) assert((await ch.recv()) === i, 'FIFO');
        await ch.send(3);
        used.push(slots.length);
      },
      { runs: 3 },
    );
    expect(r.error).toBeUndefined();
    expect(kinds(r)).toEqual([]);
    expect(used).toEqual([0, 4, 0, 4, 0, 4]);
  });
});
