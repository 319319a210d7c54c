// Course ch17, CyclicBarrier's Reset (seed lines 5294–5310), fixed twin of
// barrier-reset-while-waiting.ts. The coordinator resets the barrier only after every player of
// the game has left it (it waits on the game's WaitGroup), and then the next game reuses it.
// A reset then finds no party waiting and breaks nothing.
// What simcc reports: nothing.
import { scenario, go, CyclicBarrier, WaitGroup, yieldNow } from 'simcc';

export default scenario('ch17: Reset only between games', async () => {
  const b = new CyclicBarrier(3, { name: 'b' });
  for (let game = 0; game < 2; game++) {
    const wg = new WaitGroup({ name: `game-${game}` });
    await wg.add(3);
    for (let i = 0; i < 3; i++) {
      go(async () => {
        await yieldNow();
        await b.await();
        await wg.done();
      }, `game-${game}-player-${i}`);
    }
    await wg.wait();
    await b.reset(); // nobody is waiting: a clean new round
  }
});
