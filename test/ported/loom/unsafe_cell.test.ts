// Ported from tokio-rs/loom tests/unsafe_cell.rs. loom's "causality violation" is simcc's data-race.
import { describe, it } from 'vitest';
import { thread, Arc, AtomicUsize, UnsafeCell, Ordering, assert } from '../../../src/rust.js';
import { model, modelFails } from './helpers.js';

const { Relaxed, Release, Acquire } = Ordering;

class Chan {
  data = new UnsafeCell(0, 'data');
  guard = new AtomicUsize(0, 'guard');
  constructor(private readonly getOrdering: Ordering) {}
  async set(): Promise<void> {
    await this.data.withMut((v) => v + 123);
    await this.guard.store(1, Release);
  }
  async get(): Promise<void> {
    if ((await this.guard.load(this.getOrdering)) === 0) return;
    await this.data.with((v) => assert(v === 123, 'assert_eq!(*v, 123)'));
  }
}

/** `#[derive(Clone)] struct Data(Arc<UnsafeCell<usize>>)`. */
class Data {
  constructor(readonly cell: UnsafeCell<number>) {}
  static new(v: number): Data {
    return new Data(new UnsafeCell(v, 'data'));
  }
  clone(): Data {
    return new Data(this.cell);
  }
  get(): Promise<number> {
    return this.cell.with((v) => v);
  }
  async inc(): Promise<number> {
    await this.cell.withMut((v) => v + 1);
    return this.cell.with((v) => v); // with_mut(|v| { *v += 1; *v })
  }
}

describe('loom tests/unsafe_cell.rs', () => {
  it('atomic_causality_success', async () => {
    await model('atomic_causality_success', async () => {
      const chan = Arc.new(new Chan(Acquire));
      const c = Arc.clone(chan);
      const th = thread.spawn(() => c.set());
      await chan.get(); // try getting before joining
      (await th.join()).unwrap();
      await chan.get();
    });
  });

  // #[should_panic]
  it('atomic_causality_fail', async () => {
    await modelFails(
      'atomic_causality_fail',
      async () => {
        const chan = Arc.new(new Chan(Relaxed));
        const c = Arc.clone(chan);
        const th = thread.spawn(() => c.set());
        await chan.get();
        (await th.join()).unwrap();
        await chan.get();
      },
      ['data-race'],
    );
  });

  // #[should_panic]
  it('unsafe_cell_race', async () => {
    await modelFails(
      'unsafe_cell_race',
      async () => {
        const x = Data.new(0);
        const y = x.clone();
        const th1 = thread.spawn(() => x.inc());
        await y.inc();
        (await th1.join()).unwrap();
        assert((await y.get()) === 2, 'assert_eq!(2, y.get())');
      },
      ['data-race'],
    );
  });

  it('unsafe_cell_ok_1', async () => {
    await model('unsafe_cell_ok_1', async () => {
      const x0 = Data.new(1);
      assert((await x0.inc()) === 2, 'assert_eq!(2, x.inc())');
      const th1 = thread.spawn(async () => {
        assert((await x0.inc()) === 3, 'assert_eq!(3, x.inc())');
        return x0;
      });
      const x = (await th1.join()).unwrap();
      assert((await x.inc()) === 4, 'assert_eq!(4, x.inc())');
    });
  });

  it('unsafe_cell_ok_2', async () => {
    await model('unsafe_cell_ok_2', async () => {
      const x0 = Data.new(1);
      assert((await x0.get()) === 1, 'assert_eq!(1, x.get())');
      assert((await x0.inc()) === 2, 'assert_eq!(2, x.inc())');
      const th1 = thread.spawn(async () => {
        assert((await x0.get()) === 2, 'assert_eq!(2, x.get())');
        assert((await x0.inc()) === 3, 'assert_eq!(3, x.inc())');
        return x0;
      });
      const x = (await th1.join()).unwrap();
      assert((await x.get()) === 3, 'assert_eq!(3, x.get())');
      assert((await x.inc()) === 4, 'assert_eq!(4, x.inc())');
    });
  });

  it('unsafe_cell_ok_3', async () => {
    await model('unsafe_cell_ok_3', async () => {
      const x = Data.new(1);
      const y = x.clone();
      const th1 = thread.spawn(async () => {
        assert((await x.get()) === 1, 'assert_eq!(1, x.get())');
        const z = x.clone();
        const th2 = thread.spawn(async () => {
          assert((await z.get()) === 1, 'assert_eq!(1, z.get())');
        });
        assert((await x.get()) === 1, 'assert_eq!(1, x.get())');
        (await th2.join()).unwrap();
      });
      assert((await y.get()) === 1, 'assert_eq!(1, y.get())');
      (await th1.join()).unwrap();
      assert((await y.inc()) === 2, 'assert_eq!(2, y.inc())');
    });
  });

  // #[should_panic]
  it('unsafe_cell_access_after_sync', async () => {
    await modelFails(
      'unsafe_cell_access_after_sync',
      async () => {
        const s1 = Arc.new({ a: new AtomicUsize(0, 's.0'), c: new UnsafeCell(0, 's.1') });
        const s2 = Arc.clone(s1);
        thread.spawn(async () => {
          await s1.a.store(1, Relaxed);
          await s1.c.withMut(() => 1);
        });
        if ((await s2.a.load(Relaxed)) === 1) await s2.c.withMut(() => 2);
      },
      ['data-race'],
    );
  });
});
