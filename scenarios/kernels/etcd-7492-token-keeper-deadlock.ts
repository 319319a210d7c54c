// Kernel of etcd #7492 (GoKer blocking/etcd/7492): auth's simple-token TTL keeper. Its run loop
// serves a ticker and a channel of new tokens; on a tick it deletes the expired tokens through
// deleteTokenFunc, which takes simpleTokensMu. assignSimpleTokenToUser holds simpleTokensMu while it
// hands the new token to the keeper over the unbuffered addSimpleTokenCh:
//   func (as *authStore) assignSimpleTokenToUser(username, token string) {
//       as.simpleTokensMu.Lock()
//       as.simpleTokens[token] = username
//       as.simpleTokenKeeper.addSimpleToken(token)   // tm.addSimpleTokenCh <- token
//       as.simpleTokensMu.Unlock()
//   }
//
// The bug: a tick that finds an expired token while a user is being assigned a token: the keeper
// waits for simpleTokensMu (in deleteTokenFunc), the assigner holds it and waits for the keeper to
// receive its token. A mutex/channel cycle.
// Expected finding: deadlock.
// Fixed twin: etcd-7492-fixed.ts
import { scenario, go, sleep, now, newTimer, select, Channel, Mutex, GoMap } from 'simcc';

const TTL = 30; // simpleTokenTTL
const RESOLUTION = 10; // simpleTokenTTLResolution, the ticker's period

class SimpleTokenTTLKeeper {
  readonly tokens = new GoMap<string, number>('tm.tokens');
  readonly addSimpleTokenCh = new Channel<string>(0, { name: 'tm.addSimpleTokenCh' });
  readonly stopCh = new Channel<void>(0, { name: 'tm.stopCh' });
  readonly donec = new Channel<void>(0, { name: 'tm.donec' });

  constructor(private readonly deleteTokenFunc: (t: string) => Promise<void>) {
    go(() => this.run(), 'simpleTokenKeeper.run');
  }

  private async run(): Promise<void> {
    const ticker = newTimer(RESOLUTION, 'tokenTicker');
    for (;;) {
      const r = await select([this.addSimpleTokenCh.recvCase(), ticker.c.recvCase(), this.stopCh.recvCase()]);
      if (r.index === 0) {
        await this.tokens.set(r.value as string, now() + TTL);
      } else if (r.index === 1) {
        await ticker.reset(RESOLUTION);
        const t0 = now();
        for (const [t, end] of await this.tokens.entries()) {
          if (t0 >= end) {
            await this.deleteTokenFunc(t); // takes simpleTokensMu
            await this.tokens.delete(t);
          }
        }
      } else {
        await ticker.stop();
        await this.donec.close();
        return;
      }
    }
  }

  async addSimpleToken(token: string): Promise<void> {
    await this.addSimpleTokenCh.send(token);
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
    await this.keeper.addSimpleToken(token); // BUG: a channel send while holding simpleTokensMu
    await this.simpleTokensMu.unlock();
  }
}

export default scenario({ name: 'etcd 7492: token keeper tick vs assign holding simpleTokensMu', expect: ['deadlock'] }, async () => {
  const as = new AuthStore();
  await as.assignSimpleTokenToUser('root', 'tok-1');
  await sleep(TTL + 5); // tok-1 expires meanwhile
  await as.assignSimpleTokenToUser('root', 'tok-2');
  await as.keeper.stop();
});
