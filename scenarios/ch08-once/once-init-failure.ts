// Course ch08, misuse 2 "not initialised" (seed lines 2239–2253): f fails, and the Once is done
// anyway. The course's example: once.Do(func(){ googleConn, _ = net.Dial("tcp", "google.com:80") })
// fails behind a firewall, and googleConn.Write(...) then dereferences nil.
//
// The bug: Once marks itself done when f returns (or panics), whether or not the initialisation
// worked, and never runs f again. Here the first dial fails (the network is down for a moment);
// every later caller gets the nil connection.
// What simcc reports: panic, a TypeError reading `write` of null: the simulator's form of Go's
// `panic: runtime error: invalid memory address or nil pointer dereference`, on every schedule.
// Fixed twin: once-with-error-retry.ts
import { scenario, go, shared, Once, WaitGroup, type Shared } from 'simcc';

interface Conn {
  write(b: string): Promise<void>;
}

class Network {
  private dials = 0;
  readonly sent: Shared<string[]> = shared('net.sent', []);
  /** net.Dial: the first attempt fails. */
  async dial(addr: string): Promise<Conn | null> {
    if (this.dials++ === 0) return null; // dial tcp google.com:80: i/o timeout
    void addr;
    return {
      write: async (b) => {
        await this.sent.update((s) => [...s, b]);
      },
    };
  }
}

export default scenario({ name: 'ch08: Once with a failed init', expect: ['panic'] }, async () => {
  const net = new Network();
  const once = new Once('connOnce');
  let googleConn: Conn | null = null; // written only inside once.Do's f
  const getConn = async (): Promise<Conn> => {
    await once.do(async () => {
      googleConn = await net.dial('google.com:80'); // BUG: the error is ignored
    });
    return googleConn!;
  };
  const wg = new WaitGroup({ name: 'wg' });
  await wg.add(2);
  for (let i = 0; i < 2; i++) {
    go(async () => {
      try {
        const c = await getConn();
        await c.write('GET / HTTP/1.1\r\n\r\n'); // nil pointer dereference
      } finally {
        await wg.done();
      }
    }, `request-${i}`);
  }
  await wg.wait();
});
