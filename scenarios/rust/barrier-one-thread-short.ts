// Rust std, Barrier: a Barrier::new(n) that only n - 1 threads ever reach (the seed notes §2.13: "a
// hang shows up when fewer than n participants ever arrive").
//
//   let barrier = Arc::new(Barrier::new(4));       // BUG: sized for 4...
//   let handles: Vec<_> = (0..3).map(|_| {         // ...but 3 threads wait on it
//       let b = Arc::clone(&barrier);
//       thread::spawn(move || { b.wait(); })
//   }).collect();
//   for h in handles { h.join().unwrap(); }
//
// The bug: wait returns only when n threads are waiting. Three wait forever for a fourth.
// What simcc reports: deadlock: the three threads wait on the Barrier (3 of 4 arrived), main waits in
// join.
// Fixed twin: barrier-leader.ts
import { scenario, thread, Barrier } from 'simcc/rust';

const THREADS = 3;

export default scenario({ name: 'rust: a Barrier one thread short', expect: ['deadlock'] }, async () => {
  const barrier = new Barrier(THREADS + 1); // BUG: nobody else will call wait
  const handles = Array.from({ length: THREADS }, (_, i) =>
    thread.spawn(async () => {
      await barrier.wait();
    }, `thread-${i}`),
  );
  for (const h of handles) (await h.join()).unwrap();
});
