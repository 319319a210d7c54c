// Rust std, Mutex + Condvar: the bounded buffer of bounded-buffer-one-condvar.ts with one Condvar
// per condition.
//
//   struct Buffer { queue: Mutex<VecDeque<u32>>, not_full: Condvar, not_empty: Condvar }   // FIX
//   fn put(&self, v: u32) {
//       let mut q = self.not_full.wait_while(self.queue.lock().unwrap(), |q| q.len() == CAP).unwrap();
//       q.push_back(v);
//       self.not_empty.notify_one();               // only consumers wait here
//   }
//   fn take(&self) -> u32 {
//       let mut q = self.not_empty.wait_while(self.queue.lock().unwrap(), |q| q.is_empty()).unwrap();
//       let v = q.pop_front().unwrap();
//       self.not_full.notify_one();                // only producers wait here
//       v
//   }
//
// This is the fixed twin of bounded-buffer-one-condvar.ts. Every notification now reaches a thread
// that waits for exactly the condition that just became true. (notify_all on the single Condvar
// also works, at the price of waking everybody.)
// What simcc reports: nothing, on every schedule; all four values are taken.
// Buggy twin: bounded-buffer-one-condvar.ts
import { scenario, thread, drop, assert, Mutex, Condvar } from 'simcc/rust';

const CAP = 1;

export default scenario('rust: a bounded buffer with a Condvar per condition', async () => {
  const queue = new Mutex<number[]>([], { name: 'queue' });
  const notFull = new Condvar({ name: 'not_full' }); // FIX
  const notEmpty = new Condvar({ name: 'not_empty' });

  const put = async (v: number) => {
    const q = (await notFull.waitWhile((await queue.lock()).unwrap(), (q) => q.length === CAP)).unwrap();
    q.value.push(v);
    await notEmpty.notifyOne();
    await drop(q);
  };
  const take = async () => {
    const q = (await notEmpty.waitWhile((await queue.lock()).unwrap(), (q) => q.length === 0)).unwrap();
    const v = q.value.shift()!;
    await notFull.notifyOne();
    await drop(q);
    return v;
  };

  const producers = [0, 1].map((p) => thread.spawn(async () => { for (let i = 0; i < 2; i++) await put(p * 10 + i); }, `producer-${p}`));
  const consumers = [0, 1].map((c) =>
    thread.spawn(async () => {
      const got: number[] = [];
      for (let i = 0; i < 2; i++) got.push(await take());
      return got;
    }, `consumer-${c}`),
  );
  for (const h of producers) (await h.join()).unwrap();
  const taken: number[] = [];
  for (const h of consumers) taken.push(...(await h.join()).unwrap());
  assert(taken.sort((a, b) => a - b).join() === '0,1,10,11', `taken ${taken.join()}`);
});
