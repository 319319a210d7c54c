// Course ch14, token ring (seed lines 4064–4097), the variant the extract lists as buggy: main never
// hands out the token (the line `chs[0] <- struct{}{}` is missing) and waits, as the course's main
// does with `select {}`.
//
// The bug: every worker waits for a token that does not exist.
// What simcc reports: deadlock (`all goroutines are asleep - deadlock!`), in every schedule: the four
// workers are blocked receiving from their mailboxes, main is blocked waiting for the ring to finish,
// and no timer is pending. Each worker's report line says that everyone who can reach its mailbox is
// blocked too.
// Fixed twin: token-ring.ts
import { scenario, go, sleep, assert, Channel } from 'simcc';

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

export default scenario({ name: 'ch14: token ring without a token', expect: ['deadlock'] }, async () => {
  const ring = startRing();
  // BUG: missing `await ring.chs[0].send({ count: 0 })`
  await ring.finished.recv();
});
