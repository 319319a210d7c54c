// Ported from awslabs/shuttle tests/basic/thread.rs.
import { describe, expect, it } from 'vitest';
import { thread, Arc, Mutex, AtomicUsize, AtomicBool, Ordering, assert } from '../../../src/rust.js';
import { dfs, passes } from './helpers.js';

const { SeqCst } = Ordering;

describe('shuttle tests/basic/thread.rs', () => {
  it('thread_join', async () => {
    await passes('thread_join', dfs(), async () => {
      const lock = Arc.new(new Mutex(0, { name: 'lock' }));
      const l = Arc.clone(lock);
      const h = thread.spawn(async () => {
        using g = (await l.lock()).unwrap();
        g.value = 1;
        return 42;
      });
      const r = (await h.join()).unwrap();
      assert(r === 42, 'assert_eq!(r, 42)');
      using g = (await lock.lock()).unwrap();
      assert(g.value === 1, 'assert_eq!(*lock.lock().unwrap(), 1)');
    });
  });

  it('thread_identity', async () => {
    await passes('thread_identity', dfs(), async () => {
      const me = thread.current().id;
      const h = thread.spawn(async () => {
        const id = thread.current().id;
        assert(id !== me, 'assert_ne!(id, me)');
        return id;
      });
      const childId = h.thread().id;
      const seen = (await h.join()).unwrap();
      assert(seen === childId, 'assert_eq!(h.thread().id(), child\'s thread::current().id())');
      assert(thread.current().id === me, 'assert_eq!(thread::current().id(), me)');
    });
  });

  it('thread_builder_name', async () => {
    await passes('thread_builder_name', dfs(), async () => {
      const h = thread.spawn(async () => {
        assert(thread.current().name === 'foo-thread', 'assert_eq!(thread::current().name(), Some("foo-thread"))');
      }, { name: 'foo-thread' });
      assert(h.thread().name === 'foo-thread', 'assert_eq!(handle.thread().name(), Some("foo-thread"))');
      (await h.join()).unwrap();
    });
  });

  // main yields after spawning; both orders of its load and the child's increment must be explored.
  it('thread_yield_point', async () => {
    let success = 0;
    await passes('thread_yield_point', dfs(), async () => {
      const lock = Arc.new(new AtomicUsize(0, 'lock'));
      const lockClone = Arc.clone(lock);
      thread.spawn(async () => void (await lockClone.fetchAdd(1, SeqCst)));
      await thread.yieldNow();
      const value = await lock.load(SeqCst);
      success |= 1 << value;
    });
    expect(success).toBe(0b11);
  });

  it('thread_park_unpark', async () => {
    await passes('thread_park_unpark', dfs(), async () => {
      const flag = Arc.new(new AtomicBool(false, 'flag'));
      const f = Arc.clone(flag);
      const parked = thread.spawn(async () => {
        while (!(await f.load(SeqCst))) await thread.park();
      });
      await flag.store(true, SeqCst);
      await parked.thread().unpark();
      (await parked.join()).unwrap();
    });
  });

  it('thread_unpark_before_park', async () => {
    await passes('thread_unpark_before_park', dfs(), async () => {
      await thread.current().unpark();
      await thread.park();
    });
  });

  it('thread_scope', async () => {
    await passes('thread_scope', dfs(), async () => {
      const counter = new AtomicUsize(0, 'counter');
      const lock = new Mutex<number[]>([], { name: 'v' });
      await thread.scope(async (s) => {
        for (let i = 0; i < 3; i++) {
          s.spawn(async () => {
            await counter.fetchAdd(1, SeqCst);
            using g = (await lock.lock()).unwrap();
            g.value.push(i);
          });
        }
      });
      assert((await counter.load(SeqCst)) === 3, 'assert_eq!(counter.load(SeqCst), 3)');
      using g = (await lock.lock()).unwrap();
      assert(g.value.length === 3, 'assert_eq!(v.len(), 3)');
    });
  });
});

// Not in shuttle's suite: the companion of thread_yield_point with the yield in the other thread.
describe('simcc additions (not in shuttle)', () => {
  // SIMCC DEFECT (it.fails): a yield_now() removes reachable outcomes, under explore, random and pct
  // alike. runtime/yield.ts (CHESS-style fair yields) lets a thread parked at a yield run only after
  // every goroutine enabled at that moment has taken a step, so the child can never do both increments
  // before main's load: the outcome 2 is never produced (without the yield it is). In Rust yield_now is
  // only a hint (the child may run on while main is not yet scheduled), shuttle's check_dfs explores it,
  // and yield.ts itself promises "no fair interleaving is lost". Minimal scenario: child: x.fetch_add(1);
  // yield_now(); x.fetch_add(1) — main: r = x.load(); join. Expected outcomes {0, 1, 2}; simcc: {0, 1}.
  it.fails('yield_now_is_only_a_hint', async () => {
    const seen = new Set<number>();
    await passes('yield_now_is_only_a_hint', dfs(), async () => {
      const x = Arc.new(new AtomicUsize(0, 'x'));
      const x1 = Arc.clone(x);
      const h = thread.spawn(async () => {
        await x1.fetchAdd(1, SeqCst);
        await thread.yieldNow();
        await x1.fetchAdd(1, SeqCst);
      });
      seen.add(await x.load(SeqCst));
      (await h.join()).unwrap();
    });
    expect([...seen].sort()).toEqual([0, 1, 2]);
  });
});
