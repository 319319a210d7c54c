// Course ch14, token ring (seed lines 4064–4097), the second buggy variant of the extract: main hands
// out two tokens, to worker 1 and to worker 3.
//
// The bug: two goroutines hold a token at once, so two of them print in the same second and the
// order 1, 2, 3, 4 is lost.
// What simcc reports: assertion (the ring checks that each number follows the one before it), in
// every schedule: the second thing printed is never the number that should follow the first.
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

export default scenario({ name: 'ch14: token ring with two tokens', expect: ['assertion'] }, async () => {
  const ring = startRing();
  go(async () => ring.chs[2]!.send({ count: 0 }), 'second-token'); // BUG: a second token
  await ring.chs[0]!.send({ count: 0 });
  await ring.finished.recv();
});
