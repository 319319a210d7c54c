/**
 * Ports of Go's src/runtime/race/testdata/select_test.go, each under the Go test's own name.
 * A select's cases are `ch.recvCase()` / `ch.sendCase(v)` (a send case's value is evaluated before
 * the select, as in Go); `{ default: true }` is a default case.
 */
import { describe } from 'vitest';
import { Channel, go, select, shared, yieldNow } from '../../../src/index.js';
import { noRace, race } from './helpers.js';

describe('select_test.go', () => {
  // go func() { x = 1; select { case c <- true: case c1 <- true: }; compl <- true }()
  // select { case <-c: case c1 <- true: }; x = 2; <-compl
  noRace('TestNoRaceSelect1', async () => {
    const x = shared('x', 0);
    const compl = new Channel<boolean>(0, { name: 'compl' });
    const c = new Channel<boolean>(0, { name: 'c' });
    const c1 = new Channel<boolean>(0, { name: 'c1' });
    go(async () => {
      await x.write(1);
      await select([c.sendCase(true), c1.sendCase(true)]);
      await compl.send(true);
    });
    await select([c.recvCase(), c1.sendCase(true)]);
    await x.write(2);
    await compl.recv();
  });

  // go func() { select { case <-c: case <-c1: }; x = 1; compl <- true }(); x = 2; close(c); runtime.Gosched(); <-compl
  noRace('TestNoRaceSelect2', async () => {
    const x = shared('x', 0);
    const compl = new Channel<boolean>(0, { name: 'compl' });
    const c = new Channel<boolean>(0, { name: 'c' });
    const c1 = new Channel<boolean>(0, { name: 'c1' });
    go(async () => {
      await select([c.recvCase(), c1.recvCase()]);
      await x.write(1);
      await compl.send(true);
    });
    await x.write(2);
    await c.close();
    await yieldNow();
    await compl.recv();
  });

  // c := make(chan bool, 10); go func() { x = 1; select { case c <- true: case <-c1: }; compl <- true }(); <-c; x = 2; <-compl
  noRace('TestNoRaceSelect3', async () => {
    const x = shared('x', 0);
    const compl = new Channel<boolean>(0, { name: 'compl' });
    const c = new Channel<boolean>(10, { name: 'c' });
    const c1 = new Channel<boolean>(0, { name: 'c1' });
    go(async () => {
      await x.write(1);
      await select([c.sendCase(true), c1.recvCase()]);
      await compl.send(true);
    });
    await c.recv();
    await x.write(2);
    await compl.recv();
  });

  // A worker loops forever: for { select { case t := <-queue: t.f(); t.done <- true } }
  // doit(f): done := make(chan bool, 1); select { case queue <- Task{f, done}: case <-dummy: }; select { case <-done: case <-dummy: }
  // doit(func() { x = 1 }); _ = x
  // The worker is still blocked on queue when the test returns: Go does not look, simcc reports it as a leak.
  noRace(
    'TestNoRaceSelect4',
    async () => {
      type Task = { f: () => Promise<void>; done: Channel<boolean> };
      const queue = new Channel<Task>(0, { name: 'queue' });
      const dummy = new Channel<boolean>(0, { name: 'dummy' });
      go(async () => {
        for (;;) {
          const r = await select([queue.recvCase()]);
          const t = r.value!;
          await t.f();
          await t.done.send(true);
        }
      }, 'worker');
      const doit = async (f: () => Promise<void>) => {
        const done = new Channel<boolean>(1, { name: 'done' });
        await select([queue.sendCase({ f, done }), dummy.recvCase()]);
        await select([done.recvCase(), dummy.recvCase()]);
      };
      const x = shared('x', 0);
      await doit(async () => {
        await x.write(1);
      });
      await x.read();
    },
    { allow: ['leak'] },
  );

  // test(sel, needSched): go func() { [Gosched]; x = 1; select { case ch <- true: case <-c1: } | ch <- true; done <- true }()
  // go func() { select { case <-ch: case <-c1: } | <-ch; x = 1; done <- true }(); <-done; <-done
  noRace('TestNoRaceSelect5', async () => {
    const test = async (sel: boolean, needSched: boolean) => {
      const x = shared(`x(${sel},${needSched})`, 0);
      const ch = new Channel<boolean>(0, { name: 'ch' });
      const c1 = new Channel<boolean>(0, { name: 'c1' });
      const done = new Channel<boolean>(2, { name: 'done' });
      go(async () => {
        if (needSched) await yieldNow();
        await x.write(1);
        if (sel) await select([ch.sendCase(true), c1.recvCase()]);
        else await ch.send(true);
        await done.send(true);
      });
      go(async () => {
        if (sel) await select([ch.recvCase(), c1.recvCase()]);
        else await ch.recv();
        await x.write(1);
        await done.send(true);
      });
      await done.recv();
      await done.recv();
    };
    await test(true, true);
    await test(true, false);
    await test(false, true);
    await test(false, false);
  });

  // go func() { <-c; <-c }(); f := func() { select { case c <- true: case c1 <- true: }; x = 1; compl <- true }; go f(); go f()
  race('TestRaceSelect1', 'x', async () => {
    const x = shared('x', 0);
    const compl = new Channel<boolean>(2, { name: 'compl' });
    const c = new Channel<boolean>(0, { name: 'c' });
    const c1 = new Channel<boolean>(0, { name: 'c1' });
    go(async () => {
      await c.recv();
      await c.recv();
    });
    const f = async () => {
      await select([c.sendCase(true), c1.sendCase(true)]);
      await x.write(1);
      await compl.send(true);
    };
    go(f, 'f#1');
    go(f, 'f#2');
    await compl.recv();
    await compl.recv();
  });

  // go func() { x = 1; select { case <-c: case <-c1: }; compl <- true }(); close(c); x = 2; <-compl
  race('TestRaceSelect2', 'x', async () => {
    const x = shared('x', 0);
    const compl = new Channel<boolean>(0, { name: 'compl' });
    const c = new Channel<boolean>(0, { name: 'c' });
    const c1 = new Channel<boolean>(0, { name: 'c1' });
    go(async () => {
      await x.write(1);
      await select([c.recvCase(), c1.recvCase()]);
      await compl.send(true);
    });
    await c.close();
    await x.write(2);
    await compl.recv();
  });

  // go func() { x = 1; select { case c <- true: case c1 <- true: }; compl <- true }(); x = 2; select { case <-c: }; <-compl
  race('TestRaceSelect3', 'x', async () => {
    const x = shared('x', 0);
    const compl = new Channel<boolean>(0, { name: 'compl' });
    const c = new Channel<boolean>(0, { name: 'c' });
    const c1 = new Channel<boolean>(0, { name: 'c1' });
    go(async () => {
      await x.write(1);
      await select([c.sendCase(true), c1.sendCase(true)]);
      await compl.send(true);
    });
    await x.write(2);
    await select([c.recvCase()]);
    await compl.recv();
  });

  // go func() { select { default: x = 2 }; done <- true }(); _ = x; <-done
  race('TestRaceSelect4', 'x', async () => {
    const done = new Channel<boolean>(1, { name: 'done' });
    const x = shared('x', 0);
    go(async () => {
      await select([], { default: true });
      await x.write(2);
      await done.send(true);
    });
    await x.read();
    await done.recv();
  });

  // c1 := make(chan bool, 1); c2 := make(chan bool)
  // go func() { select { case c1 <- true: x = 1; case c2 <- true: y = 1 }; done <- true }(); _ = x; _ = y; <-done
  race('TestRaceSelect5', 'x', async () => {
    const done = new Channel<boolean>(1, { name: 'done' });
    const c1 = new Channel<boolean>(1, { name: 'c1' });
    const c2 = new Channel<boolean>(0, { name: 'c2' });
    const x = shared('x', 0);
    const y = shared('y', 0);
    go(async () => {
      const r = await select([c1.sendCase(true), c2.sendCase(true)]);
      if (r.index === 0) await x.write(1);
      else await y.write(1);
      await done.send(true);
    });
    await x.read();
    await y.read();
    await done.recv();
  });
});
