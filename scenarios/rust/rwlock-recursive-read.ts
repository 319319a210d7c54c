// Rust std, RwLock: the read-mostly Cache of the Go→Rust guide (seed 003, l.186–243) with a helper
// that takes the read lock again while it already holds it (pitfall P21 of the seed notes; the
// "potential deadlock" example of std's RwLock docs).
//
//   struct Cache { inner: RwLock<HashMap<String, String>> }
//   fn get(&self, k: &str) -> Option<String> { self.inner.read().unwrap().get(k).cloned() }
//   fn get_or_default(&self, k: &str) -> String {
//       let map = self.inner.read().unwrap();
//       if map.contains_key(k) { return self.get(k).unwrap(); }  // BUG: read() while `map` is alive
//       "default".into()
//   }
//   fn set(&self, k: String, v: String) { self.inner.write().unwrap().insert(k, v); }
//
// The bug: std's RwLock (the futex one, on Linux) prefers writers: once a writer waits, new readers
// wait behind it, including a thread that already holds a read guard. That reader waits for the
// writer, which waits for the reader's first guard.
// What simcc reports: deadlock, on the schedules where set's write() starts waiting between the two
// read()s: the reader waits for RwLock 'cache.inner' behind the writer, the writer waits for the
// reader's first guard, main waits in join.
// Fixed twin: rwlock-recursive-read-fixed.ts
import { scenario, thread, drop, RwLock } from 'simcc/rust';

export default scenario({ name: 'rust: a second read() of a std RwLock with a writer waiting', expect: ['deadlock'] }, async () => {
  const inner = new RwLock(new Map([['a', '1']]), { name: 'cache.inner' });

  const get = async (k: string) => {
    const map = (await inner.read()).unwrap();
    const v = map.value.get(k);
    await drop(map);
    return v;
  };
  const getOrDefault = async (k: string) => {
    const map = (await inner.read()).unwrap();
    const result = map.value.has(k) ? (await get(k))! : 'default'; // BUG: a second read() while `map` lives
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
