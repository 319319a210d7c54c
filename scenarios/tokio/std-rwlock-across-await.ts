// tokio: a std RwLock write guard held across an await (the seed's pitfall P5 with an RwLock): on
// current_thread a reader task that calls the std `read()` meanwhile blocks the only worker, so the
// writer, suspended at its sleep, can never resume to drop its guard.
//
//   let cfg = std::sync::RwLock::new(Config::default());
//   tokio::spawn(async { let mut g = cfg.write().unwrap(); g.reload(); sleep(10ms).await; /* BUG */ });
//   tokio::spawn(async { started.notified().await; let g = cfg.read().unwrap(); use(&*g); });
//
// What simcc reports: blocking-in-async (task 'reader' blocks worker 1 of 1 in std RwLock::read of
// 'cfg': task 'writer' holds it while suspended at an await), then the deadlock it causes.
// Fixed twin: std-rwlock-across-await-fixed.ts
import { scenario, spawn, sleep, Notify } from 'simcc/tokio';
import { RwLock, drop } from 'simcc/rust';

export default scenario(
  { name: 'tokio: a std RwLock write guard held across an await', expect: ['blocking-in-async', 'deadlock'], runtime: { flavor: 'current_thread' } },
  async () => {
    const cfg = new RwLock({ version: 0 }, { name: 'cfg' });
    const started = new Notify({ name: 'started' });
    const writer = spawn(async () => {
      const g = (await cfg.write()).unwrap();
      started.notifyOne();
      await sleep(10); // BUG: the std write guard is alive across this await
      g.value.version += 1;
      await drop(g);
    }, 'writer');
    const reader = spawn(async () => {
      await started.notified();
      const g = (await cfg.read()).unwrap(); // blocks the only worker while 'writer' is suspended
      const v = g.value.version;
      await drop(g);
      return v;
    }, 'reader');
    (await writer.join()).unwrap();
    (await reader.join()).unwrap();
  },
);
