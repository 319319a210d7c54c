// Rust std, RwLock: the Cache of rwlock-recursive-read.ts, with get_or_default answering from the
// guard it already holds.
//
//   fn get_or_default(&self, k: &str) -> String {
//       let map = self.inner.read().unwrap();
//       map.get(k).cloned().unwrap_or_else(|| "default".into())   // FIX: one read() per call
//   }
//
// This is the fixed twin of rwlock-recursive-read.ts. A thread never asks for the lock it holds, so
// a waiting writer only makes it wait for the reader's guard to go, never the other way round.
// What simcc reports: nothing, on every schedule.
// Buggy twin: rwlock-recursive-read.ts
import { scenario, thread, drop, RwLock } from 'simcc/rust';

export default scenario('rust: one read() per call of a std RwLock', async () => {
  const inner = new RwLock(new Map([['a', '1']]), { name: 'cache.inner' });

  const getOrDefault = async (k: string) => {
    const map = (await inner.read()).unwrap();
    const result = map.value.get(k) ?? 'default'; // FIX
    await drop(map);
    return result;
  };
  const set = async (k: string, v: string) => {
    const map = (await inner.write()).unwrap();
    map.value.set(k, v);
    await drop(map);
  };

  const reader = thread.spawn(() => getOrDefault('a'), 'reader');
  const writer = thread.spawn(() => set('b', '2'), 'writer');
  (await reader.join()).unwrap();
  (await writer.join()).unwrap();
});
