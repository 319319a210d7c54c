// Course ch14, a lock built on a channel (seed lines 4167–4168), design B: a channel of capacity one
// that starts empty; the empty slot is the lock. Lock sends, Unlock receives.
//
// No bug: three goroutines increment a plain counter under this lock.
// What simcc reports: nothing, in every schedule. This is the design that needs the memory model's
// fourth channel rule — on a channel of capacity C the k-th receive happens-before the (k+C)-th send
// completes — because the unlocking receive must happen-before the next locking send (the extract
// calls it a regression test for the happens-before tracker: without the rule, a false race).
// See also: chan-mutex.ts (design A), chan-semaphore.ts (capacity N).
import { scenario, go, shared, assert, panic, Channel, select, WaitGroup } from 'simcc';

class SlotMutex {
  private readonly ch = new Channel<void>(1, { name: 'm.ch' });

  async lock(): Promise<void> {
    await this.ch.send();
  }

  async unlock(): Promise<void> {
    const r = await select([this.ch.recvCase()], { default: true });
    if (r.index === -1) panic('unlock of unlocked mutex');
  }
}

export default scenario('ch14: a mutex made of an empty channel slot', async () => {
  const m = new SlotMutex();
  const counter = shared('counter', 0);
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(3);
  for (let i = 0; i < 3; i++) {
    go(async () => {
      await m.lock();
      await counter.update((c) => c + 1);
      await m.unlock();
      await wg.done();
    }, `worker-${i}`);
  }
  await wg.wait();
  assert((await counter.read()) === 3, 'an increment was lost');
});
