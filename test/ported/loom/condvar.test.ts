// Ported from tokio-rs/loom tests/condvar.rs. loom's Condvar never wakes spuriously; simcc's may
// (§2b), which these tests tolerate because they wait in a loop over the state, as they should.
import { describe, it } from 'vitest';
import { thread, Arc, Mutex, Condvar, AtomicUsize, Ordering, drop } from '../../../src/rust.js';
import { model } from './helpers.js';

const { SeqCst } = Ordering;

class Inc {
  num = new AtomicUsize(0, 'num');
  mutex = new Mutex(null, { name: 'mutex' });
  condvar = new Condvar({ name: 'condvar' });

  async wait(): Promise<void> {
    let guard = (await this.mutex.lock()).unwrap();
    for (;;) {
      const val = await this.num.load(SeqCst);
      if (val === 1) break;
      guard = (await this.condvar.wait(guard)).unwrap();
    }
    await drop(guard);
  }

  async inc(): Promise<void> {
    await this.num.store(1, SeqCst);
    await drop((await this.mutex.lock()).unwrap());
    await this.condvar.notifyOne();
  }

  async incAll(): Promise<void> {
    await this.num.store(1, SeqCst);
    await drop((await this.mutex.lock()).unwrap());
    await this.condvar.notifyAll();
  }
}

describe('loom tests/condvar.rs', () => {
  it('notify_one', async () => {
    await model('notify_one', async () => {
      const inc = Arc.new(new Inc());
      for (let i = 0; i < 1; i++) {
        const c = Arc.clone(inc);
        thread.spawn(() => c.inc());
      }
      await inc.wait();
    });
  });

  it('notify_all', async () => {
    await model('notify_all', async () => {
      const inc = Arc.new(new Inc());
      const waiters = [];
      for (let i = 0; i < 2; i++) {
        const c = Arc.clone(inc);
        waiters.push(thread.spawn(() => c.wait()));
      }
      (await thread.spawn(() => inc.incAll()).join()).expect('inc');
      for (const th of waiters) (await th.join()).expect('waiter');
    });
  });
});
