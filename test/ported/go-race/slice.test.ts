/**
 * Ports of Go's src/runtime/race/testdata/slice_test.go, each under the Go test's own name.
 * A slice's elements are one `shared` each (`a[i]`); the slice header (pointer, len, cap) is a
 * `shared` of its own where a test assigns the slice variable. `len`/`cap` read only the header, as
 * in Go, so they do not race with element writes. copy and append read (and write) each element.
 */
import { describe } from 'vitest';
import { Channel, WaitGroup, go, shared, type Shared } from '../../../src/index.js';
import { noRace, race } from './helpers.js';

function slice<T>(name: string, n: number, zero: T): Shared<T>[] {
  return Array.from({ length: n }, (_, i) => shared(`${name}[${i}]`, zero));
}

/** copy(dst, src): reads src[i], writes dst[i], for i < min(len(dst), len(src)). */
async function copySlice<T>(dst: Shared<T>[], src: Shared<T>[]): Promise<void> {
  for (let i = 0; i < Math.min(dst.length, src.length); i++) await dst[i]!.write(await src[i]!.read());
}

describe('slice_test.go', () => {
  // a := make([]int, 2); go func() { a[1] = 1; ch <- true }(); _ = a[1]; <-ch
  race('TestRaceSliceRW', 'a[1]', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const a = slice('a', 2, 0);
    go(async () => {
      await a[1]!.write(1);
      await ch.send(true);
    });
    await a[1]!.read();
    await ch.recv();
  });

  // go func() { a[0] = 1; ch <- true }(); _ = a[1]; <-ch
  noRace('TestNoRaceSliceRW', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const a = slice('a', 2, 0);
    go(async () => {
      await a[0]!.write(1);
      await ch.send(true);
    });
    await a[1]!.read();
    await ch.recv();
  });

  // a := make([]int, 10); go func() { a[1] = 1; ch <- true }(); a[1] = 2; <-ch
  race('TestRaceSliceWW', 'a[1]', async () => {
    const a = slice('a', 10, 0);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await a[1]!.write(1);
      await ch.send(true);
    });
    await a[1]!.write(2);
    await ch.recv();
  });

  // var a [5]int; go func() { a[0] = 1; ch <- true }(); a[1] = 2; <-ch
  noRace('TestNoRaceArrayWW', async () => {
    const a = slice('a', 5, 0);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await a[0]!.write(1);
      await ch.send(true);
    });
    await a[1]!.write(2);
    await ch.recv();
  });

  // var a [5]int; go func() { a[1] = 1; ch <- true }(); a[1] = 2; <-ch
  race('TestRaceArrayWW', 'a[1]', async () => {
    const a = slice('a', 5, 0);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await a[1]!.write(1);
      await ch.send(true);
    });
    await a[1]!.write(2);
    await ch.recv();
  });

  // a := make([]bool, 1); go func() { a[0] = true; ch <- true }(); _ = len(a); <-ch
  noRace('TestNoRaceSliceWriteLen', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const header = shared('a', slice('a', 1, false));
    go(async () => {
      await (await header.read())[0]!.write(true);
      await ch.send(true);
    });
    void (await header.read()).length;
    await ch.recv();
  });

  // a := make([]uint64, 100); go func() { a[50] = 123; ch <- true }(); _ = cap(a); <-ch
  noRace('TestNoRaceSliceWriteCap', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const header = shared('a', slice('a', 100, 0));
    go(async () => {
      await (await header.read())[50]!.write(123);
      await ch.send(true);
    });
    void (await header.read()).length; // cap(a) reads the header
    await ch.recv();
  });

  // go func() { _ = a[5]; ch <- true }(); copy(a, b); <-ch
  race('TestRaceSliceCopyRead', 'a[5]', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const a = slice('a', 10, 0);
    const b = slice('b', 10, 0);
    go(async () => {
      await a[5]!.read();
      await ch.send(true);
    });
    await copySlice(a, b);
    await ch.recv();
  });

  // go func() { a[5] = 1; ch <- true }(); copy(a[:5], b[:5]); <-ch
  noRace('TestNoRaceSliceWriteCopy', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const a = slice('a', 10, 0);
    const b = slice('b', 10, 0);
    go(async () => {
      await a[5]!.write(1);
      await ch.send(true);
    });
    await copySlice(a.slice(0, 5), b.slice(0, 5));
    await ch.recv();
  });

  // go func() { b[5] = 1; ch <- true }(); copy(a, b); <-ch
  race('TestRaceSliceCopyWrite2', 'b[5]', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const a = slice('a', 10, 0);
    const b = slice('b', 10, 0);
    go(async () => {
      await b[5]!.write(1);
      await ch.send(true);
    });
    await copySlice(a, b);
    await ch.recv();
  });

  // a := make([]byte, 10); go func() { a[7] = 1; ch <- true }(); copy(a, "qwertyqwerty"); <-ch
  race('TestRaceSliceCopyWrite3', 'a[7]', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const a = slice('a', 10, 0);
    go(async () => {
      await a[7]!.write(1);
      await ch.send(true);
    });
    const src = 'qwertyqwerty';
    for (let i = 0; i < Math.min(a.length, src.length); i++) await a[i]!.write(src.charCodeAt(i));
    await ch.recv();
  });

  // go func() { _ = b[5]; ch <- true }(); copy(a, b); <-ch
  noRace('TestNoRaceSliceCopyRead', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const a = slice('a', 10, 0);
    const b = slice('b', 10, 0);
    go(async () => {
      await b[5]!.read();
      await ch.send(true);
    });
    await copySlice(a, b);
    await ch.recv();
  });

  // a := make([]int, 10, 20); go func() { _ = append(a, 1); ch <- true }(); _ = append(a, 2); <-ch
  // (both appends fit in the capacity: both write a[10] of the shared backing array)
  race('TestRaceSliceAppend', 'a[10]', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const backing = slice('a', 20, 0);
    go(async () => {
      await backing[10]!.write(1);
      await ch.send(true);
    });
    await backing[10]!.write(2);
    await ch.recv();
  });

  // a := make([]int, 10); go func() { a[0] = 1; ch <- true }(); _ = append(a, 2); <-ch
  // (a is full: append copies its elements to a new array)
  race('TestRaceSliceAppendWrite', 'a[0]', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const a = slice('a', 10, 0);
    go(async () => {
      await a[0]!.write(1);
      await ch.send(true);
    });
    for (const e of a) await e.read();
    await ch.recv();
  });

  // a := make([]int, 10); b := make([]int, 10); go func() { _ = append(a, b...); ch <- true }(); b[0] = 1; <-ch
  race('TestRaceSliceAppendSlice2', 'b[0]', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const a = slice('a', 10, 0);
    const b = slice('b', 10, 0);
    go(async () => {
      for (const e of [...a, ...b]) await e.read();
      await ch.send(true);
    });
    await b[0]!.write(1);
    await ch.recv();
  });

  // a := make([]byte, 10); go func() { _ = append(a, "qwerty"...); ch <- true }(); a[0] = 1; <-ch
  race('TestRaceSliceAppendString', 'a[0]', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const a = slice('a', 10, 0);
    go(async () => {
      for (const e of a) await e.read();
      await ch.send(true);
    });
    await a[0]!.write(1);
    await ch.recv();
  });

  // a := make([]int, 10); v := 0; go func() { _ = v; ch <- true }(); _ = a[v]; <-ch
  noRace('TestNoRaceSliceIndexAccess', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const a = slice('a', 10, 0);
    const v = shared('v', 0);
    go(async () => {
      await v.read();
      await ch.send(true);
    });
    await a[await v.read()]!.read();
    await ch.recv();
  });

  // go func() { v = 1; ch <- true }(); _ = a[v]; <-ch
  race('TestRaceSliceIndexAccess', 'v', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const a = slice('a', 10, 0);
    const v = shared('v', 0);
    go(async () => {
      await v.write(1);
      await ch.send(true);
    });
    await a[await v.read()]!.read();
    await ch.recv();
  });

  // c := make(chan string); s := make([]byte, 10); go func() { c <- string(s) }(); s[0] = 42; <-c
  race('TestRaceSliceByteToString', 's[0]', async () => {
    const c = new Channel<string>(0, { name: 'c' });
    const s = slice('s', 10, 0);
    go(async () => {
      const bytes: number[] = [];
      for (const e of s) bytes.push(await e.read());
      await c.send(String.fromCharCode(...bytes));
    });
    await s[0]!.write(42);
    await c.recv();
  });

  // s := make([]rune, 10); go func() { c <- string(s) }(); s[9] = 42; <-c
  race('TestRaceSliceRuneToString', 's[9]', async () => {
    const c = new Channel<string>(0, { name: 'c' });
    const s = slice('s', 10, 0);
    go(async () => {
      const runes: number[] = [];
      for (const e of s) runes.push(await e.read());
      await c.send(String.fromCodePoint(...runes));
    });
    await s[9]!.write(42);
    await c.recv();
  });

  // s := "hello"; wg.Add(2); go func() { c <- s + " world"; wg.Done() }(); go func() { s = "world"; wg.Done() }(); wg.Wait()
  race('TestRaceConcatString', 's', async () => {
    const s = shared('s', 'hello');
    const c = new Channel<string>(1, { name: 'c' });
    const wg = new WaitGroup({ name: 'wg' });
    await wg.add(2);
    go(async () => {
      await c.send((await s.read()) + ' world');
      await wg.done();
    });
    go(async () => {
      await s.write('world');
      await wg.done();
    });
    await wg.wait();
  });

  // go func() { c <- s1 == s2; wg.Done() }(); go func() { s1 = s2; wg.Done() }(); wg.Wait()
  race('TestRaceCompareString', 's1', async () => {
    const s1 = shared('s1', 'hello');
    const s2 = shared('s2', 'world');
    const c = new Channel<boolean>(1, { name: 'c' });
    const wg = new WaitGroup({ name: 'wg' });
    await wg.add(2);
    go(async () => {
      await c.send((await s1.read()) === (await s2.read()));
      await wg.done();
    });
    go(async () => {
      await s1.write(await s2.read());
      await wg.done();
    });
    await wg.wait();
  });

  // x := make([]int, 10); i := 2; go func() { i = 3; done <- true }(); _ = x[:1:i]; <-done
  race('TestRaceSlice3', 'i', async () => {
    const done = new Channel<boolean>(0, { name: 'done' });
    const x = shared('x', slice('x', 10, 0));
    const i = shared('i', 2);
    go(async () => {
      await i.write(3);
      await done.send(true);
    });
    const max = await i.read();
    void (await x.read()).slice(0, Math.min(1, max));
    await done.recv();
  });

  // See issue 36794. data := []byte("hello there"); go func() { _ = string(data); wg.Done() }(); copy(data, data[2:]); wg.Wait()
  // (copy writes data[0..8] while the goroutine reads every element: a race on one of them)
  race('TestRaceSlice4', Array.from({ length: 9 }, (_, k) => `data[${k}]`), async () => {
    const text = 'hello there';
    const data = Array.from(text, (ch, k) => shared(`data[${k}]`, ch.charCodeAt(0)));
    const wg = new WaitGroup({ name: 'wg' });
    await wg.add(1);
    go(async () => {
      for (const e of data) await e.read(); // string(data)
      await wg.done();
    });
    await copySlice(data, data.slice(2));
    await wg.wait();
  });
});
