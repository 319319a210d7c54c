/**
 * Ports of Go's src/runtime/race/testdata/mop_test.go (memory operations), each under the Go test's
 * own name. A Go variable is a `shared(name)`; a struct or array is one `shared` per field or element
 * (Go's race detector works per memory word: `p = Point{1, 1}` writes p.x and p.y, `q := p` reads
 * them); a map is a `GoMap` (its races are simcc's `concurrent-map-write`). `_ = x` is a read.
 * An expression's operands are read in Go's evaluation order, one scheduling point each.
 */
import { describe } from 'vitest';
import { Channel, GoMap, Mutex, WaitGroup, assert, go, panic, shared, yieldNow, type Shared } from '../../../src/index.js';
import { noRace, race } from './helpers.js';

/** A struct value: one variable per field, named `${name}.${field}`. */
function struct<K extends string>(name: string, fields: Record<K, unknown>): Record<K, Shared<unknown>> {
  const out = {} as Record<K, Shared<unknown>>;
  for (const k of Object.keys(fields) as K[]) out[k] = shared(`${name}.${k}`, fields[k]);
  return out;
}

/** An array or slice's elements: `${name}[i]`. */
function array<T>(name: string, n: number, zero: T): Shared<T>[] {
  return Array.from({ length: n }, (_, i) => shared(`${name}[${i}]`, zero));
}

/** Reads (Go's copy of) every field. */
async function readAll(fields: Record<string, Shared<unknown>> | Shared<unknown>[]): Promise<void> {
  for (const f of Object.values(fields)) await f.read();
}

/** Writes every field (a whole-struct assignment). */
async function writeAll(fields: Record<string, Shared<unknown>> | Shared<unknown>[], v: unknown = 0): Promise<void> {
  for (const f of Object.values(fields)) await f.write(v);
}

