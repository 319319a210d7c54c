// Course ch08, extension 1 "a Once that returns an error and retries" (seed lines 2255–2283):
// Do(f func() error) error. The fast path is an atomic load of done; the slow path takes the
// mutex, checks done again, calls f and sets done (an atomic store) only when f succeeded, so a
// later call tries again.
//
// This is the fixed twin of once-init-failure.ts: the first dial fails, the caller gets the error
// and handles it, and the next caller dials again and succeeds.
// What simcc reports: nothing, on every schedule. The atomic store of done after f happens-before
// the fast-path load that sees it, so no read of `conn` races with its write.
import { scenario, go, shared, AtomicInt, Mutex, WaitGroup, assert, type Shared } from 'simcc';

class ErrOnce {
  private readonly m = new Mutex({ name: 'once.m' });
  private readonly done = new AtomicInt(0, 'once.done');

  async do(f: () => Promise<Error | null>): Promise<Error | null> {
    if ((await this.done.load()) === 1) return null; // fast path
    return this.slowDo(f);
  }

  private async slowDo(f: () => Promise<Error | null>): Promise<Error | null> {
    await this.m.lock();
    try {
      if ((await this.done.load()) === 0) {
        const err = await f();
        if (err === null) await this.done.store(1); // done only on success
        return err;
      }
      return null;
    } finally {
      await this.m.unlock();
    }
  }
}

export default scenario('ch08: a Once that retries until f succeeds', async () => {
  let dials = 0;
  const conn: Shared<string | null> = shared('conn', null);
  const once = new ErrOnce();
  const getConn = async (): Promise<string | null> => {
    const err = await once.do(async () => {
      if (dials++ === 0) return new Error('dial tcp google.com:80: i/o timeout');
      await conn.write('conn to google.com:80');
      return null;
    });
    if (err !== null) return null; // the caller sees the error
    return conn.read();
  };
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        await getConn(); // may fail: the request is retried below
      } finally {
        await wg.done();
      }
    }, `request-${i}`);
  }
  await wg.wait();
  assert((await getConn()) === 'conn to google.com:80', 'the retry did not connect');
});
