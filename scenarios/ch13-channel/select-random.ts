// Course ch13, select (seed lines 3664–3672): a channel with capacity 10 and ten iterations of
// `select { case ch <- i: case v := <-ch: fmt.Println(v) }`. On the first iteration only the send is
// ready; after that both usually are, and Go picks one pseudo-randomly, so the output changes from
// run to run.
//
// No bug: simcc makes the pick a scheduling choice — seeded, recorded in the schedule, replayed — so
// `simcc run select-random.ts --seed N` prints the same values every time, and different seeds show
// different outputs. What always holds: the first iteration sends, and the values come out in the
// order they went in (a channel is a FIFO queue).
// What simcc reports: nothing. `simcc run select-random.ts --seed N` shows the choices in its
// timeline only with a finding, so to watch them, add console.log(printed) and try a few seeds.
import { scenario, assert, Channel, select } from 'simcc';

export default scenario('ch13: select picks a ready case at random', async () => {
  const ch = new Channel<number>(10, { name: 'ch' });
  const printed: number[] = [];
  for (let i = 0; i < 10; i++) {
    const r = await select([ch.sendCase(i), ch.recvCase()]);
    if (i === 0) assert(r.index === 0, 'the first iteration can only send');
    if (r.index === 1) printed.push(r.value!);
  }
  for (let k = 1; k < printed.length; k++) assert(printed[k]! > printed[k - 1]!, `out of order: ${printed.join(',')}`);
});
