// Rust std, Barrier: n threads meet, and exactly one of them is told it is the leader (std's
// Barrier docs; the seed notes §2.13).
//
//   let barrier = Arc::new(Barrier::new(N));
//   let leaders = Arc::new(AtomicUsize::new(0));
//   let handles: Vec<_> = (0..N).map(|_| {
//       let (b, l) = (Arc::clone(&barrier), Arc::clone(&leaders));
//       thread::spawn(move || { if b.wait().is_leader() { l.fetch_add(1, Ordering::Relaxed); } })
//   }).collect();
//   for h in handles { h.join().unwrap(); }
//   assert_eq!(leaders.load(Ordering::Relaxed), 1);
//
// No bug: this is the fixed twin of barrier-one-thread-short.ts. The barrier is reusable: a second
// round with the same threads has its own leader, so there are two in all.
// What simcc reports: nothing, on every schedule; one leader per round.
// Buggy twin: barrier-one-thread-short.ts
import { scenario, thread, assert, Barrier, AtomicUsize, Ordering } from 'simcc/rust';

const N = 3;
const ROUNDS = 2;

export default scenario('rust: a Barrier with one leader per round', async () => {
  const barrier = new Barrier(N);
  const leaders = new AtomicUsize(0, 'leaders');
  const handles = Array.from({ length: N }, (_, i) =>
    thread.spawn(async () => {
      for (let round = 0; round < ROUNDS; round++) {
        if ((await barrier.wait()).isLeader) await leaders.fetchAdd(1, Ordering.Relaxed);
      }
    }, `thread-${i}`),
  );
  for (const h of handles) (await h.join()).unwrap();
  assert((await leaders.load(Ordering.Relaxed)) === ROUNDS, 'not exactly one leader per round');
});
