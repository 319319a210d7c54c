// Course ch14, data passing: the token ring (seed lines 4064–4097; thought question of ch13, seed
// line 3986): four goroutines must print 1, 2, 3, 4, 1, 2, … one per second. Each has a mailbox; the
// one holding the token prints, then hands the token to the next mailbox.
//
// No bug: main hands the token to worker 1 and waits for the ring to finish its rounds.
// What simcc reports: nothing, in every schedule. Only the token holder does anything, so the order
// can never break, and the last worker's close of every mailbox is ordered after every send by the
// token's own hand-offs (no race between a send and a close).
// Buggy twins: token-ring-no-token.ts (deadlock), token-ring-two-tokens.ts (order broken)
import { scenario, assert, now, go, sleep, Channel } from 'simcc';

// The course's ring: worker i waits for the token on chs[i], prints i + 1, sleeps a second and passes
// the token to chs[(i + 1) % 4]. The course's ring runs forever under a final `select {}`; here the
// token carries a count, and the worker that receives it after ROUNDS turns closes every mailbox (the
// others' receives then end) and tells main.
const WORKERS = 4;
const ROUNDS = 2;

interface Token {
  count: number;
}

interface Ring {
  chs: Channel<Token>[];
  printed: number[];
  finished: Channel<void>;
}

function startRing(): Ring {
  const chs = Array.from({ length: WORKERS }, (_, i) => new Channel<Token>(0, { name: `chs[${i}]` }));
  const printed: number[] = [];
  const finished = new Channel<void>(0, { name: 'finished' });
  for (let i = 0; i < WORKERS; i++) {
    go(async () => {
      for await (const token of chs[i]!) {
        const expected = printed.length === 0 ? 1 : (printed[printed.length - 1]! % WORKERS) + 1;
        assert(i + 1 === expected, `worker ${i + 1} printed after ${printed.join(',')}: the order 1,2,3,4 is broken`);
        printed.push(i + 1);
        await sleep(1000);
        if (token.count + 1 === WORKERS * ROUNDS) {
          for (const ch of chs) await ch.close(); // the ring is done: everyone's receive ends
          await finished.close();
          return;
        }
        await chs[(i + 1) % WORKERS]!.send({ count: token.count + 1 });
      }
    }, `worker-${i + 1}`);
  }
  return { chs, printed, finished };
}

export default scenario('ch14: token ring prints 1,2,3,4 in order', async () => {
  const ring = startRing();
  await ring.chs[0]!.send({ count: 0 }); // hand the token to worker 1
  await ring.finished.recv();
  const expected = Array.from({ length: WORKERS * ROUNDS }, (_, k) => (k % WORKERS) + 1).join(',');
  assert(ring.printed.join(',') === expected, `printed ${ring.printed.join(',')}`);
  assert(now() === WORKERS * ROUNDS * 1000, `one print a second: ${now()} ms`);
});
