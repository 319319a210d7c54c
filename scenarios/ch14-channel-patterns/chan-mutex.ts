// Course ch14, a lock built on a channel (seed lines 4164–4231), design A: a channel of capacity one,
// pre-filled with a token. Lock receives the token, Unlock puts it back (with `select … default` to
// catch an unlock of an unlocked mutex), TryLock is a receive with `default`, LockTimeout a select
// against a timer, and IsLocked is `len(m.ch) == 0`.
//
// No bug: the course's main (TryLock → true, then TryLock → false), then three goroutines that update
// a plain counter under the lock: one with Lock, one with TryLock, one with LockTimeout.
// What simcc reports: nothing, in every schedule: the send that puts the token back happens-before the
// receive that takes it (the memory model's first channel rule), so the counter raises no false race.
// See also: chan-mutex-empty-slot.ts (design B), chan-mutex-double-unlock.ts (the misuse).
import { scenario, go, shared, assert, panic, newTimer, Channel, select, WaitGroup } from 'simcc';

class ChanMutex {
  private readonly ch = new Channel<void>(1, { name: 'm.ch' });

  static async create(): Promise<ChanMutex> {
    const m = new ChanMutex();
    await m.ch.send(); // the token
    return m;
  }

  async lock(): Promise<void> {
    await this.ch.recv();
  }

  async unlock(): Promise<void> {
    const r = await select([this.ch.sendCase()], { default: true });
    if (r.index === -1) panic('unlock of unlocked mutex');
  }

  async tryLock(): Promise<boolean> {
    return (await select([this.ch.recvCase()], { default: true })).index === 0;
  }

  async lockTimeout(ms: number): Promise<boolean> {
    const timer = newTimer(ms);
    const r = await select([this.ch.recvCase(), timer.c.recvCase()]);
    if (r.index === 0) await timer.stop();
    return r.index === 0;
  }

  async isLocked(): Promise<boolean> {
    return (await this.ch.len()) === 0; // a snapshot only
  }
}

export default scenario('ch14: a mutex made of a channel with one token', async () => {
  const m = await ChanMutex.create();
  assert((await m.tryLock()) === true, 'locked v true');
  assert((await m.tryLock()) === false, 'locked false');
  assert(await m.isLocked());
  await m.unlock();

  const counter = shared('counter', 0);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  go(async () => {
    await m.lock();
    await counter.update((c) => c + 1);
    await m.unlock();
    await wg.done();
  }, 'locker');
  go(async () => {
    if (await m.tryLock()) {
      await counter.update((c) => c + 1);
      await m.unlock();
    }
    await wg.done();
  }, 'try-locker');
  go(async () => {
    if (await m.lockTimeout(100)) {
      await counter.update((c) => c + 1);
      await m.unlock();
    }
    await wg.done();
  }, 'timeout-locker');
  await wg.wait();
  await m.lock();
  const n = await counter.read();
  await m.unlock();
  assert(n >= 1 && n <= 3, `counter ${n}`);
});
