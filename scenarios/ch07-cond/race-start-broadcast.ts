// Course ch07, the usage example "100 m race start" (seed lines 1820–1851). Ten athletes get
// ready after a random time (here four, with fixed times on the virtual clock), each one taking
// c.L to do ready++ and then calling Broadcast without holding it. The referee waits on the Cond
// in a loop until all are ready, then starts the race.
//
// Correct Cond use: Wait is called with c.L held, inside `for ready != N`, so a wake-up only means
// "check again" (seed 1852), and a Broadcast that comes before the referee waits is harmless
// because the referee checks the count first.
// What simcc reports: nothing, on every schedule; the referee may be woken several times.
// Buggy twins: wait-without-lock.ts, wait-without-loop.ts
import { scenario, go, shared, sleep, Mutex, Cond, assert } from 'simcc';

const N = 4;

export default scenario('ch07: race start with Cond.Broadcast, Wait in a loop', async () => {
  const c = new Cond(new Mutex({ name: 'c.L' }), 'c');
  const ready = shared('ready', 0);
  const readyAfter = [3000, 0, 7000, 1000]; // rand.Int63n(10) seconds
  for (let i = 0; i < N; i++) {
    go(async () => {
      await sleep(readyAfter[i]!);
      await c.L.lock();
      await ready.update((v) => v + 1);
      await c.L.unlock();
      // log.Printf("运动员#%d 已准备就绪\n", i)
      await c.broadcast();
    }, `athlete-${i}`);
  }
  await c.L.lock();
  while ((await ready.read()) !== N) {
    await c.wait();
    // log.Println("裁判员被唤醒一次")
  }
  const started = await ready.read();
  await c.L.unlock();
  assert(started === N, 'the race started before everyone was ready');
  // log.Println("所有运动员都准备就绪。比赛开始，3，2，1, ......")
});
