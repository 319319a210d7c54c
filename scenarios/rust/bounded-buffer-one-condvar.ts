// Rust std, Mutex + Condvar: a bounded buffer for producer-consumer, the "DAG mode" of the Rust
// course's Condvar chapter (seed 000, l.6–8: "after the producer produces content there must be a
// way to tell the consumer"), with one Condvar for two conditions (demo 5 of the seed notes).
//
//   struct Buffer { queue: Mutex<VecDeque<u32>>, changed: Condvar }   // BUG: one Condvar
//   fn put(&self, v: u32) {
//       let mut q = self.changed.wait_while(self.queue.lock().unwrap(), |q| q.len() == CAP).unwrap();
//       q.push_back(v);
//       self.changed.notify_one();                  // may wake another producer
//   }
//   fn take(&self) -> u32 {
//       let mut q = self.changed.wait_while(self.queue.lock().unwrap(), |q| q.is_empty()).unwrap();
//       let v = q.pop_front().unwrap();
//       self.changed.notify_one();                  // may wake another consumer
//       v
//   }
//
// The bug: producers wait for "not full" and consumers for "not empty" on the same Condvar, and
// notify_one wakes one waiter of either kind. When a consumer's notification reaches the other
// consumer (or a producer's the other producer), the woken thread finds its condition false and
// waits again, and the notification that was needed is gone. Everybody ends up waiting.
// What simcc reports: deadlock, on the schedules where a notify_one wakes a thread of the same
// kind: the four threads wait on Condvar 'changed', main waits in join.
// Fixed twin: bounded-buffer-one-condvar-fixed.ts
import { scenario, thread, drop, Mutex, Condvar } from 'simcc/rust';

const CAP = 1;

export default scenario({ name: 'rust: a bounded buffer with one Condvar and notify_one', expect: ['deadlock'] }, async () => {
  const queue = new Mutex<number[]>([], { name: 'queue' });
  const changed = new Condvar({ name: 'changed' }); // BUG: one Condvar for "not full" and "not empty"

  const put = async (v: number) => {
    const q = (await changed.waitWhile((await queue.lock()).unwrap(), (q) => q.length === CAP)).unwrap();
    q.value.push(v);
    await changed.notifyOne();
    await drop(q);
  };
  const take = async () => {
    const q = (await changed.waitWhile((await queue.lock()).unwrap(), (q) => q.length === 0)).unwrap();
    const v = q.value.shift()!;
    await changed.notifyOne();
    await drop(q);
    return v;
  };

  const handles = [
    ...[0, 1].map((p) => thread.spawn(async () => { for (let i = 0; i < 2; i++) await put(p * 10 + i); }, `producer-${p}`)),
    ...[0, 1].map((c) => thread.spawn(async () => { for (let i = 0; i < 2; i++) await take(); }, `consumer-${c}`)),
  ];
  for (const h of handles) (await h.join()).unwrap();
});
