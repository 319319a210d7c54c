// Course ch18, bounded ErrGroups, with upstream x/sync's SetLimit(0) (the extract's
// "[beyond course]" notes on SetLimit): a limit of 0 is a channel of capacity 0 used as a
// semaphore, so every later Go blocks forever.
//
// The bug: the limit is computed (say, from a config value that defaults to 0) and passed to
// SetLimit unchecked.
// What simcc reports: deadlock. Main is blocked in go of ErrGroup 'g', and the report says its limit
// is 0, so it can never start a task.
// Fixed twin: errgroup-setlimit.ts
import { scenario, ErrGroup } from 'simcc';

export default scenario({ name: 'ch18: SetLimit(0) blocks every Go', expect: ['deadlock'] }, async () => {
  const config: { workers?: number } = {};
  const g = new ErrGroup({ name: 'g' });
  g.setLimit(config.workers ?? 0); // BUG: 0 means "no task may run", not "no limit" (that is −1)
  await g.go(async () => undefined, 'task-0');
  await g.wait();
});
