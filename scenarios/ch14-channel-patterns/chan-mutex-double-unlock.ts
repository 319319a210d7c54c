// Course ch14, a lock built on a channel (seed lines 4170–4229): its Unlock is
//   select { case m.ch <- struct{}{}: default: panic("unlock of unlocked mutex") }
// so unlocking twice is caught — as a user panic, which a caller could recover, unlike sync.Mutex's
// fatal `sync: unlock of unlocked mutex`.
//
// The bug: a function defers Unlock and also unlocks by hand on its error path, so the error path
// unlocks twice.
// What simcc reports: panic (`unlock of unlocked mutex`), in every schedule that takes the error
// path — here, always.
// Fixed twin: chan-mutex.ts
import { scenario, go, shared, panic, Channel, select, WaitGroup } from 'simcc';

class ChanMutex {
  private readonly ch = new Channel<void>(1, { name: 'm.ch' });

  static async create(): Promise<ChanMutex> {
    const m = new ChanMutex();
    await m.ch.send();
    return m;
  }

  async lock(): Promise<void> {
    await this.ch.recv();
  }

  async unlock(): Promise<void> {
    const r = await select([this.ch.sendCase()], { default: true });
    if (r.index === -1) panic('unlock of unlocked mutex');
  }
}

export default scenario({ name: 'ch14: a channel mutex unlocked twice', expect: ['panic'] }, async () => {
  const m = await ChanMutex.create();
  const balance = shared('balance', 100);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(1);
  go(async () => {
    await m.lock();
    try {
      const b = await balance.read();
      if (b < 150) {
        await m.unlock(); // BUG: the deferred unlock below runs too
        return;
      }
      await balance.write(b - 150);
    } finally {
      await m.unlock(); // defer m.Unlock()
      await wg.done();
    }
  }, 'withdraw');
  await wg.wait();
});