describe('mop_test.go', () => {
  // var GlobalX, GlobalY int; var GlobalCh chan int = make(chan int, 2)
  // func GlobalFunc1() { GlobalY = GlobalX; GlobalCh <- 1 }
  // func GlobalFunc2() { GlobalX = 1; GlobalCh <- 1 }
  // go GlobalFunc1(); go GlobalFunc2(); <-GlobalCh; <-GlobalCh
  race('TestRaceIntRWGlobalFuncs', 'GlobalX', async () => {
    const GlobalX = shared('GlobalX', 0);
    const GlobalY = shared('GlobalY', 0);
    const GlobalCh = new Channel<number>(2, { name: 'GlobalCh' });
    const GlobalFunc1 = async () => {
      await GlobalY.write(await GlobalX.read());
      await GlobalCh.send(1);
    };
    const GlobalFunc2 = async () => {
      await GlobalX.write(1);
      await GlobalCh.send(1);
    };
    go(GlobalFunc1, 'GlobalFunc1');
    go(GlobalFunc2, 'GlobalFunc2');
    await GlobalCh.recv();
    await GlobalCh.recv();
  });

  // go func() { y = x; ch <- 1 }(); go func() { x = 1; ch <- 1 }(); <-ch; <-ch
  race('TestRaceIntRWClosures', 'x', async () => {
    const x = shared('x', 0);
    const y = shared('y', 0);
    const ch = new Channel<number>(2, { name: 'ch' });
    go(async () => {
      await y.write(await x.read());
      await ch.send(1);
    });
    go(async () => {
      await x.write(1);
      await ch.send(1);
    });
    await ch.recv();
    await ch.recv();
  });

  // ch := make(chan int, 1); go func() { y = x; ch <- 1 }(); <-ch; go func() { x = 1; ch <- 1 }(); <-ch
  noRace('TestNoRaceIntRWClosures', async () => {
    const x = shared('x', 0);
    const y = shared('y', 0);
    const ch = new Channel<number>(1, { name: 'ch' });
    go(async () => {
      await y.write(await x.read());
      await ch.send(1);
    });
    await ch.recv();
    go(async () => {
      await x.write(1);
      await ch.send(1);
    });
    await ch.recv();
  });

  // as TestRaceIntRWClosures, with int32 and chan bool
  race('TestRaceInt32RWClosures', 'x', async () => {
    const x = shared('x', 0);
    const y = shared('y', 0);
    const ch = new Channel<boolean>(2, { name: 'ch' });
    go(async () => {
      await y.write(await x.read());
      await ch.send(true);
    });
    go(async () => {
      await x.write(1);
      await ch.send(true);
    });
    await ch.recv();
    await ch.recv();
  });

  // var y int; for x := -1; x <= 1; x++ { switch { case x < 0: y = -1; case x == 0: y = 0; case x > 0: y = 1 } }; y++
  noRace('TestNoRaceCase', async () => {
    const y = shared('y', 0);
    for (let x = -1; x <= 1; x++) {
      if (x < 0) await y.write(-1);
      else if (x === 0) await y.write(0);
      else await y.write(1);
    }
    await y.update((v) => v + 1);
  });

  // go func() { x = 2; ch <- 1 }(); go func() { switch x < 2 { case true: x = 1 }; ch <- 1 }()
  race('TestRaceCaseCondition', 'x', async () => {
    const x = shared('x', 0);
    const ch = new Channel<number>(2, { name: 'ch' });
    go(async () => {
      await x.write(2);
      await ch.send(1);
    });
    go(async () => {
      if ((await x.read()) < 2) await x.write(1);
      await ch.send(1);
    });
    await ch.recv();
    await ch.recv();
  });

  // ... switch x < 2 { case true: x = 1; case false: x = 5 }
  race('TestRaceCaseCondition2', 'x', async () => {
    const x = shared('x', 0);
    const ch = new Channel<number>(2, { name: 'ch' });
    go(async () => {
      await x.write(2);
      await ch.send(1);
    });
    go(async () => {
      if ((await x.read()) < 2) await x.write(1);
      else await x.write(5);
      await ch.send(1);
    });
    await ch.recv();
    await ch.recv();
  });

  // go func() { y = x; ch <- 1 }(); go func() { switch { default: x = 1; case x == 100: x = -x }; ch <- 1 }()
  race('TestRaceCaseBody', 'x', async () => {
    const x = shared('x', 0);
    const y = shared('y', 0);
    const ch = new Channel<number>(2, { name: 'ch' });
    go(async () => {
      await y.write(await x.read());
      await ch.send(1);
    });
    go(async () => {
      if ((await x.read()) === 100) await x.write(-(await x.read()));
      else await x.write(1);
      await ch.send(1);
    });
    await ch.recv();
    await ch.recv();
  });

  // z = 1; go func() { y = x; ch <- 1 }(); go func() { switch { case z == 1: ; case z == 2: x = 2 }; ch <- 1 }()
  noRace('TestNoRaceCaseFallthrough', async () => {
    const x = shared('x', 0);
    const y = shared('y', 0);
    const z = shared('z', 0);
    const ch = new Channel<number>(2, { name: 'ch' });
    await z.write(1);
    go(async () => {
      await y.write(await x.read());
      await ch.send(1);
    });
    go(async () => {
      if ((await z.read()) === 1) {
        // empty case
      } else if ((await z.read()) === 2) await x.write(2);
      await ch.send(1);
    });
    await ch.recv();
    await ch.recv();
  });

  // ... switch { case z == 1: fallthrough; case z == 2: x = 2 }
  race('TestRaceCaseFallthrough', 'x', async () => {
    const x = shared('x', 0);
    const y = shared('y', 0);
    const z = shared('z', 0);
    const ch = new Channel<number>(2, { name: 'ch' });
    await z.write(1);
    go(async () => {
      await y.write(await x.read());
      await ch.send(1);
    });
    go(async () => {
      if ((await z.read()) === 1 || (await z.read()) === 2) await x.write(2); // fallthrough into case z == 2's body
      await ch.send(1);
    });
    await ch.recv();
    await ch.recv();
  });

  // m := map[string]map[string]string{"a": {"b": "c"}}
  // go func() { m["a"]["x"] = "y"; ch <- 1 }(); switch m["a"]["b"] {}; <-ch
  race(
    'TestRaceCaseIssue6418',
    'm["a"]',
    async () => {
      const m = new GoMap<string, GoMap<string, string>>('m');
      const inner = new GoMap<string, string>('m["a"]');
      await inner.set('b', 'c');
      await m.set('a', inner);
      const ch = new Channel<number>(0, { name: 'ch' });
      go(async () => {
        await (await m.get('a'))!.set('x', 'y');
        await ch.send(1);
      });
      await (await m.get('a'))!.get('b');
      await ch.recv();
    },
    { kind: 'concurrent-map-write' },
  );

  // var i any = x; go func() { switch i.(type) { case nil: case int: }; c <- 1 }(); i = y; <-c
  race('TestRaceCaseType', 'i', async () => {
    const x = shared('x', 0);
    const y = shared('y', 0);
    const i = shared<unknown>('i', await x.read());
    const c = new Channel<number>(1, { name: 'c' });
    go(async () => {
      const v = await i.read();
      if (v === null) {
        // case nil
      } else if (typeof v === 'number') {
        // case int
      }
      await c.send(1);
    });
    await i.write(await y.read());
    await c.recv();
  });

  // var i any = &x; go func() { switch i := i.(type) { case nil: case *int: *i = y }; c <- 1 }(); x = y; <-c
  race('TestRaceCaseTypeBody', 'x', async () => {
    const x = shared('x', 0);
    const y = shared('y', 0);
    const i = shared<unknown>('i', x); // &x
    const c = new Channel<number>(1, { name: 'c' });
    go(async () => {
      const p = await i.read();
      if (p instanceof Object && 'write' in p) await (p as Shared<number>).write(await y.read());
      await c.send(1);
    });
    await x.write(await y.read());
    await c.recv();
  });

  // m := make(map[int]map[int]any); m[0] = make(map[int]any)
  // go func() { switch i := m[0][1].(type) { case nil: case *int: *i = x }; c <- 1 }(); m[0][1] = y; <-c
  race(
    'TestRaceCaseTypeIssue5890',
    'm[0]',
    async () => {
      const x = shared('x', 0);
      const y = shared('y', 0);
      const m = new GoMap<number, GoMap<number, unknown>>('m');
      await m.set(0, new GoMap<number, unknown>('m[0]'));
      const c = new Channel<number>(1, { name: 'c' });
      go(async () => {
        const i = await (await m.get(0))!.get(1);
        if (i !== undefined) await (i as Shared<number>).write(await x.read());
        await c.send(1);
      });
      await (await m.get(0))!.set(1, await y.read());
      await c.recv();
    },
    { kind: 'concurrent-map-write' },
  );

  // ch := make(chan int, 3); a := [...]int{1, 2, 3}; for _, v := range a { ch <- v }; close(ch)
  noRace('TestNoRaceRange', async () => {
    const ch = new Channel<number>(3, { name: 'ch' });
    const a = [shared('a[0]', 1), shared('a[1]', 2), shared('a[2]', 3)];
    for (const e of a) await ch.send(await e.read());
    await ch.close();
  });

  // const N = 2; var a [N]int; var x, y int; done := make(chan bool, N); var i, v int
  // for i, v = range a { go func(i int) { if i == 0 { x = v } else { y = v }; done <- true }(i); runtime.Gosched() }
  // for i := 0; i < N; i++ { <-done }
  race('TestRaceRange', 'v', async () => {
    const N = 2;
    const a = array('a', N, 0);
    const x = shared('x', 0);
    const y = shared('y', 0);
    const done = new Channel<boolean>(N, { name: 'done' });
    const v = shared('v', 0);
    for (let i = 0; i < N; i++) {
      await v.write(await a[i]!.read()); // the range statement assigns v
      const arg = i;
      go(async () => {
        if (arg === 0) await x.write(await v.read());
        else await y.write(await v.read());
        await done.send(true);
      });
      await yieldNow();
    }
    for (let i = 0; i < N; i++) await done.recv();
  });

  // c := make(chan int); x := 0; go func() { c <- x }(); for x = 42; false; {}; <-c
  race('TestRaceForInit', 'x', async () => {
    const c = new Channel<number>(0, { name: 'c' });
    const x = shared('x', 0);
    go(async () => {
      await c.send(await x.read());
    });
    await x.write(42);
    await c.recv();
  });

  // go func() { for { _, ok := <-c; if !ok { done <- true; return }; x++ } }()
  // i := 0; for x = 42; i < 10; i++ { c <- true }; close(c); <-done
  noRace('TestNoRaceForInit', async () => {
    const done = new Channel<boolean>(0, { name: 'done' });
    const c = new Channel<boolean>(0, { name: 'c' });
    const x = shared('x', 0);
    go(async () => {
      for (;;) {
        const { ok } = await c.recvOk();
        if (!ok) {
          await done.send(true);
          return;
        }
        await x.update((v) => v + 1);
      }
    });
    let i = 0;
    for (await x.write(42); i < 10; i++) await c.send(true);
    await c.close();
    await done.recv();
  });

  // go func() { for { _, ok := <-c; if !ok { done <- true; return }; stop = true } }()
  // for !stop { c <- true }; close(c); <-done
  race('TestRaceForTest', 'stop', async () => {
    const done = new Channel<boolean>(0, { name: 'done' });
    const c = new Channel<boolean>(0, { name: 'c' });
    const stop = shared('stop', false);
    go(async () => {
      for (;;) {
        const { ok } = await c.recvOk();
        if (!ok) {
          await done.send(true);
          return;
        }
        await stop.write(true);
      }
    });
    while (!(await stop.read())) await c.send(true);
    await c.close();
    await done.recv();
  });

  // go func() { for { _, ok := <-c; if !ok { done <- true; return }; x++ } }()
  // for i := 0; i < 10; x++ { i++; c <- true }; close(c); <-done
  race('TestRaceForIncr', 'x', async () => {
    const done = new Channel<boolean>(0, { name: 'done' });
    const c = new Channel<boolean>(0, { name: 'c' });
    const x = shared('x', 0);
    go(async () => {
      for (;;) {
        const { ok } = await c.recvOk();
        if (!ok) {
          await done.send(true);
          return;
        }
        await x.update((v) => v + 1);
      }
    });
    for (let i = 0; i < 10; await x.update((v) => v + 1)) {
      i++;
      await c.send(true);
    }
    await c.close();
    await done.recv();
  });

  // go func() { x++; done <- true }(); for i := 0; i < 0; x++ {}; <-done
  noRace('TestNoRaceForIncr', async () => {
    const done = new Channel<boolean>(0, { name: 'done' });
    const x = shared('x', 0);
    go(async () => {
      await x.update((v) => v + 1);
      await done.send(true);
    });
    for (let i = 0; i < 0; await x.update((v) => v + 1)) {
      // never runs: the post statement x++ is never executed
    }
    await done.recv();
  });

  // go func() { y = x + z; ch <- 1 }(); go func() { y = x + z + z; ch <- 1 }()
  race('TestRacePlus', 'y', async () => {
    const x = shared('x', 0);
    const y = shared('y', 0);
    const z = shared('z', 0);
    const ch = new Channel<number>(2, { name: 'ch' });
    go(async () => {
      await y.write((await x.read()) + (await z.read()));
      await ch.send(1);
    });
    go(async () => {
      await y.write((await x.read()) + (await z.read()) + (await z.read()));
      await ch.send(1);
    });
    await ch.recv();
    await ch.recv();
  });

  // go func() { x = 1; ch <- 1 }(); go func() { y = +x + z; ch <- 1 }()
  race('TestRacePlus2', 'x', async () => {
    const x = shared('x', 0);
    const y = shared('y', 0);
    const z = shared('z', 0);
    const ch = new Channel<number>(2, { name: 'ch' });
    go(async () => {
      await x.write(1);
      await ch.send(1);
    });
    go(async () => {
      await y.write(+(await x.read()) + (await z.read()));
      await ch.send(1);
    });
    await ch.recv();
    await ch.recv();
  });

  // go func() { y = x + z; ch <- 1 }(); go func() { f = z + x; ch <- 1 }()
  noRace('TestNoRacePlus', async () => {
    const x = shared('x', 0);
    const y = shared('y', 0);
    const z = shared('z', 0);
    const f = shared('f', 0);
    const ch = new Channel<number>(2, { name: 'ch' });
    go(async () => {
      await y.write((await x.read()) + (await z.read()));
      await ch.send(1);
    });
    go(async () => {
      await f.write((await z.read()) + (await x.read()));
      await ch.send(1);
    });
    await ch.recv();
    await ch.recv();
  });

  // go func() { x = ^y; ch <- 1 }(); go func() { y = ^z; ch <- 1 }()
  race('TestRaceComplement', 'y', async () => {
    const x = shared('x', 0);
    const y = shared('y', 0);
    const z = shared('z', 0);
    const ch = new Channel<number>(2, { name: 'ch' });
    go(async () => {
      await x.write(~(await y.read()));
      await ch.send(1);
    });
    go(async () => {
      await y.write(~(await z.read()));
      await ch.send(1);
    });
    await ch.recv();
    await ch.recv();
  });

  /** TestRaceDiv, DivConst, Mod, ModConst, Rotate: go func() { x = <expr of y> }(); go func() { y = z }() */
  function exprOfY(name: string, expr: (y: number, z: () => Promise<number>) => Promise<number>): void {
    race(name, 'y', async () => {
      const x = shared('x', 0);
      const y = shared('y', 0);
      const z = shared('z', 0);
      const ch = new Channel<number>(2, { name: 'ch' });
      go(async () => {
        await x.write(await expr(await y.read(), () => z.read()));
        await ch.send(1);
      });
      go(async () => {
        await y.write(await z.read());
        await ch.send(1);
      });
      await ch.recv();
      await ch.recv();
    });
  }
  exprOfY('TestRaceDiv', async (y, z) => Math.trunc(y / ((await z()) + 1))); // x = y / (z + 1)
  exprOfY('TestRaceDivConst', async (y) => Math.trunc(y / 3)); // x = y / 3
  exprOfY('TestRaceMod', async (y, z) => y % ((await z()) + 1)); // x = y % (z + 1)
  exprOfY('TestRaceModConst', async (y) => y % 3); // x = y % 3
  exprOfY('TestRaceRotate', async (y) => ((y << 12) | (y >>> 20)) >>> 0); // x = y<<12 | y>>20

  // go func() { emptyFunc(x); ch <- true }(); x = 1; <-ch
  race('TestRaceFuncArgument', 'x', async () => {
    const x = shared('x', 0);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const emptyFunc = (_: number) => {};
    go(async () => {
      emptyFunc(await x.read());
      await ch.send(true);
    });
    await x.write(1);
    await ch.recv();
  });

  // go func() { x = 42; ch <- true }(); go func(y int) { ch <- true }(x); <-ch; <-ch
  race('TestRaceFuncArgument2', 'x', async () => {
    const x = shared('x', 0);
    const ch = new Channel<boolean>(2, { name: 'ch' });
    go(async () => {
      await x.write(42);
      await ch.send(true);
    });
    const y = await x.read(); // the go statement evaluates its argument in the caller
    go(async () => {
      void y;
      await ch.send(true);
    });
    await ch.recv();
    await ch.recv();
  });

  // go func() { fmt.Sprint(x); ch <- true }(); x = 1; <-ch
  race('TestRaceSprint', 'x', async () => {
    const x = shared('x', 0);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      String(await x.read());
      await ch.send(true);
    });
    await x.write(1);
    await ch.recv();
  });

  // var a [5]int; go func() { a[3] = 1; ch <- true }(); a = [5]int{1, 2, 3, 4, 5}; <-ch
  race('TestRaceArrayCopy', 'a[3]', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const a = array('a', 5, 0);
    go(async () => {
      await a[3]!.write(1);
      await ch.send(true);
    });
    for (let i = 0; i < 5; i++) await a[i]!.write(i + 1);
    await ch.recv();
  });

  // p := Point{0, 0}; go func() { p = Point{1, 1}; ch <- true }(); q := p; <-ch; p = q
  race('TestRaceStructRW', ['p.x', 'p.y'], async () => {
    const p = struct('p', { x: 0, y: 0 });
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await writeAll(p, 1);
      await ch.send(true);
    });
    const q = { x: await p.x.read(), y: await p.y.read() };
    await ch.recv();
    await p.x.write(q.x);
    await p.y.write(q.y);
  });

  // go func() { p.x = 1; ch <- true }(); _ = p.x; <-ch
  race('TestRaceStructFieldRW1', 'p.x', async () => {
    const p = struct('p', { x: 0, y: 0 });
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await p.x.write(1);
      await ch.send(true);
    });
    await p.x.read();
    await ch.recv();
  });

  // go func() { p.x = 1; ch <- true }(); p.y = 1; <-ch; _ = p
  noRace('TestNoRaceStructFieldRW1', async () => {
    const p = struct('p', { x: 0, y: 0 });
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await p.x.write(1);
      await ch.send(true);
    });
    await p.y.write(1);
    await ch.recv();
    await readAll(p);
  });

  // Same as TestNoRaceStructFieldRW1 but (in the original comment) through a pointer: both goroutines read p.
  noRace('TestNoRaceStructFieldRW2', async () => {
    const point = struct('*p', { x: 0, y: 0 });
    const p = shared('p', point);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await (await p.read()).x.write(1);
      await ch.send(true);
    });
    await (await p.read()).y.write(1);
    await ch.recv();
    await readAll(await p.read());
  });

  // p := &Point{0, 0}; go func() { p.x = 1; ch <- true }(); _ = p.x; <-ch
  race('TestRaceStructFieldRW2', 'p.x', async () => {
    const p = shared('p', struct('p', { x: 0, y: 0 }));
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await (await p.read()).x.write(1);
      await ch.send(true);
    });
    await (await p.read()).x.read();
    await ch.recv();
  });

  // p := NamedPoint{name: "a", p: Point{0, 0}}; go func() { p.p.x = 1; ch <- true }(); _ = p.p.x; <-ch
  race('TestRaceStructFieldRW3', 'p.p.x', async () => {
    const p = { name: shared('p.name', 'a'), p: struct('p.p', { x: 0, y: 0 }) };
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await p.p.x.write(1);
      await ch.send(true);
    });
    await p.p.x.read();
    await ch.recv();
  });

  // var a, b any; go func() { a = 1; ch <- true }(); a = 2; <-ch; _, _ = a, b
  race('TestRaceEfaceWW', 'a', async () => {
    const a = shared<unknown>('a', null);
    const b = shared<unknown>('b', null);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await a.write(1);
      await ch.send(true);
    });
    await a.write(2);
    await ch.recv();
    await a.read();
    await b.read();
  });

  // var a, b Writer; go func() { a = DummyWriter{1}; ch <- true }(); a = DummyWriter{2}; <-ch; b = a; a = b
  race('TestRaceIfaceWW', 'a', async () => {
    const a = shared<unknown>('a', null);
    const b = shared<unknown>('b', null);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await a.write({ state: 1 });
      await ch.send(true);
    });
    await a.write({ state: 2 });
    await ch.recv();
    await b.write(await a.read());
    await a.write(await b.read());
  });

  // a = DummyWriter{1}; go func() { a = DummyWriter{1}; ch <- true }(); _ = a == b; <-ch
  race('TestRaceIfaceCmp', 'a', async () => {
    const a = shared<unknown>('a', null);
    const b = shared<unknown>('b', null);
    await a.write({ state: 1 });
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await a.write({ state: 1 });
      await ch.send(true);
    });
    void ((await a.read()) === (await b.read()));
    await ch.recv();
  });

  // a = DummyWriter{1}; go func() { a = DummyWriter{1}; ch <- true }(); _ = a == nil; <-ch
  race('TestRaceIfaceCmpNil', 'a', async () => {
    const a = shared<unknown>('a', null);
    await a.write({ state: 1 });
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await a.write({ state: 1 });
      await ch.send(true);
    });
    void ((await a.read()) === null);
    await ch.recv();
  });

  // c := make(chan bool); v := 0; go func() { go func(x any) {}(v); c <- true }(); v = 42; <-c
  race('TestRaceEfaceConv', 'v', async () => {
    const c = new Channel<boolean>(0, { name: 'c' });
    const v = shared('v', 0);
    go(async () => {
      const x = await v.read();
      go(async () => void x);
      await c.send(true);
    });
    await v.write(42);
    await c.recv();
  });

  // f := &OsFile{}; go func() { go func(x IoReader) {}(f); c <- true }(); f = &OsFile{}; <-c
  race('TestRaceIfaceConv', 'f', async () => {
    const c = new Channel<boolean>(0, { name: 'c' });
    const f = shared('f', {});
    go(async () => {
      const x = await f.read();
      go(async () => void x);
      await c.send(true);
    });
    await f.write({});
    await c.recv();
  });

  // var err error; go func() { err = nil; ch <- true }(); _ = err; <-ch
  race('TestRaceError', 'err', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const err = shared<Error | null>('err', null);
    go(async () => {
      await err.write(null);
      await ch.send(true);
    });
    await err.read();
    await ch.recv();
  });

  // var p *int = &x; go func() { *p = 5; ch <- true }(); y = *p; x = y; <-ch
  race('TestRaceIntptrRW', 'x', async () => {
    const x = shared('x', 0);
    const y = shared('y', 0);
    const p = shared('p', x);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await (await p.read()).write(5);
      await ch.send(true);
    });
    await y.write(await (await p.read()).read());
    await x.write(await y.read());
    await ch.recv();
  });

  // s := ""; go func() { s = "abacaba"; ch <- true }(); _ = s; <-ch
  race('TestRaceStringRW', 's', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const s = shared('s', '');
    go(async () => {
      await s.write('abacaba');
      await ch.send(true);
    });
    await s.read();
    await ch.recv();
  });

  // var x string; p := &x; go func() { *p = "a"; ch <- true }(); _ = *p; <-ch
  race('TestRaceStringPtrRW', 'x', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const x = shared('x', '');
    const p = shared('p', x);
    go(async () => {
      await (await p.read()).write('a');
      await ch.send(true);
    });
    await (await p.read()).read();
    await ch.recv();
  });

  // go func() { x = 1.0; ch <- true }(); x = 1.0; <-ch; y = x; x = y
  race('TestRaceFloat64WW', 'x', async () => {
    const x = shared('x', 0.0);
    const y = shared('y', 0.0);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await x.write(1.0);
      await ch.send(true);
    });
    await x.write(1.0);
    await ch.recv();
    await y.write(await x.read());
    await x.write(await y.read());
  });

  // var x, y complex128; go func() { x = 2 + 2i; ch <- true }(); x = 4 + 4i; <-ch; y = x; x = y
  race('TestRaceComplex128WW', 'x', async () => {
    const x = shared('x', { re: 0, im: 0 });
    const y = shared('y', { re: 0, im: 0 });
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await x.write({ re: 2, im: 2 });
      await ch.send(true);
    });
    await x.write({ re: 4, im: 4 });
    await ch.recv();
    await y.write(await x.read());
    await x.write(await y.read());
  });

  // x, y, z = 1, 2, 3; var p unsafe.Pointer = unsafe.Pointer(&x)
  // go func() { p = (unsafe.Pointer)(&z); ch <- true }(); y = *(*int)(p); x = y; <-ch
  // (the race is on the pointer variable p itself; unsafe.Pointer is only its type)
  race('TestRaceUnsafePtrRW', 'p', async () => {
    const x = shared('x', 1);
    const y = shared('y', 2);
    const z = shared('z', 3);
    const p = shared('p', x);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await p.write(z);
      await ch.send(true);
    });
    await y.write(await (await p.read()).read());
    await x.write(await y.read());
    await ch.recv();
  });

  // f = func(x int) int { return x * x }; go func() { f = func(x int) int { return x }; ch <- true }(); y := f(1); <-ch
  race('TestRaceFuncVariableRW', 'f', async () => {
    const f = shared('f', (x: number) => x * x);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await f.write((x: number) => x);
      await ch.send(true);
    });
    const y = (await f.read())(1);
    await ch.recv();
    const x = y;
    void x;
  });

  // go func() { f = func(x int) int { return x }; ch <- true }(); f = func(x int) int { return x * x }; <-ch
  race('TestRaceFuncVariableWW', 'f', async () => {
    const f = shared<((x: number) => number) | null>('f', null);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await f.write((x: number) => x);
      await ch.send(true);
    });
    await f.write((x: number) => x * x);
    await ch.recv();
  });

  // Two goroutines divide by zero, recover, and each writes x = 1 / x = 2 in its deferred function.
  race('TestRacePanic', 'x', async () => {
    const x = shared('x', 0);
    const zero = shared('zero', 0);
    const ch = new Channel<boolean>(2, { name: 'ch' });
    for (const value of [1, 2]) {
      go(async () => {
        try {
          const z = await zero.read();
          if (z === 0) panic('runtime error: integer divide by zero'); // var y int = 1 / zero
          await zero.write(1 / z);
        } catch {
          // defer func() { err := recover(); ...; x = value; ch <- true }()
          await x.write(value);
          await ch.send(true);
        }
      });
    }
    await ch.recv();
    await ch.recv();
    assert((await zero.read()) === 0, 'zero has changed');
  });

  // var a [5]int; go func() { _, _ = a[0], a[1]; ch <- true }(); _, _ = a[2], a[3]; <-ch; a[1] = a[0]
  noRace('TestNoRaceBlank', async () => {
    const a = array('a', 5, 0);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await a[0]!.read();
      await a[1]!.read();
      await ch.send(true);
    });
    await a[2]!.read();
    await a[3]!.read();
    await ch.recv();
    await a[1]!.write(await a[0]!.read());
  });

  // a := make([]int, 10); go func() { _ = append(a, 1); ch <- true }(); a[0] = 1; <-ch
  // (a is full: append copies its 10 elements into a new array)
  race('TestRaceAppendRW', 'a[0]', async () => {
    const a = array('a', 10, 0);
    const ch = new Channel<boolean>(0, { name: 'ch' });
    go(async () => {
      const copied: number[] = [];
      for (const e of a) copied.push(await e.read());
      copied.push(1);
      await ch.send(true);
    });
    await a[0]!.write(1);
    await ch.recv();
  });

  // a := make([]int, 0); go func() { a = append(a, 1); ch <- true }(); _ = len(a); <-ch
  race('TestRaceAppendLenRW', 'a', async () => {
    const a = shared<number[]>('a', []);
    const ch = new Channel<boolean>(0, { name: 'ch' });
    go(async () => {
      await a.write([...(await a.read()), 1]);
      await ch.send(true);
    });
    void (await a.read()).length;
    await ch.recv();
  });

  // ... _ = cap(a)
  race('TestRaceAppendCapRW', 'a', async () => {
    const a = shared<number[]>('a', []);
    const ch = new Channel<string>(0, { name: 'ch' });
    go(async () => {
      await a.write([...(await a.read()), 1]);
      await ch.send('');
    });
    void (await a.read()).length; // cap(a): a read of the slice header
    await ch.recv();
  });

  // var x byte; go func(y byte) { _ = y; ch <- 0 }(x); x = 1; <-ch
  noRace('TestNoRaceFuncArgsRW', async () => {
    const ch = new Channel<number>(1, { name: 'ch' });
    const x = shared('x', 0);
    const y = await x.read(); // evaluated by the go statement, in the caller
    go(async () => {
      void y;
      await ch.send(0);
    });
    await x.write(1);
    await ch.recv();
  });

  // go func(y *byte) { _ = *y; ch <- 0 }(&x); x = 1; <-ch
  race('TestRaceFuncArgsRW', 'x', async () => {
    const ch = new Channel<number>(1, { name: 'ch' });
    const x = shared('x', 0);
    const y = x; // &x
    go(async () => {
      await y.read();
      await ch.send(0);
    });
    await x.write(1);
    await ch.recv();
  });

  // Unprotected concurrent access to seen[] from the goroutines of a recursive crawler.
  race(
    'TestRaceCrawl',
    'seen',
    async () => {
      const url = 'dummyurl';
      const depth = 3;
      const seen = new GoMap<string, boolean>('seen');
      const ch = new Channel<number>(100, { name: 'ch' });
      const wg = new WaitGroup({ name: 'wg' });
      const crawl = async (u: string, d: number): Promise<void> => {
        let nurl = 0;
        try {
          await seen.set(u, true);
          if (d <= 0) {
            await wg.done();
            return;
          }
          const urls = ['a', 'b', 'c'];
          for (const uu of urls) {
            if (!(await seen.has(uu))) {
              await wg.add(1);
              go(() => crawl(uu, d - 1), `crawl(${uu}, ${d - 1})`);
              nurl++;
            }
          }
          await wg.done();
        } finally {
          await ch.send(nurl); // defer func() { ch <- nurl }()
        }
      };
      await wg.add(1);
      go(() => crawl(url, depth), 'crawl(dummyurl)');
      await wg.wait();
    },
    { kind: 'concurrent-map-write' },
  );

  // var y int; var x *int = &y; go func() { *x = 1; ch <- struct{}{} }(); *x = 2; <-ch; _ = *x
  race('TestRaceIndirection', 'y', async () => {
    const ch = new Channel<object>(1, { name: 'ch' });
    const y = shared('y', 0);
    const x = shared('x', y);
    go(async () => {
      await (await x.read()).write(1);
      await ch.send({});
    });
    await (await x.read()).write(2);
    await ch.recv();
    await (await x.read()).read();
  });

  // var x rune; go func() { x = 1; c <- true }(); _ = x; <-c
  race('TestRaceRune', 'x', async () => {
    const c = new Channel<boolean>(0, { name: 'c' });
    const x = shared('x', 0);
    go(async () => {
      await x.write(1);
      await c.send(true);
    });
    await x.read();
    await c.recv();
  });

  // var x any; go func() { x = nil; c <- true }(); _ = x; <-c
  race('TestRaceEmptyInterface1', 'x', async () => {
    const c = new Channel<boolean>(0, { name: 'c' });
    const x = shared<unknown>('x', null);
    go(async () => {
      await x.write(null);
      await c.send(true);
    });
    await x.read();
    await c.recv();
  });

  // var x any; go func() { x = &Point{}; c <- true }(); _ = x; <-c
  race('TestRaceEmptyInterface2', 'x', async () => {
    const c = new Channel<boolean>(0, { name: 'c' });
    const x = shared<unknown>('x', null);
    go(async () => {
      await x.write({ x: 0, y: 0 });
      await c.send(true);
    });
    await x.read();
    await c.recv();
  });

  // go func() { var x int; comm <- &x; x = 1; x = *(<-comm); done <- true }()
  // go func() { p := <-comm; *p = 2; comm <- p; done <- true }()
  race('TestRaceTLS', 'x', async () => {
    const comm = new Channel<Shared<number>>(0, { name: 'comm' });
    const done = new Channel<boolean>(2, { name: 'done' });
    go(async () => {
      const x = shared('x', 0);
      await comm.send(x);
      await x.write(1);
      await x.write(await (await comm.recv())!.read());
      await done.send(true);
    });
    go(async () => {
      const p = (await comm.recv())!;
      await p.write(2);
      await comm.send(p);
      await done.send(true);
    });
    await done.recv();
    await done.recv();
  });

  /** The short-circuit tests: go func() { <v> = 1; c <- true }(); if <cond> {}; <-c */
  function shortCircuit(name: string, written: 'x' | 'y', cond: (x: () => Promise<number>, y: () => Promise<number>) => Promise<boolean>): void {
    const body = async () => {
      const c = new Channel<boolean>(0, { name: 'c' });
      const x = shared('x', 0);
      const y = shared('y', 0);
      go(async () => {
        await (written === 'x' ? x : y).write(1);
        await c.send(true);
      });
      if (await cond(() => x.read(), () => y.read())) {
        // empty
      }
      await c.recv();
    };
    if (name.startsWith('TestRace')) race(name, written, body);
    else noRace(name, body);
  }
  shortCircuit('TestRaceAnd', 'x', async (x, y) => (await x()) === 1 && (await y()) === 1);
  shortCircuit('TestRaceAnd2', 'x', async (x, y) => (await y()) === 0 && (await x()) === 1);
  shortCircuit('TestNoRaceAnd', 'x', async (x, y) => (await y()) === 1 && (await x()) === 1);
  shortCircuit('TestRaceOr', 'x', async (x, y) => (await x()) === 1 || (await y()) === 1);
  shortCircuit('TestRaceOr2', 'x', async (x, y) => (await y()) === 1 || (await x()) === 1);
  shortCircuit('TestNoRaceOr', 'x', async (x, y) => (await y()) === 0 || (await x()) === 1);
  shortCircuit('TestNoRaceShortCalc', 'y', async (x, y) => (await x()) === 0 || (await y()) === 0);
  shortCircuit('TestNoRaceShortCalc2', 'y', async (x, y) => (await x()) === 1 && (await y()) === 0);

  // f := func() {}; go func() { f(); c <- true }(); f = func() {}; <-c
  race('TestRaceFuncItself', 'f', async () => {
    const c = new Channel<boolean>(0, { name: 'c' });
    const f = shared('f', () => {});
    go(async () => {
      (await f.read())();
      await c.send(true);
    });
    await f.write(() => {});
    await c.recv();
  });

  // go func() { mu.Lock(); x = 42; mu.Unlock(); ch <- true }()
  // x = func(mu *sync.Mutex) int { mu.Lock(); return 43 }(&mu); mu.Unlock(); <-ch
  noRace('TestNoRaceFuncUnlock', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const mu = new Mutex({ name: 'mu' });
    const x = shared('x', 0);
    go(async () => {
      await mu.lock();
      await x.write(42);
      await mu.unlock();
      await ch.send(true);
    });
    await x.write(
      await (async (m: Mutex) => {
        await m.lock();
        return 43;
      })(mu),
    );
    await mu.unlock();
    await ch.recv();
  });

  // go func() { y = 42; c <- true }(); x := X{x: y}; _ = x; <-c
  race('TestRaceStructInit', 'y', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const y = shared('y', 0);
    go(async () => {
      await y.write(42);
      await c.send(true);
    });
    const x = { x: await y.read(), y: 0 };
    void x;
    await c.recv();
  });

  // ... x := []int{0, y, 42}
  race('TestRaceArrayInit', 'y', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const y = shared('y', 0);
    go(async () => {
      await y.write(42);
      await c.send(true);
    });
    const x = [0, await y.read(), 42];
    void x;
    await c.recv();
  });

  // ... x := map[int]int{0: 42, y: 42}
  race('TestRaceMapInit', 'y', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const y = shared('y', 0);
    go(async () => {
      await y.write(42);
      await c.send(true);
    });
    const x = new GoMap<number, number>('x');
    await x.set(0, 42);
    await x.set(await y.read(), 42);
    await c.recv();
  });

  // ... x := map[int]int{0: 42, 42: y}
  race('TestRaceMapInit2', 'y', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const y = shared('y', 0);
    go(async () => {
      await y.write(42);
      await c.send(true);
    });
    const x = new GoMap<number, number>('x');
    await x.set(0, 42);
    await x.set(42, await y.read());
    await c.recv();
  });

  // p := InterImpl{}; var x Inter = p; go func() { p2 := InterImpl{}; x = p2; c <- true }(); x.Foo(0); <-c
  race('TestRaceInterCall', 'x', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const Foo = (_: number) => {};
    const x = shared('x', { Foo });
    go(async () => {
      await x.write({ Foo });
      await c.send(true);
    });
    (await x.read()).Foo(0);
    await c.recv();
  });

  // var x Inter = p; z := 0; go func() { z = 42; c <- true }(); x.Foo(z); <-c
  race('TestRaceInterCall2', 'z', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const x = shared('x', { Foo: (_: number) => {} });
    const z = shared('z', 0);
    go(async () => {
      await z.write(42);
      await c.send(true);
    });
    (await x.read()).Foo(await z.read());
    await c.recv();
  });

  // f := func(x, y int) {}; x, y := 0, 0; go func() { y = 42; c <- true }(); f(x, y); <-c
  race('TestRaceFuncCall', 'y', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const f = (_x: number, _y: number) => {};
    const x = shared('x', 0);
    const y = shared('y', 0);
    go(async () => {
      await y.write(42);
      await c.send(true);
    });
    f(await x.read(), await y.read());
    await c.recv();
  });

  // i := InterImpl{}; go func() { i.x = 42; c <- true }(); i.Foo(x); <-c   (value receiver: copies i)
  race('TestRaceMethodCall', 'i.x', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const i = struct('i', { x: 0, y: 0 });
    const x = shared('x', 0);
    go(async () => {
      await i.x.write(42);
      await c.send(true);
    });
    const receiver = { x: await i.x.read(), y: await i.y.read() };
    void [receiver, await x.read()];
    await c.recv();
  });

  // i := &InterImpl{}; go func() { i = &InterImpl{}; c <- true }(); i.Foo(0); <-c
  race('TestRaceMethodCall2', 'i', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const i = shared('i', struct('*i', { x: 0, y: 0 }));
    go(async () => {
      await i.write(struct('*i2', { x: 0, y: 0 }));
      await c.send(true);
    });
    await readAll(await i.read()); // (*i).Foo(0): the value receiver is a copy of *i
    await c.recv();
  });

  // Method value with concrete value receiver: go func() { i = InterImpl{}; c <- true }(); _ = i.Foo; <-c
  race('TestRaceMethodValue', ['i.x', 'i.y'], async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const i = struct('i', { x: 0, y: 0 });
    go(async () => {
      await writeAll(i, 0);
      await c.send(true);
    });
    await readAll(i); // the method value binds a copy of i
    await c.recv();
  });

  // Method value with interface receiver: var i Inter = InterImpl{}; go func() { i = InterImpl{}; ... }(); _ = i.Foo
  race('TestRaceMethodValue2', 'i', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const i = shared('i', { x: 0, y: 0 });
    go(async () => {
      await i.write({ x: 0, y: 0 });
      await c.send(true);
    });
    await i.read();
    await c.recv();
  });

  // Method value with implicit dereference: i := &InterImpl{}; go func() { *i = InterImpl{}; ... }(); _ = i.Foo
  race('TestRaceMethodValue3', ['*i.x', '*i.y'], async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const i = shared('i', struct('*i', { x: 0, y: 0 }));
    go(async () => {
      await writeAll(await i.read(), 0);
      await c.send(true);
    });
    await readAll(await i.read()); // dereferences i
    await c.recv();
  });

  // Method value implicitly taking receiver address: i := InterImpl2{}; go func() { i = InterImpl2{}; ... }();
  // _ = i.Foo  (takes the address of i only: no access to i's memory)
  noRace('TestNoRaceMethodValue', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const i = struct('i', { x: 0, y: 0 });
    go(async () => {
      await writeAll(i, 0);
      await c.send(true);
    });
    const method = () => i; // &i, bound: nothing is read
    void method;
    await c.recv();
  });

  // err := errors.New("err"); go func() { err = errors.New("err2"); c <- true }()
  // defer func() { recover(); <-c }(); panic(err)
  race('TestRacePanicArg', 'err', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const err = shared('err', new Error('err'));
    go(async () => {
      await err.write(new Error('err2'));
      await c.send(true);
    });
    try {
      panic((await err.read()).message);
    } catch {
      // recover()
    } finally {
      await c.recv();
    }
  });

  // go func() { x = 42; c <- true }(); func() { defer func(x int) {}(x) }(); <-c
  race('TestRaceDeferArg', 'x', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const x = shared('x', 0);
    go(async () => {
      await x.write(42);
      await c.send(true);
    });
    await (async () => {
      const arg = await x.read(); // a deferred call's arguments are evaluated at the defer
      try {
        // body
      } finally {
        void arg;
      }
    })();
    await c.recv();
  });

  // var x DeferT; go func() { var y DeferT; x = y; c <- true }(); func() { defer x.Foo() }(); <-c
  race('TestRaceDeferArg2', 'x', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const x = shared('x', 0);
    go(async () => {
      const y = 0;
      await x.write(y);
      await c.send(true);
    });
    await (async () => {
      const receiver = await x.read(); // the value receiver of the deferred call
      try {
        // body
      } finally {
        void receiver;
      }
    })();
    await c.recv();
  });

  // go func() { x = 42; c <- true }(); _ = &x; <-c
  noRace('TestNoRaceAddrExpr', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const x = shared('x', 0);
    go(async () => {
      await x.write(42);
      await c.send(true);
    });
    const p = x; // &x: no access
    void p;
    await c.recv();
  });

  // a := AddrT2{p: &AddrT{x: 42}}; go func() { a.p = &AddrT{x: 43}; c <- true }(); _ = &a.p.x; <-c
  race('TestRaceAddrExpr', 'a.p', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const a = { p: shared('a.p', { x: shared('*a.p.x', 42) }) };
    go(async () => {
      await a.p.write({ x: shared('new.x', 43) });
      await c.send(true);
    });
    const addr = (await a.p.read()).x; // &a.p.x reads a.p
    void addr;
    await c.recv();
  });

  // var i any = x; go func() { y := 0; i = y; c <- true }(); _ = i.(int); <-c
  race('TestRaceTypeAssert', 'i', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const i = shared<unknown>('i', 0);
    go(async () => {
      await i.write(0);
      await c.send(true);
    });
    assert(typeof (await i.read()) === 'number', 'i.(int) panics');
    await c.recv();
  });

  // go func() { x = 42; c <- true }(); x, y = y, x; <-c
  race('TestRaceBlockAs', 'x', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const x = shared('x', 0);
    const y = shared('y', 0);
    go(async () => {
      await x.write(42);
      await c.send(true);
    });
    const [nx, ny] = [await y.read(), await x.read()];
    await x.write(nx);
    await y.write(ny);
    await c.recv();
  });

  /**
   * TestRaceBlockCall1-6: go func() { x, y = f(); done <- true }(); _ = <one of them>; <-done; check.
   * The six differ in which result is a pointer (*int) and which variable main reads first.
   */
  function blockCall(name: string, pointer: 'x' | 'y' | null, readFirst: 'x' | 'y'): void {
    race(name, readFirst, async () => {
      const done = new Channel<boolean>(0, { name: 'done' });
      const box = (v: number) => shared('i', v); // i := 42; return &i
      const x = shared<unknown>('x', pointer === 'x' ? null : 0);
      const y = shared<unknown>('y', pointer === 'y' ? null : 0);
      go(async () => {
        const f = (): [unknown, unknown] => [pointer === 'x' ? box(42) : 42, pointer === 'y' ? box(43) : 43];
        const [fx, fy] = f();
        await x.write(fx);
        await y.write(fy);
        await done.send(true);
      });
      await (readFirst === 'x' ? x : y).read();
      await done.recv();
      const deref = async (v: unknown) => (v instanceof Object ? await (v as Shared<number>).read() : v);
      assert((await deref(await x.read())) === 42 && (await deref(await y.read())) === 43, 'corrupted data');
    });
  }
  blockCall('TestRaceBlockCall1', null, 'x');
  blockCall('TestRaceBlockCall2', null, 'y');
  blockCall('TestRaceBlockCall3', 'x', 'x');
  blockCall('TestRaceBlockCall4', 'y', 'y');
  blockCall('TestRaceBlockCall5', 'x', 'y');
  blockCall('TestRaceBlockCall6', 'y', 'x');

  // x := make([]int, 10); go func() { x = make([]int, 20); c <- true }(); _ = x[2:3]; <-c
  race('TestRaceSliceSlice', 'x', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const x = shared('x', new Array<number>(10).fill(0));
    go(async () => {
      await x.write(new Array<number>(20).fill(0));
      await c.send(true);
    });
    void (await x.read()).slice(2, 3);
    await c.recv();
  });

  // i := 2; go func() { i = 3; c <- true }(); _ = x[i:4]; <-c
  race('TestRaceSliceSlice2', 'i', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const x = shared('x', new Array<number>(10).fill(0));
    const i = shared('i', 2);
    go(async () => {
      await i.write(3);
      await c.send(true);
    });
    void (await x.read()).slice(await i.read(), 4);
    await c.recv();
  });

  // x := "hello"; go func() { x = "world"; c <- true }(); _ = x[2:3]; <-c
  race('TestRaceSliceString', 'x', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const x = shared('x', 'hello');
    go(async () => {
      await x.write('world');
      await c.send(true);
    });
    void (await x.read()).slice(2, 3);
    await c.recv();
  });

  // x := make([]X, 10); go func() { y := make([]X, 10); copy(y, x); c <- true }(); x[1].y = 42; <-c
  race('TestRaceSliceStruct', 'x[1].y', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const x = Array.from({ length: 10 }, (_, k) => struct(`x[${k}]`, { x: 0, y: 0 }));
    go(async () => {
      for (const e of x) await readAll(e); // copy(y, x)
      await c.send(true);
    });
    await x[1]!.y.write(42);
    await c.recv();
  });

  // go func() { y := make([]X, 0, 10); y = append(y, x...); c <- true }(); x[1].y = 42; <-c
  race('TestRaceAppendSliceStruct', 'x[1].y', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const x = Array.from({ length: 10 }, (_, k) => struct(`x[${k}]`, { x: 0, y: 0 }));
    go(async () => {
      for (const e of x) await readAll(e); // append(y, x...)
      await c.send(true);
    });
    await x[1]!.y.write(42);
    await c.recv();
  });

  // i := Item{}; go func(p *Item) { *p = Item{}; c <- true }(&i); i.y = 42; <-c
  race('TestRaceStructInd', 'i.y', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const i = struct('i', { x: 0, y: 0 });
    const p = i;
    go(async () => {
      await writeAll(p, 0);
      await c.send(true);
    });
    await i.y.write(42);
    await c.recv();
  });

  // var s []byte; go func() { var err error; s, err = func() ([]byte, error) {...}(); c <- true }(); _ = string(s); <-c
  race('TestRaceAsFunc1', 's', async () => {
    const s = shared<string | null>('s', null);
    const c = new Channel<boolean>(1, { name: 'c' });
    go(async () => {
      const [t, err] = (() => ['hello world', null] as const)();
      await s.write(t);
      void err;
      await c.send(true);
    });
    String(await s.read());
    await c.recv();
  });

  // go func() { func(x int) {}(x); c <- true }(); x = 42; <-c
  race('TestRaceAsFunc2', 'x', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const x = shared('x', 0);
    go(async () => {
      ((_: number) => {})(await x.read());
      await c.send(true);
    });
    await x.write(42);
    await c.recv();
  });

  // go func() { func(x int) { mu.Lock() }(x); mu.Unlock(); c <- true }()  // read of x is outside the mutex
  // mu.Lock(); x = 42; mu.Unlock(); <-c
  race('TestRaceAsFunc3', 'x', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const mu = new Mutex({ name: 'mu' });
    const x = shared('x', 0);
    go(async () => {
      await (async (_: number) => {
        await mu.lock();
      })(await x.read());
      await mu.unlock();
      await c.send(true);
    });
    await mu.lock();
    await x.write(42);
    await mu.unlock();
    await c.recv();
  });

  // go func() { x = func() int { mu.Lock(); return 42 }(); mu.Unlock(); c <- true }()  // write of x under the mutex
  // mu.Lock(); x = 42; mu.Unlock(); <-c
  noRace('TestNoRaceAsFunc4', async () => {
    const c = new Channel<boolean>(1, { name: 'c' });
    const mu = new Mutex({ name: 'mu' });
    const x = shared('x', 0);
    go(async () => {
      await x.write(
        await (async () => {
          await mu.lock();
          return 42;
        })(),
      );
      await mu.unlock();
      await c.send(true);
    });
    await mu.lock();
    await x.write(42);
    await mu.unlock();
    await c.recv();
  });

  // x := func() (x int) { go func() { x = 42; done <- true }(); return }(); _ = x; <-done
  race('TestRaceHeapParam', 'x', async () => {
    const done = new Channel<boolean>(0, { name: 'done' });
    const x = await (async () => {
      const result = shared('x', 0); // the named result escapes to the heap
      go(async () => {
        await result.write(42);
        await done.send(true);
      });
      return result.read(); // return: reads the result
    })();
    void x;
    await done.recv();
  });

  // var y Y; go func() { x := y.x; c <- x }(); y.y = 42; <-c   (X embeds an empty struct)
  noRace('TestNoRaceEmptyStruct', async () => {
    const c = new Channel<unknown>(0, { name: 'c' });
    const y = { x: { y: shared('y.x.y', 0) }, y: shared('y.y', 0) };
    go(async () => {
      const x = { y: await y.x.y.read() };
      await c.send(x);
    });
    await y.y.write(42);
    await c.recv();
  });

  // var y Y; go func() { c <- y }(); y.x.y = 42; <-c
  race('TestRaceNestedStruct', 'y.x.y', async () => {
    const c = new Channel<unknown>(0, { name: 'c' });
    const y = { x: struct('y.x', { x: 0, y: 0 }) };
    go(async () => {
      await c.send({ x: await y.x.x.read(), y: await y.x.y.read() });
    });
    await y.x.y.write(42);
    await c.recv();
  });

  /**
   * testRaceRead (TestRaceIssue5567, TestRaceIssue51618): a goroutine reads a file chunk by chunk into
   * one buffer b and sends b[:n] on `in`; main hashes each chunk while the reader overwrites b with
   * the next one. The file is an in-memory one of three 17-byte chunks; Read and ReadAt both write b.
   */
  function testRaceRead(name: string, pread: boolean): void {
    race(name, 'b', async () => {
      const file = ['Friends, Romans, ', 'countrymen, lend ', 'me your ears;'];
      const inCh = new Channel<Shared<string>>(0, { name: 'in' });
      const res = new Channel<Error | null>(0, { name: 'res' });
      go(async () => {
        const err: Error | null = null;
        const b = shared('b', ''); // b := make([]byte, 17): the race is on this buffer
        let total = 0;
        for (let chunk = 0; chunk < file.length; chunk++) {
          const n = file[chunk]!.length;
          // pread: n, err = f.ReadAt(b, int64(total)); else n, err = f.Read(b): both write b
          await b.write(pread ? file.join('').slice(total, total + n) : file[chunk]!);
          total += n;
          if (n > 0) await inCh.send(b); // in <- b[:n]
        }
        await inCh.close(); // deferred
        await res.send(err);
      });
      let h = 0;
      for await (const b of inCh) for (const ch of await b.read()) h = (h * 31 + ch.charCodeAt(0)) >>> 0; // h.Write(b)
      void h;
      assert((await res.recv()) === null, 'read error');
    });
  }
  testRaceRead('TestRaceIssue5567', false);
  testRaceRead('TestRaceIssue51618', true);

  // m := make(map[int]map[int]int); m[0] = make(map[int]int); go func() { _ = len(m[0]); ch <- 0 }(); m[0][0] = 1; <-ch
  race(
    'TestRaceUnaddressableMapLen',
    'm[0]',
    async () => {
      const m = new GoMap<number, GoMap<number, number>>('m');
      const ch = new Channel<number>(1, { name: 'ch' });
      await m.set(0, new GoMap<number, number>('m[0]'));
      go(async () => {
        await (await m.get(0))!.size();
        await ch.send(0);
      });
      await (await m.get(0))!.set(0, 1);
      await ch.recv();
    },
    { kind: 'concurrent-map-write' },
  );

  // type P struct { x, y int }; type S struct { s1, s2 P }
  const newS = (name: string) => ({ s1: struct(`${name}.s1`, { x: 0, y: 0 }), s2: struct(`${name}.s2`, { x: 0, y: 0 }) });

  // go func() { s.s2.x = 1; ch <- true }(); s.s2.y = 2; <-ch
  noRace('TestNoRaceComp', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const s = newS('s');
    go(async () => {
      await s.s2.x.write(1);
      await ch.send(true);
    });
    await s.s2.y.write(2);
    await ch.recv();
  });

  // go func() { s.s1.x = 1; ch <- true }(); s.s1.y = 2; <-ch
  noRace('TestNoRaceComp2', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const s = newS('s');
    go(async () => {
      await s.s1.x.write(1);
      await ch.send(true);
    });
    await s.s1.y.write(2);
    await ch.recv();
  });

  // go func() { s.s2.y = 1; ch <- true }(); s.s2.y = 2; <-ch
  race('TestRaceComp', 's.s2.y', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const s = newS('s');
    go(async () => {
      await s.s2.y.write(1);
      await ch.send(true);
    });
    await s.s2.y.write(2);
    await ch.recv();
  });

  // go func() { s.s1.x = 1; ch <- true }(); s = S{}; <-ch
  race('TestRaceComp2', 's.s1.x', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const s = newS('s');
    go(async () => {
      await s.s1.x.write(1);
      await ch.send(true);
    });
    await writeAll(s.s1);
    await writeAll(s.s2);
    await ch.recv();
  });

  // go func() { s.s2.y = 1; ch <- true }(); s = S{}; <-ch
  race('TestRaceComp3', 's.s2.y', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const s = newS('s');
    go(async () => {
      await s.s2.y.write(1);
      await ch.send(true);
    });
    await writeAll(s.s1);
    await writeAll(s.s2);
    await ch.recv();
  });

  // s := make([]S, 10); x := 4; go func() { s[x].s2.y = 1; ch <- true }(); x = 5; <-ch
  race('TestRaceCompArray', 'x', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const s = Array.from({ length: 10 }, (_, k) => newS(`s[${k}]`));
    const x = shared('x', 4);
    go(async () => {
      await s[await x.read()]!.s2.y.write(1);
      await ch.send(true);
    });
    await x.write(5);
    await ch.recv();
  });

  // type P2 P; var p P2; go func() { p.x = 1; ch <- true }(); _ = P(p).x; <-ch
  race('TestRaceConv1', 'p.x', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const p = struct('p', { x: 0, y: 0 });
    go(async () => {
      await p.x.write(1);
      await ch.send(true);
    });
    await p.x.read();
    await ch.recv();
  });

  // ... ptr := &p; _ = P(*ptr).x
  race('TestRaceConv2', 'p.x', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const p = struct('p', { x: 0, y: 0 });
    go(async () => {
      await p.x.write(1);
      await ch.send(true);
    });
    const ptr = p;
    await ptr.x.read();
    await ch.recv();
  });

  // type S2 S; var s S2; go func() { s.s1.x = 1; ch <- true }(); _ = P2(S(s).s1).x; <-ch
  race('TestRaceConv3', 's.s1.x', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const s = newS('s');
    go(async () => {
      await s.s1.x.write(1);
      await ch.send(true);
    });
    await s.s1.x.read();
    await ch.recv();
  });

  // type X struct { V [4]P }; type X2 X; var x X2; go func() { x.V[1].x = 1; ch <- true }(); _ = P2(X(x).V[1]).x; <-ch
  race('TestRaceConv4', 'x.V[1].x', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const x = { V: Array.from({ length: 4 }, (_, k) => struct(`x.V[${k}]`, { x: 0, y: 0 })) };
    go(async () => {
      await x.V[1]!.x.write(1);
      await ch.send(true);
    });
    await x.V[1]!.x.read();
    await ch.recv();
  });

  // type Ptr struct { s1, s2 *P }
  const newPtr = () => ({ s1: shared('p.s1', struct('*p.s1', { x: 0, y: 0 })), s2: shared('p.s2', struct('*p.s2', { x: 0, y: 0 })) });

  // p := Ptr{&P{}, &P{}}; go func() { p.s1.x = 1; ch <- true }(); p.s1.y = 2; <-ch
  noRace('TestNoRaceCompPtr', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const p = newPtr();
    go(async () => {
      await (await p.s1.read()).x.write(1);
      await ch.send(true);
    });
    await (await p.s1.read()).y.write(2);
    await ch.recv();
  });

  // go func() { p.s1.x = 1; ch <- true }(); _ = p; <-ch
  noRace('TestNoRaceCompPtr2', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const p = newPtr();
    go(async () => {
      await (await p.s1.read()).x.write(1);
      await ch.send(true);
    });
    await p.s1.read();
    await p.s2.read();
    await ch.recv();
  });

  // go func() { p.s2.x = 1; ch <- true }(); p.s2.x = 2; <-ch
  race('TestRaceCompPtr', '*p.s2.x', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const p = newPtr();
    go(async () => {
      await (await p.s2.read()).x.write(1);
      await ch.send(true);
    });
    await (await p.s2.read()).x.write(2);
    await ch.recv();
  });

  // go func() { p.s2.x = 1; ch <- true }(); p.s2 = &P{}; <-ch
  race('TestRaceCompPtr2', 'p.s2', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const p = newPtr();
    go(async () => {
      await (await p.s2.read()).x.write(1);
      await ch.send(true);
    });
    await p.s2.write(struct('new P', { x: 0, y: 0 }));
    await ch.recv();
  });

  // type Base int; func (b *Base) Foo() int; func (b Base) Bar() int
  // type Derived struct { pad int; Base }; go func() { _ = d.Foo(); done <- true }(); d = Derived{}; <-done
  // (Foo has a pointer receiver: d.Foo() takes &d.Base and reads nothing)
  noRace('TestNoRaceMethodThunk', async () => {
    const d = struct('d', { pad: 0, Base: 0 });
    const done = new Channel<boolean>(0, { name: 'done' });
    go(async () => {
      const Foo = (_b: Shared<unknown>) => 42;
      void Foo(d.Base);
      await done.send(true);
    });
    await writeAll(d, 0);
    await done.recv();
  });

  // type Derived struct { pad int; *Base }; go func() { _ = d.Foo(); done <- true }(); d = Derived{}; <-done
  // (d.Foo() reads the embedded pointer d.Base)
  race('TestRaceMethodThunk', 'd.Base', async () => {
    const d = struct('d', { pad: 0, Base: null });
    const done = new Channel<boolean>(0, { name: 'done' });
    go(async () => {
      await d.Base.read();
      await done.send(true);
    });
    await writeAll(d, null);
    await done.recv();
  });

  // Derived embeds Base by value; _ = d.Bar() (value receiver: reads d.Base); d = Derived{}
  race('TestRaceMethodThunk2', 'd.Base', async () => {
    const d = struct('d', { pad: 0, Base: 0 });
    const done = new Channel<boolean>(0, { name: 'done' });
    go(async () => {
      await d.Base.read();
      await done.send(true);
    });
    await writeAll(d, 0);
    await done.recv();
  });

  // Derived embeds *Base; d.Base = new(Base); go func() { _ = d.Bar(); ... }(); d.Base = new(Base)
  race('TestRaceMethodThunk3', 'd.Base', async () => {
    const d = { pad: shared('d.pad', 0), Base: shared('d.Base', shared('*d.Base', 0)) };
    const done = new Channel<boolean>(0, { name: 'done' });
    go(async () => {
      await (await d.Base.read()).read(); // d.Bar(): reads d.Base, then *d.Base
      await done.send(true);
    });
    await d.Base.write(shared('new(Base)', 0));
    await done.recv();
  });

  // ... go func() { _ = d.Bar(); ... }(); *(*int)(d.Base) = 42
  race('TestRaceMethodThunk4', '*d.Base', async () => {
    const d = { pad: shared('d.pad', 0), Base: shared('d.Base', shared('*d.Base', 0)) };
    const done = new Channel<boolean>(0, { name: 'done' });
    go(async () => {
      await (await d.Base.read()).read();
      await done.send(true);
    });
    await (await d.Base.read()).write(42);
    await done.recv();
  });

  // var issue12664 = "hi"; go func() { issue12664 = "bye"; close(c) }(); i := MyI(issue12664); _ = i; <-c
  race('TestRaceIssue12664', 'issue12664', async () => {
    const issue12664 = shared('issue12664', 'hi');
    const c = new Channel<object>(0, { name: 'c' });
    go(async () => {
      await issue12664.write('bye');
      await c.close();
    });
    const i = { value: await issue12664.read() }; // conversion to an interface copies the value
    void i;
    await c.recv();
  });
});
