// Bench scenario: two goroutines ping-pong ROUNDS values over two Go channels of capacity 1 (the
// reference for the tokio ping-pong, bench/ping-pong-tokio.ts: the same exchange, the same steps).
// Run alone: node bin/simcc.js run bench/ping-pong-go.ts --seed 1 --step-limit 2000000 --json
import { scenario, go, Channel, assert } from 'simcc';

const ROUNDS = Number(process.env.SIMCC_BENCH_N ?? 50_000);

export default scenario('bench: Go channel ping-pong', async () => {
  const ping = new Channel<number>(1, { name: 'ping' });
  const pong = new Channel<number>(1, { name: 'pong' });
  go(async () => {
    for (let r = 0; r < ROUNDS; r++) await pong.send((await ping.recv()) + 1);
  }, 'ponger');
  let v = 0;
  for (let r = 0; r < ROUNDS; r++) {
    await ping.send(v);
    v = await pong.recv();
  }
  assert(v === ROUNDS, `v is ${v}, expected ${ROUNDS}`);
});
