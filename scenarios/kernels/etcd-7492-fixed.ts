// Kernel of etcd #7492, fixed the way etcd did: the keeper's token map is guarded by its own mutex
// instead of being fed over a channel, and a tick collects the expired tokens under tm.mu and deletes
// them (deleteTokenFunc takes simpleTokensMu) after releasing it, so nobody holds one lock while
// waiting for the other's holder.
//
// No bug.
// Buggy twin: etcd-7492-token-keeper-deadlock.ts
import { scenario, go, sleep, now, newTimer, select, Channel, Mutex, GoMap } from 'simcc';

const TTL = 30; // simpleTokenTTL
const RESOLUTION = 10; // simpleTokenTTLResolution, the ticker's period

class SimpleTokenTTLKeeper {
  readonly mu = new Mutex({ name: 'tm.mu' });
  readonly tokens = new GoMap<string, number>('tm.tokens');
  readonly stopCh = new Channel<void>(0, { name: 'tm.stopCh' });
  readonly donec = new Channel<void>(0, { name: 'tm.donec' });

  constructor(private readonly deleteTokenFunc: (t: string) => Promise<void>) {
    go(() => this.run(), 'simpleTokenKeeper.run');
  }

  private async run(): Promise<void> {
    const ticker = newTimer(RESOLUTION, 'tokenTicker');
    for (;;) {
      const r = await select([ticker.c.recvCase(), this.stopCh.recvCase()]);
      if (r.index === 0) {
        await ticker.reset(RESOLUTION);
        const t0 = now();
        const expired: string[] = [];
        await this.mu.lock();
        for (const [t, end] of await this.tokens.entries()) {
          if (t0 >= end) {
            expired.push(t);
            await this.tokens.delete(t);
          }
        }
        await this.mu.unlock();
        for (const t of expired) await this.deleteTokenFunc(t); // FIX: tm.mu not held
      } else {
        await ticker.stop();
        await this.donec.close();
        return;
      }
    }
  }

  async addSimpleToken(token: string): Promise<void> {
    await this.mu.lock(); // FIX: no channel hand-off
    await this.tokens.set(token, now() + TTL);
    await this.mu.unlock();
  }

  async stop(): Promise<void> {
    await this.stopCh.send();
    await this.donec.recv();
  }
}

class AuthStore {
  readonly simpleTokensMu = new Mutex({ name: 'as.simpleTokensMu' });
  readonly simpleTokens = new GoMap<string, string>('as.simpleTokens');
  readonly keeper = new SimpleTokenTTLKeeper(async (t) => {
    await this.simpleTokensMu.lock();
    await this.simpleTokens.delete(t);
    await this.simpleTokensMu.unlock();
  });

  async assignSimpleTokenToUser(username: string, token: string): Promise<void> {
    await this.simpleTokensMu.lock();
    await this.simpleTokens.set(token, username);
    await this.keeper.addSimpleToken(token);
    await this.simpleTokensMu.unlock();
  }
}

export default scenario('etcd 7492 fixed: keeper guarded by its own mutex', async () => {
  const as = new AuthStore();
  await as.assignSimpleTokenToUser('root', 'tok-1');
  await sleep(TTL + 5);
  await as.assignSimpleTokenToUser('root', 'tok-2');
  await as.keeper.stop();
});
