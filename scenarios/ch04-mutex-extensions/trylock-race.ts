// Course ch04, the TryLock demo (seed lines 1105–1125): a goroutine locks the mutex, sleeps
// rand.Intn(2) seconds (0 or 1) and unlocks; main sleeps 1 s and calls TryLock, printing "got the
// lock" or "can't get the lock". Go's TryLock (Go 1.18; the course builds its own, seed 1084–1099)
// never blocks: it succeeds only when nobody holds the lock.
//
// Not a bug: a demonstration of seeded nondeterminism. The random hold time is a select between
// two ready channels (which case wins is a scheduling choice), and at exactly t = 1 s the
// goroutine's unlock and main's TryLock tie: the schedule decides. Each seed always gives the same
// answer (`simcc run --seed N`). A successful TryLock synchronises like Lock; a failed one does
// not (nothing is read under it here).
// What simcc reports: nothing, on every schedule.
// Buggy twin: trylock-forgot-unlock.ts
import { scenario, go, sleep, select, Channel, Mutex, WaitGroup } from 'simcc';

export default scenario('ch04: TryLock against a holder of random duration', async () => {
  const mu = new Mutex({ name: 'mu' });
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    await mu.lock();
    const zero = new Channel<number>(1);
    const one = new Channel<number>(1);
    await zero.send(0);
    await one.send(1);
    const { value } = await select([zero.recvCase(), one.recvCase()]); // rand.Intn(2)
    await sleep((value as number) * 1000);
    await mu.unlock();
    await wg.done();
  }, 'holder');
  await sleep(1000);
  if (await mu.tryLock()) {
    // fmt.Println("got the lock")
    await mu.unlock();
  } else {
    // fmt.Println("can't get the lock")
  }
  await wg.wait();
});
