// Rust std, atomics: Peterson's lock for two threads written with Release stores and Acquire loads,
// a classic of "Rust Atomics and Locks"-style exercises and of loom's test suites.
//
//   fn lock(me: usize) {
//       let other = 1 - me;
//       FLAG[me].store(true, Ordering::Release);
//       TURN.store(other, Ordering::Release);
//       while FLAG[other].load(Ordering::Acquire) && TURN.load(Ordering::Acquire) == other {
//           thread::yield_now();
//       }
//   }
//   fn unlock(me: usize) { FLAG[me].store(false, Ordering::Release); }
//   // each thread: lock(me); unsafe { *COUNTER.get() += 1 }; unlock(me);
//
// The bug: the algorithm needs "my flag is up" to be visible before "I read your flag", a store
// followed by a load of another location: exactly the store-buffering case (store-buffering.ts)
// that Release/Acquire does not order. Both threads may read the other's flag as still down and
// both enter.
// What simcc reports, depending on the schedule: assertion "two threads inside the critical section"
// (both are inside at once), or data-race on UnsafeCell 'counter' (they enter one after the other,
// but nothing orders the first one's increment before the second's).
// Fixed twin: peterson-acquire-release-fixed.ts
import { scenario, thread, assert, AtomicBool, AtomicUsize, Ordering, UnsafeCell } from 'simcc/rust';

export default scenario({ name: "rust: Peterson's lock with Acquire/Release", expect: ['assertion', 'data-race'] }, async () => {
  const flag = [new AtomicBool(false, 'flag[0]'), new AtomicBool(false, 'flag[1]')] as const;
  const turn = new AtomicUsize(0, 'turn');
  const inside = new AtomicUsize(0, 'inside'); // a Relaxed occupancy count: it orders nothing
  const counter = new UnsafeCell(0, 'counter');

  const lock = async (me: 0 | 1) => {
    const other = me === 0 ? 1 : 0;
    await flag[me].store(true, Ordering.Release); // BUG: not ordered before the load of flag[other]
    await turn.store(other, Ordering.Release);
    while ((await flag[other].load(Ordering.Acquire)) && (await turn.load(Ordering.Acquire)) === other) {
      await thread.yieldNow();
    }
  };
  const unlock = async (me: 0 | 1) => {
    await flag[me].store(false, Ordering.Release);
  };

  const handles = ([0, 1] as const).map((me) =>
    thread.spawn(async () => {
      await lock(me);
      assert((await inside.fetchAdd(1, Ordering.Relaxed)) === 0, 'two threads inside the critical section');
      await counter.withMut((c) => c + 1);
      await inside.fetchSub(1, Ordering.Relaxed);
      await unlock(me);
    }, `thread-${me}`),
  );
  for (const h of handles) (await h.join()).unwrap();
  assert((await counter.get()) === 2, 'an increment was lost');
});
