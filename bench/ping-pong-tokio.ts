// Bench scenario: two tokio tasks ping-pong ROUNDS values over two mpsc channels of capacity 1 (the
// same exchange as bench/ping-pong-go.ts; `npm run bench` compares their step rates, goal ≥ 0.8×).
// Run alone: node bin/simcc.js run bench/ping-pong-tokio.ts --seed 1 --step-limit 2000000 --json
import { scenario, spawn, mpsc, assert } from 'simcc/tokio';

const ROUNDS = Number(process.env.SIMCC_BENCH_N ?? 50_000);

export default scenario('bench: tokio mpsc ping-pong', async () => {
  const [pingTx, pingRx] = mpsc.channel<number>(1, 'ping');
  const [pongTx, pongRx] = mpsc.channel<number>(1, 'pong');
  spawn(async () => {
    for (let r = 0; r < ROUNDS; r++) (await pongTx.send((await pingRx.recv())! + 1)).unwrap();
  }, { name: 'ponger', move: [pingRx, pongTx] });
  let v = 0;
  for (let r = 0; r < ROUNDS; r++) {
    (await pingTx.send(v)).unwrap();
    v = (await pongRx.recv())!;
  }
  assert(v === ROUNDS, `v is ${v}, expected ${ROUNDS}`);
});
