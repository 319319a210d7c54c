// Course ch08, "a wrong implementation" (seed lines 2189–2201): a Once made of one CAS,
// `if !atomic.CompareAndSwapUint32(&o.done, 0, 1) { return }; f()`.
//
// The bug: the CAS marks the Once done *before* f runs. When f is slow, another caller's CAS
// fails and it returns at once, then uses the resource f has not finished initialising (seed
// 2201: nil or half-built).
// What simcc reports: data-race on `conn` (f's write is not ordered before the early caller's read:
// the failed CAS synchronises with the successful one, which came before f's write), or, when the
// early caller's read comes first and finds nothing, panic (Go's nil pointer dereference).
// Fixed twin: once-basic.ts (sync.Once: callers wait for f, and f's end happens-before their return)
import { scenario, go, shared, AtomicInt, WaitGroup, type Shared } from 'simcc';

class BrokenOnce {
  private readonly done = new AtomicInt(0, 'once.done');
  async do(f: () => Promise<void>): Promise<void> {
    if (!(await this.done.compareAndSwap(0, 1))) return; // BUG: "done" before f has run
    await f();
  }
}

interface Conn {
  addr: string;
}

export default scenario({ name: 'ch08: a Once made of a single CAS', expect: ['data-race', 'panic'] }, async () => {
  const once = new BrokenOnce();
  const conn: Shared<Conn | null> = shared('conn', null);
  const getConn = async (): Promise<Conn> => {
    await once.do(async () => {
      // a slow net.DialTimeout
      await conn.write({ addr: 'baidu.com:80' });
    });
    return (await conn.read())!;
  };
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        const c = await getConn();
        void c.addr; // conn.Write(...): nil pointer dereference if f has not finished
      } finally {
        await wg.done();
      }
    }, `caller-${i}`);
  }
  await wg.wait();
});
