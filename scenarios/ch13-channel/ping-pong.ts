// Course ch13, channel basics (seed lines 3647–3660) and the happens-before rules of §13.8: an
// unbuffered channel proceeds only when sender and receiver are both ready, and the hand-off orders
// both sides (the send happens-before the receive completes, and the receive before the send does).
//
// No bug: two players bat a ball back and forth on two unbuffered channels. Whoever holds the ball
// writes `hits`, a plain variable with no lock: the hand-offs alone order every access.
// What simcc reports: nothing, in every schedule (no data race on `hits`, no deadlock, no leak).
// Fixed twin of: none (a clean reference for the hand-off rules).
import { scenario, go, shared, assert, Channel } from 'simcc';

const ROUNDS = 5;

export default scenario('ch13: ping-pong over unbuffered channels', async () => {
  const ping = new Channel<number>(0, { name: 'ping' });
  const pong = new Channel<number>(0, { name: 'pong' });
  const hits = shared('hits', 0);

  go(async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const ball = (await ping.recv())!;
      await hits.update((h) => h + 1);
      await pong.send(ball + 1);
    }
  }, 'ponger');

  let ball = 0;
  for (let i = 0; i < ROUNDS; i++) {
    await hits.update((h) => h + 1);
    await ping.send(ball);
    ball = (await pong.recv())!;
  }
  assert(ball === ROUNDS, `the ball came back ${ball} times`);
  assert((await hits.read()) === 2 * ROUNDS, 'a hit was lost');
});
