// Course ch18, mdlayher/schedgroup (seed lines 5956–5989): a group of tasks scheduled on timers.
// Delay(d, fn) runs fn at or after now+d. Schedule(t, fn) runs fn at or after t. Wait blocks until
// every scheduled task has run. The course's example delays n×100 ms for n = 1..3 and prints 1, 2, 3.
// The library's rules: after Wait, Delay and Schedule panic, and Wait may be called only once.
//
// This is a correct program, with the group written out over afterFunc and a WaitGroup (the library
// keeps one timer heap instead). It checks that every task runs, none before its delay, and Wait
// returns after the last. (Virtual time may jump while main is still scheduling, or two timers may
// fire back to back, as on a stalled machine, so "1, 2, 3 at 100/200/300 ms" is what most
// schedules print, not all of them: each task runs in its own goroutine.)
// What simcc reports: nothing.
// Buggy twin: schedgroup-delay-after-wait.ts
import { scenario, assert, panic, afterFunc, WaitGroup, now } from 'simcc';

class SchedGroup {
  private readonly wg = new WaitGroup({ name: 'sg.wg' });
  private waited = false;
  async delay(ms: number, fn: () => void): Promise<void> {
    if (this.waited) panic('schedgroup: attempted to schedule task after Group.Wait was called');
    await this.wg.add(1);
    afterFunc(Math.max(ms, 0), async () => {
      fn();
      await this.wg.done();
    });
  }
  async wait(): Promise<void> {
    if (this.waited) panic('schedgroup: multiple calls to Group.Wait');
    this.waited = true;
    await this.wg.wait();
  }
}

export default scenario('ch18: schedgroup runs tasks at their delays', async () => {
  const sg = new SchedGroup();
  const printed: number[] = [];
  for (let n = 1; n <= 3; n++) {
    const scheduledAt = now();
    await sg.delay(n * 100, () => {
      assert(now() >= scheduledAt + n * 100, `task ${n} ran early`); // "at or after now+d"
      printed.push(n);
    });
  }
  await sg.wait();
  assert(printed.length === 3, `${printed.length} tasks ran`);
});
