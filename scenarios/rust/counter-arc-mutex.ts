// Rust std, Arc<Mutex<T>>: the shared counter of the Go→Rust guide (seed 003, l.82–101) and of the
// Rust Book, with ten threads.
//
//   let counter = Arc::new(Mutex::new(0));
//   let mut handles = vec![];
//   for _ in 0..10 {
//       let counter = Arc::clone(&counter);
//       handles.push(thread::spawn(move || { *counter.lock().unwrap() += 1; }));
//   }
//   for h in handles { h.join().unwrap(); }
//   println!("count = {}", *counter.lock().unwrap());   // 10
//
// No bug: this is the fixed twin of counter-unsafe-cell.ts. Each guard's drop (at the end of the
// statement in Rust, of the function here through `using`) happens-before the next lock, and each
// join happens-before main's last lock. Arc.new and Arc.clone are there so that the code reads as
// Rust; a JS reference is shared already.
// What simcc reports: nothing, on every schedule; the count is 10.
// Buggy twin: counter-unsafe-cell.ts
import { scenario, thread, assert, Arc, Mutex } from 'simcc/rust';

const N = 10;

export default scenario('rust: a counter in an Arc<Mutex<usize>>', async () => {
  const counter = Arc.new(new Mutex(0, { name: 'counter' }));
  const handles = Array.from({ length: N }, (_, i) => {
    const counter2 = Arc.clone(counter);
    return thread.spawn(async () => {
      using num = (await counter2.lock()).unwrap();
      num.value += 1;
    }, `thread-${i}`);
  });
  for (const h of handles) (await h.join()).unwrap();
  using total = (await counter.lock()).unwrap();
  assert(total.value === N, `count = ${total.value}`);
});
