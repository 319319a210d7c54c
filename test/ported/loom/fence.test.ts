// Ported from tokio-rs/loom tests/fence.rs.
import { describe, expect, it } from 'vitest';
import { thread, Arc, AtomicBool, UnsafeCell, Ordering, fence, assert } from '../../../src/rust.js';
import { model } from './helpers.js';

const { Relaxed, Release, Acquire, SeqCst } = Ordering;

describe('loom tests/fence.rs', () => {
  it('fence_sw_base', async () => {
    await model('fence_sw_base', async () => {
      const data = Arc.new(new UnsafeCell(0, 'data'));
      const flag = Arc.new(new AtomicBool(false, 'flag'));
      const [d1, f1] = [Arc.clone(data), Arc.clone(flag)];
      const th = thread.spawn(async () => {
        await d1.withMut(() => 42);
        await fence(Release);
        await f1.store(true, Relaxed);
      });
      if (await flag.load(Relaxed)) {
        await fence(Acquire);
        assert((await data.with((v) => v)) === 42, 'assert_eq!(42, data)');
      }
      (await th.join()).unwrap();
    });
  });

  it('fence_sw_collapsed_store', async () => {
    await model('fence_sw_collapsed_store', async () => {
      const data = Arc.new(new UnsafeCell(0, 'data'));
      const flag = Arc.new(new AtomicBool(false, 'flag'));
      const [d1, f1] = [Arc.clone(data), Arc.clone(flag)];
      const th = thread.spawn(async () => {
        await d1.withMut(() => 42);
        await f1.store(true, Release);
      });
      if (await flag.load(Relaxed)) {
        await fence(Acquire);
        assert((await data.with((v) => v)) === 42, 'assert_eq!(42, data)');
      }
      (await th.join()).unwrap();
    });
  });

  it('fence_sw_collapsed_load', async () => {
    await model('fence_sw_collapsed_load', async () => {
      const data = Arc.new(new UnsafeCell(0, 'data'));
      const flag = Arc.new(new AtomicBool(false, 'flag'));
      const [d1, f1] = [Arc.clone(data), Arc.clone(flag)];
      const th = thread.spawn(async () => {
        await d1.withMut(() => 42);
        await fence(Release);
        await f1.store(true, Relaxed);
      });
      if (await flag.load(Acquire)) {
        assert((await data.with((v) => v)) === 42, 'assert_eq!(42, data)');
      }
      (await th.join()).unwrap();
    });
  });

  // SeqCst fences, the hazard-pointer pattern: protect; fence; validate — unlink; fence; dispose.
  it('fence_hazard_pointer', async () => {
    await model('fence_hazard_pointer', async () => {
      const reachable = Arc.new(new AtomicBool(true, 'reachable'));
      const protectedF = Arc.new(new AtomicBool(false, 'protected'));
      const allocated = Arc.new(new AtomicBool(true, 'allocated'));
      const [r1, p1, a1] = [Arc.clone(reachable), Arc.clone(protectedF), Arc.clone(allocated)];
      const th = thread.spawn(async () => {
        await p1.store(true, Relaxed); // protect the object
        await fence(SeqCst);
        if (await r1.load(Relaxed)) {
          // validate the protection, then read the object
          assert(await a1.load(Relaxed), 'assert!(allocated.load(Relaxed))');
        }
      });
      await reachable.store(false, Relaxed); // unlink the object
      await fence(SeqCst);
      if (!(await protectedF.load(Relaxed))) await allocated.store(false, Relaxed); // dispose
      (await th.join()).unwrap();
    });
  });

  // RWC+syncs: SeqCst fences forbid t2 seeing x but not y while t3 sees y but not x.
  it('rwc_syncs', async () => {
    const outcomes = new Set<string>();
    await model('rwc_syncs', async () => {
      const x = Arc.new(new AtomicBool(false, 'x'));
      const y = Arc.new(new AtomicBool(false, 'y'));
      const [x2, y2, x3, y3] = [Arc.clone(x), Arc.clone(y), Arc.clone(x), Arc.clone(y)];
      const t2 = thread.spawn(async () => {
        if (await x2.load(Relaxed)) {
          await fence(SeqCst);
          return !(await y2.load(Relaxed));
        }
        return false;
      });
      const t3 = thread.spawn(async () => {
        await y3.store(true, Relaxed);
        await fence(SeqCst);
        return !(await x3.load(Relaxed));
      });
      await x.store(true, Relaxed);
      const a = (await t2.join()).unwrap();
      const b = (await t3.join()).unwrap();
      outcomes.add(`${a},${b}`);
      assert(!(a && b), 'assert!(!(a && b))');
    });
    expect([...outcomes].sort()).toEqual(['false,false', 'false,true', 'true,false']);
  });
});
