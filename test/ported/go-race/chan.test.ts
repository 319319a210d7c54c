/**
 * Ports of Go's src/runtime/race/testdata/chan_test.go, each under the Go test's own name.
 * Go's race detector models channels as the memory model says (a send happens-before the matching
 * receive completes; on an unbuffered channel the receive happens-before the send completes; the
 * k-th receive happens-before the (k+C)-th send completes; close happens-before a receive that
 * returns because of it), and treats close as a write of the channel and send as a read — so a
 * send not ordered with a close is a race on the channel itself. simcc does the same (§3).
 * A channel *variable* that is reassigned (TestRaceChanItself*) is a `shared` holding the channel.
 */
import { describe } from 'vitest';
import { Channel, assert, go, select, shared, sleep, yieldNow, type Shared } from '../../../src/index.js';
import { noRace, race } from './helpers.js';

/** Go's `defer func() { recover() }()` around `f`: a panic (here: of a channel misuse) is swallowed. */
async function recovering(f: () => Promise<void>): Promise<void> {
  try {
    await f();
  } catch {
    // recover()
  }
}

describe('chan_test.go', () => {
  // go func() { v = 1; c <- 0 }(); <-c; v = 2
  noRace('TestNoRaceChanSync', async () => {
    const v = shared('v', 0);
    const c = new Channel<number>(0, { name: 'c' });
    go(async () => {
      await v.write(1);
      await c.send(0);
    });
    await c.recv();
    await v.write(2);
  });

  // go func() { c <- 0; v = 2 }(); v = 1; <-c
  noRace('TestNoRaceChanSyncRev', async () => {
    const v = shared('v', 0);
    const c = new Channel<number>(0, { name: 'c' });
    go(async () => {
      await c.send(0);
      await v.write(2);
    });
    await v.write(1);
    await c.recv();
  });

  // c := make(chan int, 10); go func() { v = 1; c <- 0 }(); <-c; v = 2
  noRace('TestNoRaceChanAsync', async () => {
    const v = shared('v', 0);
    const c = new Channel<number>(10, { name: 'c' });
    go(async () => {
      await v.write(1);
      await c.send(0);
    });
    await c.recv();
    await v.write(2);
  });

  // c := make(chan int, 10); go func() { c <- 0; v = 1 }(); v = 2; <-c
  race('TestRaceChanAsyncRev', 'v', async () => {
    const v = shared('v', 0);
    const c = new Channel<number>(10, { name: 'c' });
    go(async () => {
      await c.send(0);
      await v.write(1);
    });
    await v.write(2);
    await c.recv();
  });

  /** TestNoRaceChan{Async,Sync}CloseRecv{,2,3}: go func() { v = 1; close(c) }(); <receive>; v = 2 */
  function closeRecv(name: string, capacity: number, receive: (c: Channel<number>) => Promise<void>): void {
    noRace(name, async () => {
      const v = shared('v', 0);
      const c = new Channel<number>(capacity, { name: 'c' });
      go(async () => {
        await v.write(1);
        await c.close();
      });
      await receive(c);
      await v.write(2);
    });
  }
  // func() { defer func() { recover(); v = 2 }(); <-c }()
  closeRecv('TestNoRaceChanAsyncCloseRecv', 10, (c) => recovering(async () => void (await c.recv())));
  // _, _ = <-c
  closeRecv('TestNoRaceChanAsyncCloseRecv2', 10, async (c) => void (await c.recvOk()));
  // for range c {}
  closeRecv('TestNoRaceChanAsyncCloseRecv3', 10, async (c) => {
    for await (const _ of c) void _;
  });
  closeRecv('TestNoRaceChanSyncCloseRecv', 0, (c) => recovering(async () => void (await c.recv())));
  closeRecv('TestNoRaceChanSyncCloseRecv2', 0, async (c) => void (await c.recvOk()));
  closeRecv('TestNoRaceChanSyncCloseRecv3', 0, async (c) => {
    for await (const _ of c) void _;
  });

  // go func() { v = 1; close(c) }(); func() { defer func() { recover() }(); c <- 0 }(); v = 2
  race('TestRaceChanSyncCloseSend', ['v', 'c'], async () => {
    const v = shared('v', 0);
    const c = new Channel<number>(0, { name: 'c' });
    go(async () => {
      await v.write(1);
      await c.close();
    });
    await recovering(() => c.send(0));
    await v.write(2);
  });

  // c := make(chan int, 10); ... func() { defer func() { recover() }(); for { c <- 0 } }(); v = 2
  race('TestRaceChanAsyncCloseSend', ['v', 'c'], async () => {
    const v = shared('v', 0);
    const c = new Channel<number>(10, { name: 'c' });
    go(async () => {
      await v.write(1);
      await c.close();
    });
    await recovering(async () => {
      for (;;) await c.send(0);
    });
    await v.write(2);
  });

  // Two goroutines close c; the one that panics writes the other's variable.
  race('TestRaceChanCloseClose', ['c', 'v1', 'v2'], async () => {
    const compl = new Channel<boolean>(2, { name: 'compl' });
    const v1 = shared('v1', 0);
    const v2 = shared('v2', 0);
    const c = new Channel<number>(0, { name: 'c' });
    go(async () => {
      try {
        await v1.write(1);
        await c.close();
      } catch {
        await v2.write(2); // if recover() != nil
      }
      await compl.send(true);
    });
    go(async () => {
      try {
        await v2.write(1);
        await c.close();
      } catch {
        await v1.write(2);
      }
      await compl.send(true);
    });
    await compl.recv();
    await compl.recv();
  });

  // go func() { v = 1; c <- 1 }(); for len(c) == 0 { runtime.Gosched() }; v = 2
  race('TestRaceChanSendLen', 'v', async () => {
    const v = shared('v', 0);
    const c = new Channel<number>(10, { name: 'c' });
    go(async () => {
      await v.write(1);
      await c.send(1);
    });
    while ((await c.len()) === 0) await yieldNow();
    await v.write(2);
  });

  // c <- 1; go func() { v = 1; <-c }(); for len(c) != 0 { runtime.Gosched() }; v = 2
  race('TestRaceChanRecvLen', 'v', async () => {
    const v = shared('v', 0);
    const c = new Channel<number>(10, { name: 'c' });
    await c.send(1);
    go(async () => {
      await v.write(1);
      await c.recv();
    });
    while ((await c.len()) !== 0) await yieldNow();
    await v.write(2);
  });

  // c <- 1; go func() { v = 1; close(c) }(); time.Sleep(1e7); _ = len(c); v = 2
  // (len does not synchronise with close: nothing orders `v = 1` before `v = 2`)
  race('TestRaceChanCloseLen', 'v', async () => {
    const v = shared('v', 0);
    const c = new Channel<number>(10, { name: 'c' });
    await c.send(1);
    go(async () => {
      await v.write(1);
      await c.close();
    });
    await sleep(10);
    await c.len();
    await v.write(2);
  });

  // c := make(chan int, 1); each goroutine: vN = 1; select { case c <- 1: default: v(other) = 2 }
  race('TestRaceChanSendSend', ['v1', 'v2'], async () => {
    const compl = new Channel<boolean>(2, { name: 'compl' });
    const v1 = shared('v1', 0);
    const v2 = shared('v2', 0);
    const c = new Channel<number>(1, { name: 'c' });
    go(async () => {
      await v1.write(1);
      const r = await select([c.sendCase(1)], { default: true });
      if (r.index === -1) await v2.write(2);
      await compl.send(true);
    });
    go(async () => {
      await v2.write(1);
      const r = await select([c.sendCase(1)], { default: true });
      if (r.index === -1) await v1.write(2);
      await compl.send(true);
    });
    await compl.recv();
    await compl.recv();
  });

  // c := make(chan *msg); go func() { c <- &msg{1} }(); m := <-c; m.x = 2
  noRace('TestNoRaceChanPtr', async () => {
    const c = new Channel<{ x: Shared<number> }>(0, { name: 'c' });
    go(async () => {
      const x = shared('msg.x', 0);
      await x.write(1); // &msg{1}
      await c.send({ x });
    });
    const m = (await c.recv())!;
    await m.x.write(2);
  });

  // go func() { v1 = 1; c <- 1 }(); go func() { v2 = 2; c <- 2 }(); time.Sleep(1e7)
  // if <-c == 1 { v2 = 3 } else { v1 = 3 }
  race('TestRaceChanWrongSend', ['v1', 'v2'], async () => {
    const v1 = shared('v1', 0);
    const v2 = shared('v2', 0);
    const c = new Channel<number>(2, { name: 'c' });
    go(async () => {
      await v1.write(1);
      await c.send(1);
    });
    go(async () => {
      await v2.write(2);
      await c.send(2);
    });
    await sleep(10);
    if ((await c.recv()) === 1) await v2.write(3);
    else await v1.write(3);
  });

  // go func() { defer recover(); v1 = 1; c <- 1; done <- true }(); go func() { sleep; v2 = 2; close(c); done <- true }()
  // sleep; if _, who := <-c; who { v2 = 2 } else { v1 = 2 }; <-done; <-done
  race('TestRaceChanWrongClose', ['v1', 'v2', 'c'], async () => {
    const v1 = shared('v1', 0);
    const v2 = shared('v2', 0);
    const c = new Channel<number>(1, { name: 'c' });
    const done = new Channel<boolean>(0, { name: 'done' });
    go(async () => {
      await recovering(async () => {
        await v1.write(1);
        await c.send(1);
        await done.send(true);
      });
    });
    go(async () => {
      await sleep(10);
      await v2.write(2);
      await c.close();
      await done.send(true);
    });
    await sleep(20);
    if ((await c.recvOk()).ok) await v2.write(2);
    else await v1.write(2);
    await done.recv();
    await done.recv();
  });

  // go func() { defer func() { recover(); compl <- true }(); c <- 1 }(); go func() { sleep; close(c); compl <- true }()
  race('TestRaceChanSendClose', 'c', async () => {
    const compl = new Channel<boolean>(2, { name: 'compl' });
    const c = new Channel<number>(1, { name: 'c' });
    go(async () => {
      await recovering(() => c.send(1));
      await compl.send(true);
    });
    go(async () => {
      await sleep(10);
      await c.close();
      await compl.send(true);
    });
    await compl.recv();
    await compl.recv();
  });

  // go func() { defer ...; sleep; select { case c <- 1: case <-c1: } }(); go func() { close(c); compl <- true }()
  race('TestRaceChanSendSelectClose', 'c', async () => {
    const compl = new Channel<boolean>(2, { name: 'compl' });
    const c = new Channel<number>(1, { name: 'c' });
    const c1 = new Channel<number>(0, { name: 'c1' });
    go(async () => {
      await recovering(async () => {
        await sleep(10);
        await select([c.sendCase(1), c1.recvCase()]);
      });
      await compl.send(true);
    });
    go(async () => {
      await c.close();
      await compl.send(true);
    });
    await compl.recv();
    await compl.recv();
  });

  // c2 <- 1; go func() { select { case c1 <- x: case c3 <- 1: }; done <- true }()
  // select { case x = <-c2: case c3 <- 1: }; <-done
  race('TestRaceSelectReadWriteAsync', 'x', async () => {
    const done = new Channel<boolean>(0, { name: 'done' });
    const x = shared('x', 0);
    const c1 = new Channel<number>(10, { name: 'c1' });
    const c2 = new Channel<number>(10, { name: 'c2' });
    const c3 = new Channel<number>(0, { name: 'c3' });
    await c2.send(1);
    go(async () => {
      await select([c1.sendCase(await x.read()), c3.sendCase(1)]); // read of x races with...
      await done.send(true);
    });
    const r = await select([c2.recvCase(), c3.sendCase(1)]);
    if (r.index === 0) await x.write(r.value!); // ... write to x here
    await done.recv();
  });

  // as above, with unbuffered c1, c2 made ready by two helper goroutines
  race('TestRaceSelectReadWriteSync', 'x', async () => {
    const done = new Channel<boolean>(0, { name: 'done' });
    const x = shared('x', 0);
    const c1 = new Channel<number>(0, { name: 'c1' });
    const c2 = new Channel<number>(0, { name: 'c2' });
    const c3 = new Channel<number>(0, { name: 'c3' });
    go(async () => void (await c1.recv()));
    go(async () => await c2.send(1));
    go(async () => {
      await select([c1.sendCase(await x.read()), c3.sendCase(1)]);
      await done.send(true);
    });
    const r = await select([c2.recvCase(), c3.sendCase(1)]);
    if (r.index === 0) await x.write(r.value!);
    await done.recv();
  });

  // go func() { select { case c1 <- x: case c2 <- 1: }; done <- true }()
  // select { case x = <-c1: case i := <-c2: x = i }; <-done
  noRace('TestNoRaceSelectReadWriteAsync', async () => {
    const done = new Channel<boolean>(0, { name: 'done' });
    const x = shared('x', 0);
    const c1 = new Channel<number>(0, { name: 'c1' });
    const c2 = new Channel<number>(0, { name: 'c2' });
    go(async () => {
      await select([c1.sendCase(await x.read()), c2.sendCase(1)]);
      await done.send(true);
    });
    const r = await select([c1.recvCase(), c2.recvCase()]);
    await x.write(r.value!);
    await done.recv();
  });

  // c2 <- 10; go func() { c1 <- x; done <- true }(); x = <-c2; <-done
  race('TestRaceChanReadWriteAsync', 'x', async () => {
    const done = new Channel<boolean>(0, { name: 'done' });
    const c1 = new Channel<number>(10, { name: 'c1' });
    const c2 = new Channel<number>(10, { name: 'c2' });
    await c2.send(10);
    const x = shared('x', 0);
    go(async () => {
      await c1.send(await x.read());
      await done.send(true);
    });
    await x.write((await c2.recv())!);
    await done.recv();
  });

  // unbuffered c1, c2 made ready by helper goroutines; go func() { c1 <- x; ... }(); x = <-c2
  race('TestRaceChanReadWriteSync', 'x', async () => {
    const done = new Channel<boolean>(0, { name: 'done' });
    const c1 = new Channel<number>(0, { name: 'c1' });
    const c2 = new Channel<number>(0, { name: 'c2' });
    go(async () => void (await c1.recv()));
    go(async () => await c2.send(10));
    const x = shared('x', 0);
    go(async () => {
      await c1.send(await x.read());
      await done.send(true);
    });
    await x.write((await c2.recv())!);
    await done.recv();
  });

  // go func() { c1 <- x; done <- true }(); x = <-c1; <-done
  noRace('TestNoRaceChanReadWriteAsync', async () => {
    const done = new Channel<boolean>(0, { name: 'done' });
    const c1 = new Channel<number>(10, { name: 'c1' });
    const x = shared('x', 0);
    go(async () => {
      await c1.send(await x.read());
      await done.send(true);
    });
    await x.write((await c1.recv())!);
    await done.recv();
  });

  // queue := make(chan Task); go func() { t := Task{done: make(chan bool)}; queue <- t; <-t.done }()
  // go func() { t := <-queue; t.done <- true }()
  noRace('TestNoRaceProducerConsumerUnbuffered', async () => {
    const queue = new Channel<{ done: Channel<boolean> }>(0, { name: 'queue' });
    go(async () => {
      const t = { done: new Channel<boolean>(0, { name: 't.done' }) };
      await queue.send(t);
      await t.done.recv();
    });
    go(async () => {
      const t = (await queue.recv())!;
      await t.done.send(true);
    });
  });

  // c := make(chan int, 10); go func() { c <- 0; compl <- true }(); c = make(chan int, 20); <-compl
  race('TestRaceChanItselfSend', 'c', async () => {
    const compl = new Channel<boolean>(1, { name: 'compl' });
    const c = shared('c', new Channel<number>(10, { name: 'chan#1' }));
    go(async () => {
      await (await c.read()).send(0);
      await compl.send(true);
    });
    await c.write(new Channel<number>(20, { name: 'chan#2' }));
    await compl.recv();
  });

  // c <- 1; go func() { <-c; compl <- true }(); time.Sleep(1e7); c = make(chan int, 20); <-compl
  race('TestRaceChanItselfRecv', 'c', async () => {
    const compl = new Channel<boolean>(1, { name: 'compl' });
    const c = shared('c', new Channel<number>(10, { name: 'chan#1' }));
    await (await c.read()).send(1);
    go(async () => {
      await (await c.read()).recv();
      await compl.send(true);
    });
    await sleep(10);
    await c.write(new Channel<number>(20, { name: 'chan#2' }));
    await compl.recv();
  });

  // go func() { c <- 0 }(); time.Sleep(1e7); c = nil; _ = c
  race('TestRaceChanItselfNil', 'c', async () => {
    const c = shared('c', new Channel<number>(10, { name: 'chan#1' }));
    go(async () => {
      await (await c.read()).send(0);
    });
    await sleep(10);
    await c.write(Channel.nil<number>());
    await c.read();
  });

  // c := make(chan int); go func() { close(c); compl <- true }(); c = make(chan int); <-compl
  race('TestRaceChanItselfClose', 'c', async () => {
    const compl = new Channel<boolean>(1, { name: 'compl' });
    const c = shared('c', new Channel<number>(0, { name: 'chan#1' }));
    go(async () => {
      await (await c.read()).close();
      await compl.send(true);
    });
    await c.write(new Channel<number>(0, { name: 'chan#2' }));
    await compl.recv();
  });

  // go func() { _ = len(c); compl <- true }(); c = make(chan int); <-compl
  race('TestRaceChanItselfLen', 'c', async () => {
    const compl = new Channel<boolean>(1, { name: 'compl' });
    const c = shared('c', new Channel<number>(0, { name: 'chan#1' }));
    go(async () => {
      await (await c.read()).len();
      await compl.send(true);
    });
    await c.write(new Channel<number>(0, { name: 'chan#2' }));
    await compl.recv();
  });

  // go func() { _ = cap(c); compl <- true }(); c = make(chan int); <-compl
  race('TestRaceChanItselfCap', 'c', async () => {
    const compl = new Channel<boolean>(1, { name: 'compl' });
    const c = shared('c', new Channel<number>(0, { name: 'chan#1' }));
    go(async () => {
      await (await c.read()).cap();
      await compl.send(true);
    });
    await c.write(new Channel<number>(0, { name: 'chan#2' }));
    await compl.recv();
  });

  // go func() { r <- len(c) }(); go func() { close(c); r <- 0 }(); <-r; <-r
  noRace('TestNoRaceChanCloseLen', async () => {
    const c = new Channel<number>(10, { name: 'c' });
    const r = new Channel<number>(10, { name: 'r' });
    go(async () => {
      await r.send(await c.len());
    });
    go(async () => {
      await c.close();
      await r.send(0);
    });
    await r.recv();
    await r.recv();
  });

  // go func() { r <- cap(c) }(); go func() { close(c); r <- 0 }(); <-r; <-r
  noRace('TestNoRaceChanCloseCap', async () => {
    const c = new Channel<number>(10, { name: 'c' });
    const r = new Channel<number>(10, { name: 'r' });
    go(async () => {
      await r.send(await c.cap());
    });
    go(async () => {
      await c.close();
      await r.send(0);
    });
    await r.recv();
    await r.recv();
  });

  // go func() { close(c); compl <- true }(); c <- 0; <-compl
  race('TestRaceChanCloseSend', 'c', async () => {
    const compl = new Channel<boolean>(1, { name: 'compl' });
    const c = new Channel<number>(10, { name: 'c' });
    go(async () => {
      await c.close();
      await compl.send(true);
    });
    await c.send(0);
    await compl.recv();
  });

  // mtx := make(chan struct{}, 1); both: mtx <- struct{}{}; data += 42; <-mtx
  noRace('TestNoRaceChanMutex', async () => {
    const done = new Channel<object>(0, { name: 'done' });
    const mtx = new Channel<object>(1, { name: 'mtx' });
    const data = shared('data', 0);
    go(async () => {
      await mtx.send({});
      await data.update((d) => d + 42);
      await mtx.recv();
      await done.send({});
    });
    await mtx.send({});
    await data.update((d) => d + 42);
    await mtx.recv();
    await done.recv();
  });

  // as TestNoRaceChanMutex, each operation a select with a second case on aux (never ready)
  noRace('TestNoRaceSelectMutex', async () => {
    const done = new Channel<object>(0, { name: 'done' });
    const mtx = new Channel<object>(1, { name: 'mtx' });
    const aux = new Channel<boolean>(0, { name: 'aux' });
    const data = shared('data', 0);
    go(async () => {
      await select([mtx.sendCase({}), aux.recvCase()]);
      await data.update((d) => d + 42);
      await select([mtx.recvCase(), aux.recvCase()]);
      await done.send({});
    });
    await select([mtx.sendCase({}), aux.recvCase()]);
    await data.update((d) => d + 42);
    await select([mtx.recvCase(), aux.recvCase()]);
    await done.recv();
  });

  // mtx := make(chan bool, 2): a semaphore of 2 does not exclude; data = 42 vs data = 43
  race('TestRaceChanSem', 'data', async () => {
    const done = new Channel<object>(0, { name: 'done' });
    const mtx = new Channel<boolean>(2, { name: 'mtx' });
    const data = shared('data', 0);
    go(async () => {
      await mtx.send(true);
      await data.write(42);
      await mtx.recv();
      await done.send({});
    });
    await mtx.send(true);
    await data.write(43);
    await mtx.recv();
    await done.recv();
  });

  // const N = 10; chanWg := make(chan bool, N/2); data := make([]int, N)
  // for i := 0; i < N; i++ { chanWg <- true; go func(i int) { data[i] = 42; <-chanWg }(i) }
  // for i := 0; i < cap(chanWg); i++ { chanWg <- true }; for i := 0; i < N; i++ { _ = data[i] }
  // N is 4 here (N/2 = 2 slots): exhaustive exploration of N = 10 is out of a unit test's budget,
  // and the happens-before argument (the k-th receive before the (k+C)-th send) is the same.
  noRace('TestNoRaceChanWaitGroup', async () => {
    const N = 4;
    const chanWg = new Channel<boolean>(N / 2, { name: 'chanWg' });
    const data = Array.from({ length: N }, (_, i) => shared(`data[${i}]`, 0));
    for (let i = 0; i < N; i++) {
      await chanWg.send(true);
      go(async () => {
        await data[i]!.write(42);
        await chanWg.recv();
      });
    }
    for (let i = 0; i < (await chanWg.cap()); i++) await chanWg.send(true);
    for (let i = 0; i < N; i++) await data[i]!.read();
  });

  // Test that sender synchronizes with receiver even if the sender was blocked.
  // c := make(chan *int, 1); c <- nil; go func() { i := 42; c <- &i }(); time.Sleep(10ms); <-c; p := <-c; *p == 42
  noRace('TestNoRaceBlockedSendSync', async () => {
    const c = new Channel<Shared<number> | null>(1, { name: 'c' });
    await c.send(null);
    go(async () => {
      const i = shared('i', 0);
      await i.write(42);
      await c.send(i);
    });
    await sleep(10);
    await c.recv();
    const p = (await c.recv())!;
    assert((await p.read()) === 42, '*p != 42');
  });

  // The same, but the sender is unblocked in a select: select { case p := <-c: ...; case <-make(chan int): }
  noRace('TestNoRaceBlockedSelectSendSync', async () => {
    const c = new Channel<Shared<number> | null>(1, { name: 'c' });
    await c.send(null);
    go(async () => {
      const i = shared('i', 0);
      await i.write(42);
      await c.send(i);
    });
    await sleep(10);
    await c.recv();
    const r = await select([c.recvCase(), new Channel<number>(0, { name: 'never' }).recvCase()]);
    if (r.index === 0) assert((await (r.value as Shared<number>).read()) === 42, '*p != 42');
  });

  // Test that close synchronizes with a read from the empty closed channel (issue 36714).
  // for i := 0; i < 100; i++ { ... } — the loop repeats one iteration to catch a timing; exhaustive
  // exploration covers every interleaving of it, so two iterations are ported.
  noRace('TestNoRaceCloseHappensBeforeRead', async () => {
    for (let i = 0; i < 2; i++) {
      const loc = shared(`loc#${i}`, 0);
      const write = new Channel<object>(0, { name: `write#${i}` });
      const read = new Channel<object>(0, { name: `read#${i}` });
      go(async () => {
        const r = await select([write.recvCase()], { default: true });
        if (r.index === 0) await loc.read();
        await read.close();
      });
      go(async () => {
        await loc.write(1);
        await write.close();
      });
      await read.recv();
      await select([write.recvCase()], { default: true });
    }
  });

  // Test that we call the proper race detector function when c.elemsize == 0 (issue 42598).
  // c := make(chan struct{}, 2); c <- struct{}{}; c <- struct{}{}
  // go func() { x += 1; <-c }(); go func() { y += 1; <-c }(); time.Sleep(10ms)
  // c <- struct{}{}; c <- struct{}{}; x += 1; y += 1
  noRace('TestNoRaceElemetSize0', async () => {
    const x = shared('x', 0);
    const y = shared('y', 0);
    const c = new Channel<object>(2, { name: 'c' });
    await c.send({});
    await c.send({});
    go(async () => {
      await x.update((v) => v + 1);
      await c.recv();
    });
    go(async () => {
      await y.update((v) => v + 1);
      await c.recv();
    });
    await sleep(10);
    await c.send({});
    await c.send({});
    await x.update((v) => v + 1);
    await y.update((v) => v + 1);
  });
});
