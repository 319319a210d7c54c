// Course ch18, mdlayher/schedgroup (seed lines 5956–5989) and its rule that scheduling after Wait
// panics (seed 5970–5972), with the library's message
// `schedgroup: attempted to schedule task after Group.Wait was called`.
//
// The bug: a retry path schedules a follow-up task once the first batch has been waited for, as if
// the group could be reused. It cannot. Wait is final, and a second Wait would panic too.
// What simcc reports: panic, with the library's text, at the late Delay.
// Fixed twin: schedgroup-delays.ts (everything is scheduled before the one Wait)
import { scenario, panic, afterFunc, WaitGroup } from 'simcc';

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

export default scenario({ name: 'ch18: schedgroup Delay after Wait', expect: ['panic'] }, async () => {
  const sg = new SchedGroup();
  let failed = false;
  await sg.delay(100, () => (failed = true));
  await sg.wait();
  if (failed) await sg.delay(100, () => undefined); // BUG: the group is finished after Wait
});
