// Course ch14, task orchestration: the pipeline (seed lines 4232–4235 and P7, "pass the flower is
// also known as the pipeline pattern"; the stages are built like the stream operators of P5, seed
// lines 4428–4478). Each stage reads from the channel before it, writes to its own, and closes its
// own when its input is drained, so the end of the data flows down the pipeline.
//
// No bug: generate 1..5 → square → keep the odd ones → sum, with unbuffered channels between stages.
// What simcc reports: nothing, in every schedule: each stage's close comes after its last send (same
// goroutine), each `for await` ends at the close, and no goroutine is left when main returns.
import { scenario, go, assert, Channel } from 'simcc';

function generate(values: number[]): Channel<number> {
  const out = new Channel<number>(0, { name: 'numbers' });
  go(async () => {
    for (const v of values) await out.send(v);
    await out.close();
  }, 'generate');
  return out;
}

function stage(name: string, input: Channel<number>, f: (v: number) => number | null): Channel<number> {
  const out = new Channel<number>(0, { name });
  go(async () => {
    for await (const v of input) {
      const w = f(v);
      if (w !== null) await out.send(w);
    }
    await out.close();
  }, name);
  return out;
}

export default scenario('ch14: a pipeline of stages', async () => {
  const squares = stage('squares', generate([1, 2, 3, 4, 5]), (v) => v * v);
  const odd = stage('odd', squares, (v) => (v % 2 === 1 ? v : null));
  let sum = 0;
  for await (const v of odd) sum += v;
  assert(sum === 1 + 9 + 25, `sum ${sum}`);
});
