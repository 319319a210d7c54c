// Ported from tokio-rs/loom tests/mutex.rs.
import { describe, it } from 'vitest';
import { thread, Arc, Mutex, AtomicUsize, UnsafeCell, Ordering, assert } from '../../../src/rust.js';
import { model } from './helpers.js';

const { SeqCst } = Ordering;

describe('loom tests/mutex.rs', () => {
  it('mutex_enforces_mutal_exclusion', async () => {
    await model('mutex_enforces_mutal_exclusion', async () => {
      const data = Arc.new({ m: new Mutex(0, { name: 'data.0' }), n: new AtomicUsize(0, 'data.1') });
      const ths = [0, 1].map(() => {
        const d = Arc.clone(data);
        return thread.spawn(async () => {
          using locked = (await d.m.lock()).unwrap();
          const prev = await d.n.fetchAdd(1, SeqCst);
          assert(prev === locked.value, 'assert_eq!(prev, *locked)');
          locked.value += 1;
        });
      });
      for (const th of ths) (await th.join()).unwrap();
      using locked = (await data.m.lock()).unwrap();
      assert(locked.value === (await data.n.load(SeqCst)), 'assert_eq!(*locked, data.1.load(SeqCst))');
    });
  });

  it('mutex_establishes_seq_cst', async () => {
    await model('mutex_establishes_seq_cst', async () => {
      const data = Arc.new({ cell: new UnsafeCell(0, 'cell'), flag: new Mutex(false, { name: 'flag' }) });
      {
        const d = Arc.clone(data);
        thread.spawn(async () => {
          await d.cell.withMut(() => 1);
          using g = (await d.flag.lock()).unwrap();
          g.value = true;
        });
      }
      let flag: boolean;
      {
        using g = (await data.flag.lock()).unwrap();
        flag = g.value;
      }
      if (flag) {
        const v = await data.cell.with((x) => x);
        assert(v === 1, 'assert_eq!(v, 1)');
      }
    });
  });

  it('mutex_into_inner', async () => {
    await model('mutex_into_inner', async () => {
      const lock = Arc.new(new Mutex(0, { name: 'lock' }));
      const ths = [0, 1].map(() => {
        const l = Arc.clone(lock);
        return thread.spawn(async () => {
          using g = (await l.lock()).unwrap();
          g.value += 1;
        });
      });
      for (const th of ths) (await th.join()).unwrap();
      // Arc::try_unwrap(lock).unwrap(): the JS reference is the Mutex itself.
      const v = (await Arc.deref(lock).intoInner()).unwrap();
      assert(v === 2, 'assert_eq!(lock, 2)');
    });
  });
});
