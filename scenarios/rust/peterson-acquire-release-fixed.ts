// Rust std, atomics: Peterson's lock of peterson-acquire-release.ts with every flag and turn access
// SeqCst.
//
//   FLAG[me].store(true, Ordering::SeqCst);
//   TURN.store(other, Ordering::SeqCst);
//   while FLAG[other].load(Ordering::SeqCst) && TURN.load(Ordering::SeqCst) == other { yield_now(); }
//   ...
//   FLAG[me].store(false, Ordering::SeqCst);
//
// This is the fixed twin of peterson-acquire-release.ts. With all of them SeqCst, the stores and
// loads fall into one total order, so a thread cannot read the other's flag as down after the other
// raised it first: at most one enters. And the one that waits enters by reading the other's
// `flag = false` (a SeqCst store read by a SeqCst load synchronises), so the two increments are
// ordered.
// What simcc reports: nothing, on every schedule.
// Buggy twin: peterson-acquire-release.ts
import { scenario, thread, assert, AtomicBool, AtomicUsize, Ordering, UnsafeCell } from 'simcc/rust';

export default scenario("rust: Peterson's lock with SeqCst", async () => {
  const flag = [new AtomicBool(false, 'flag[0]'), new AtomicBool(false, 'flag[1]')] as const;
  const turn = new AtomicUsize(0, 'turn');
  const inside = new AtomicUsize(0, 'inside');
  const counter = new UnsafeCell(0, 'counter');

  const lock = async (me: 0 | 1) => {
    const other = me === 0 ? 1 : 0;
    await flag[me].store(true, Ordering.SeqCst); // FIX
    await turn.store(other, Ordering.SeqCst);
    while ((await flag[other].load(Ordering.SeqCst)) && (await turn.load(Ordering.SeqCst)) === other) {
      await thread.yieldNow();
    }
  };
  const unlock = async (me: 0 | 1) => {
    await flag[me].store(false, Ordering.SeqCst);
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
