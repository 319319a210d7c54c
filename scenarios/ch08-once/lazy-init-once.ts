// Course ch08, lazy initialisation two ways (seed lines 2066–2099 and 2113–2137): getConn() with a
// Mutex (lock, check conn, dial if nil, unlock) is correct but takes the lock on every call (seed
// 2099); with sync.Once, callers after the first pay only Once's atomic fast path.
//
// This is a fixed twin of double-checked-init-without-once.ts: both getters here are correct.
// What simcc reports: nothing, on every schedule.
import { scenario, go, shared, Mutex, Once, WaitGroup, assert, type Shared } from 'simcc';

export default scenario('ch08: lazy connection with a Mutex and with Once', async () => {
  const connMu = new Mutex({ name: 'connMu' });
  const conn1: Shared<string | null> = shared('conn1', null);
  const getConnMutex = async (): Promise<string> => {
    await connMu.lock();
    try {
      const c = await conn1.read();
      if (c !== null) return c;
      await conn1.write('conn to baidu.com:80'); // net.DialTimeout("tcp", "baidu.com:80", 10s)
      return (await conn1.read())!;
    } finally {
      await connMu.unlock();
    }
  };

  const once = new Once('connOnce');
  const conn2: Shared<string | null> = shared('conn2', null);
  const getConnOnce = async (): Promise<string> => {
    await once.do(() => conn2.write('conn to baidu.com:80'));
    return (await conn2.read())!;
  };

  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        assert((await getConnMutex()) === (await getConnOnce()));
      } finally {
        await wg.done();
      }
    }, `caller-${i}`);
  }
  await wg.wait();
});
