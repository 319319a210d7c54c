/**
 * Ports of Go's src/runtime/race/testdata/map_test.go, each under the Go test's own name.
 * A Go map is a `GoMap`: Go's race detector reports an unsynchronised map read and write (or two
 * writes) as a data race; simcc reports it under Go's runtime fatal error, `concurrent-map-write`
 * (§3). A race on a key or value *variable* read or written by a map operation is a plain
 * `data-race` on that variable (a struct key is one `shared` per element).
 */
import { describe } from 'vitest';
import { Channel, GoMap, go, shared, type Shared } from '../../../src/index.js';
import { noRace, race } from './helpers.js';

const MAP = { kind: 'concurrent-map-write' } as const;

/** type Big struct { x [17]int32 }: one variable per element. */
function big(name: string): Shared<number>[] {
  return Array.from({ length: 17 }, (_, i) => shared(`${name}.x[${i}]`, 0));
}

/** Go's *k, copying the key: reads every element. */
async function load(v: Shared<number>[]): Promise<string> {
  const xs: number[] = [];
  for (const e of v) xs.push(await e.read());
  return xs.join(',');
}

describe('map_test.go', () => {
  // go func() { _ = m[1]; ch <- true }(); m[1] = 1; <-ch
  race('TestRaceMapRW', 'm', async () => {
    const m = new GoMap<number, number>('m');
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await m.get(1);
      await ch.send(true);
    });
    await m.set(1, 1);
    await ch.recv();
  }, MAP);

  // go func() { _, _ = m[1]; ch <- true }(); m[1] = 1; <-ch
  race('TestRaceMapRW2', 'm', async () => {
    const m = new GoMap<number, number>('m');
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await m.has(1);
      await ch.send(true);
    });
    await m.set(1, 1);
    await ch.recv();
  }, MAP);

  // m := make(map[int][2]int); go func() { _ = m[1][1]; ch <- true }(); m[2] = [2]int{1, 2}; <-ch
  race('TestRaceMapRWArray', 'm', async () => {
    const m = new GoMap<number, [number, number]>('m');
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      void (await m.get(1))?.[1];
      await ch.send(true);
    });
    await m.set(2, [1, 2]);
    await ch.recv();
  }, MAP);

  // go func() { _, _ = m[1]; ch <- true }(); _ = m[1]; <-ch
  noRace('TestNoRaceMapRR', async () => {
    const m = new GoMap<number, number>('m');
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await m.has(1);
      await ch.send(true);
    });
    await m.get(1);
    await ch.recv();
  });

  // go func() { for range m {}; ch <- true }(); m[1] = 1; <-ch
  race('TestRaceMapRange', 'm', async () => {
    const m = new GoMap<number, number>('m');
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      for (const _ of await m.entries()) void _;
      await ch.send(true);
    });
    await m.set(1, 1);
    await ch.recv();
  }, MAP);

  // go func() { for range m {}; ch <- true }(); m[1] = 1; <-ch   (Go's twin of the test above)
  race('TestRaceMapRange2', 'm', async () => {
    const m = new GoMap<number, number>('m');
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      for (const _ of await m.entries()) void _;
      await ch.send(true);
    });
    await m.set(1, 1);
    await ch.recv();
  }, MAP);

  // m[0] = 0; go func() { for range m {}; ch <- true }(); for range m {}; <-ch
  noRace('TestNoRaceMapRangeRange', async () => {
    const m = new GoMap<number, number>('m');
    await m.set(0, 0);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      for (const _ of await m.entries()) void _;
      await ch.send(true);
    });
    for (const _ of await m.entries()) void _;
    await ch.recv();
  });

  // go func() { _ = len(m); ch <- true }(); m[""] = true; <-ch
  race('TestRaceMapLen', 'm', async () => {
    const m = new GoMap<string, boolean>('m');
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await m.size();
      await ch.send(true);
    });
    await m.set('', true);
    await ch.recv();
  }, MAP);

  // go func() { delete(m, ""); ch <- true }(); m[""] = true; <-ch
  race('TestRaceMapDelete', 'm', async () => {
    const m = new GoMap<string, boolean>('m');
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await m.delete('');
      await ch.send(true);
    });
    await m.set('', true);
    await ch.recv();
  }, MAP);

  // go func() { delete(m, "a"); ch <- true }(); _ = len(m); <-ch
  race('TestRaceMapLenDelete', 'm', async () => {
    const m = new GoMap<string, boolean>('m');
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await m.delete('a');
      await ch.send(true);
    });
    await m.size();
    await ch.recv();
  }, MAP);

  // m := make(map[int]int); go func() { m = make(map[int]int); ch <- true }(); m = make(map[int]int); <-ch
  race('TestRaceMapVariable', 'm', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const m = shared('m', new GoMap<number, number>('map#1'));
    await m.read();
    go(async () => {
      await m.write(new GoMap<number, number>('map#2'));
      await ch.send(true);
    });
    await m.write(new GoMap<number, number>('map#3'));
    await ch.recv();
  });

  // go func() { m[1] = 1; ch <- true }(); m = make(map[int]int); <-ch
  race('TestRaceMapVariable2', 'm', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const m = shared('m', new GoMap<number, number>('map#1'));
    go(async () => {
      await (await m.read()).set(1, 1);
      await ch.send(true);
    });
    await m.write(new GoMap<number, number>('map#2'));
    await ch.recv();
  });

  // go func() { m = make(map[int]int); ch <- true }(); _ = m[1]; <-ch
  race('TestRaceMapVariable3', 'm', async () => {
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const m = shared('m', new GoMap<number, number>('map#1'));
    go(async () => {
      await m.write(new GoMap<number, number>('map#2'));
      await ch.send(true);
    });
    await (await m.read()).get(1);
    await ch.recv();
  });

  /** The partial-key tests: k := &Big{}; go func() { k.x[8] = 1; ch <- true }(); <map op using *k>; <-ch */
  function partKey(name: string, op: (m: GoMap<string, boolean>, key: string) => Promise<unknown>): void {
    race(name, 'k.x[8]', async () => {
      const k = big('k');
      const m = new GoMap<string, boolean>('m');
      const ch = new Channel<boolean>(1, { name: 'ch' });
      go(async () => {
        await k[8]!.write(1);
        await ch.send(true);
      });
      await op(m, await load(k));
      await ch.recv();
    });
  }
  partKey('TestRaceMapLookupPartKey', (m, key) => m.get(key)); // _ = m[*k]
  partKey('TestRaceMapLookupPartKey2', (m, key) => m.has(key)); // _, _ = m[*k]
  partKey('TestRaceMapDeletePartKey', (m, key) => m.delete(key)); // delete(m, *k)
  partKey('TestRaceMapInsertPartKey', (m, key) => m.set(key, true)); // m[*k] = true

  // v := &Big{}; m := make(map[int]Big); go func() { v.x[8] = 1; ch <- true }(); m[1] = *v; <-ch
  race('TestRaceMapInsertPartVal', 'v.x[8]', async () => {
    const v = big('v');
    const m = new GoMap<number, string>('m');
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await v[8]!.write(1);
      await ch.send(true);
    });
    await m.set(1, await load(v));
    await ch.recv();
  });

  // Test for issue 7561: conns := make(map[int][]int); conns[1] = []int{0}
  // go func() { conns[1][0], err = connect(); ch <- true }(); x := conns[1][0]; _ = x; <-ch
  race('TestRaceMapAssignMultipleReturn', 'conns[1][0]', async () => {
    const connect = (): [number, Error | null] => [42, null];
    const conns = new GoMap<number, Shared<number>[]>('conns');
    await conns.set(1, [shared('conns[1][0]', 0)]);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    const err = shared<Error | null>('err', null);
    go(async () => {
      const [v, e] = connect();
      await (await conns.get(1))![0]!.write(v);
      await err.write(e);
      await ch.send(true);
    });
    const x = await (await conns.get(1))![0]!.read();
    void x;
    await ch.recv();
  });

  /**
   * The big key/value tests (BigKey [1000]*int, BigVal { x int; y [1000]*int }): the map operation
   * copies the whole key or value, racing with a write of element 30. The arrays are 32 elements
   * here: the size only mattered to Go's compiler (KindGCProg), the access pattern is the same.
   */
  const BIG = 32;
  const bigArray = (name: string) => Array.from({ length: BIG }, (_, i) => shared<object | null>(`${name}[${i}]`, null));
  const copyOf = async (a: Shared<object | null>[]) => {
    for (const e of a) await e.read();
    return 'key';
  };
  function bigKey(name: string, op: (m: GoMap<string, number>, key: string) => Promise<unknown>): void {
    race(name, 'k[30]', async () => {
      const m = new GoMap<string, number>('m');
      const k = bigArray('k');
      const ch = new Channel<boolean>(1, { name: 'ch' });
      go(async () => {
        await op(m, await copyOf(k));
        await ch.send(true);
      });
      await k[30]!.write({}); // k[30] = new(int)
      await ch.recv();
    });
  }
  bigKey('TestRaceMapBigKeyAccess1', (m, key) => m.get(key)); // _ = m[k]
  bigKey('TestRaceMapBigKeyAccess2', (m, key) => m.has(key)); // _, _ = m[k]
  bigKey('TestRaceMapBigKeyInsert', (m, key) => m.set(key, 1)); // m[k] = 1
  bigKey('TestRaceMapBigKeyDelete', (m, key) => m.delete(key)); // delete(m, k)

  // m := make(map[int]BigVal); var v BigVal; go func() { m[1] = v; ch <- true }(); v.y[30] = new(int); <-ch
  race('TestRaceMapBigValInsert', 'v.y[30]', async () => {
    const m = new GoMap<number, string>('m');
    const v = { x: shared('v.x', 0), y: bigArray('v.y') };
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await v.x.read();
      await m.set(1, await copyOf(v.y));
      await ch.send(true);
    });
    await v.y[30]!.write({});
    await ch.recv();
  });

  // go func() { v = m[1].x; ch <- true }(); m[1] = BigVal{}; <-ch
  race('TestRaceMapBigValAccess1', 'm', async () => {
    const m = new GoMap<number, { x: number }>('m');
    const v = shared('v', 0);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await v.write((await m.get(1))?.x ?? 0);
      await ch.send(true);
    });
    await m.set(1, { x: 0 });
    await ch.recv();
  }, MAP);

  // go func() { _, _ = m[1]; ch <- true }(); m[1] = BigVal{}; <-ch; _ = v
  race('TestRaceMapBigValAccess2', 'm', async () => {
    const m = new GoMap<number, { x: number }>('m');
    const v = shared('v', 0);
    const ch = new Channel<boolean>(1, { name: 'ch' });
    go(async () => {
      await m.has(1);
      await ch.send(true);
    });
    await m.set(1, { x: 0 });
    await ch.recv();
    await v.read();
  }, MAP);
});
