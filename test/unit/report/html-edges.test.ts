/**
 * Happens-before edges of the HTML report, derived from a recorded trace's clocks: each synchronisation the
 * runtime models appears as one edge from the releasing step to the acquiring one, and implied edges do not.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../../../src/api/scenario.js';
import { Channel, go, Mutex, spawn, WaitGroup, yieldNow } from '../../../src/index.js';
import { DEFAULTS } from '../../helpers.js';
import { runExecution } from '../../../src/harness/execute.js';
import { RandomStrategy } from '../../../src/scheduler/random.js';
import type { TraceEvent } from '../../../src/findings.js';
import { happensBeforeEdges } from '../../../src/report/html-edges.js';
import { pageData, renderHtml, scriptJson } from '../../../src/report/html.js';

async function traceOf(body: () => Promise<unknown>, seed = 1): Promise<TraceEvent[]> {
  const strategy = new RandomStrategy(seed, 1);
  strategy.beginExecution(0);
  const r = await runExecution(scenario('t', body), DEFAULTS, { strategy, seed, captureLocations: false, recordTrace: true });
  return r.trace!;
}

/** Edges as "what → what" between named goroutines, for readable expectations. */
function named(trace: TraceEvent[]): string[] {
  const name = (row: number, thread: number) => trace[row]!.thread === thread ? `${trace[row]!.threadName}:${trace[row]!.what.split(';')[0]}` : `${thread}:woken`;
  return happensBeforeEdges(trace).map((e) => `${name(e.from.row, e.from.thread)} -> ${name(e.to.row, e.to.thread)}`);
}

describe('happens-before edges from a recorded trace', () => {
  it('go → start, unlock → lock, done → wait; nothing between unsynchronised steps', async () => {
    const trace = await traceOf(async () => {
      const mu = new Mutex({ name: 'mu' });
      const wg = new WaitGroup({ name: 'wg' });
      await wg.add(1);
      await mu.lock();
      go(async () => {
        await mu.lock();
        await mu.unlock();
        await wg.done();
      }, 'child');
      await yieldNow();
      await mu.unlock();
      await wg.wait();
    });
    const edges = named(trace);
    expect(edges).toContain("main:lock Mutex 'mu' -> child:start");
    expect(edges).toContain("main:unlock Mutex 'mu' -> child:lock Mutex 'mu'");
    expect(edges.some((e) => /^child:done WaitGroup 'wg'.* -> main:wait/.test(e))).toBe(true);
    // No edge into main from the child other than the done → wait, and none out of steps that release nothing.
    expect(edges.filter((e) => e.startsWith('child:'))).toHaveLength(1);
    expect(edges).toHaveLength(3);
  });

  it('an unbuffered send → the receive it completes, and a thread end → join', async () => {
    const trace = await traceOf(async () => {
      const ch = new Channel<number>(0, { name: 'ch' });
      const h = spawn(async () => {
        await ch.send(1);
        return 2;
      }, 'sender');
      await ch.recv();
      await h.join();
    });
    const edges = happensBeforeEdges(trace);
    const sender = trace.find((e) => e.threadName === 'sender')!.thread;
    // The hand-off: from a step of the sender to main (its own receive step or the point the send completed it).
    expect(edges.some((e) => e.from.thread === sender && e.to.thread === 0)).toBe(true);
    // go → start
    expect(edges.some((e) => e.from.thread === 0 && e.to.thread === sender && trace[e.to.row]!.what.startsWith('start'))).toBe(true);
    // The join acquires the sender's end: an edge into main's join step.
    expect(edges.some((e) => e.from.thread === sender && trace[e.to.row]!.what.startsWith('join'))).toBe(true);
  });

  it('a transitive synchronisation is not drawn twice (a → b → c gives no a → c edge)', async () => {
    const trace = await traceOf(async () => {
      const ab = new Channel<number>(1, { name: 'ab' });
      const bc = new Channel<number>(1, { name: 'bc' });
      const done = new Channel<number>(1, { name: 'done' });
      go(async () => void (await ab.send(1)), 'a');
      go(async () => {
        await ab.recv();
        await bc.send(1);
      }, 'b');
      go(async () => {
        await bc.recv();
        await done.send(1);
      }, 'c');
      await done.recv();
    });
    const byName = (n: string) => trace.find((e) => e.threadName === n)!.thread;
    const edges = happensBeforeEdges(trace);
    const pairs = edges.map((e) => `${e.from.thread}>${e.to.thread}`);
    expect(pairs).toContain(`${byName('a')}>${byName('b')}`);
    expect(pairs).toContain(`${byName('b')}>${byName('c')}`);
    expect(pairs).not.toContain(`${byName('a')}>${byName('c')}`);
  });
});

describe('the page data', () => {
  it('marks the two accesses of a race and embeds the source of each located file', async () => {
    const trace: TraceEvent[] = [
      { step: 1, thread: 0, threadName: 'main', what: 'start', time: 0, clock: { before: [1], after: [1] } },
      { step: 2, thread: 1, threadName: 'w', what: 'write x', at: 'a.ts:2:3', time: 0, clock: { before: [1, 1], after: [1, 1] } },
      { step: 3, thread: 0, threadName: 'main', what: 'read x', at: 'a.ts:3:1', time: 5, clock: { before: [2], after: [2] } },
    ];
    const data = pageData({
      file: 'a.ts',
      scenario: 's',
      finding: {
        kind: 'data-race',
        message: 'race',
        threads: [],
        locations: [],
        schedule: '1',
        step: 3,
        accesses: [
          { op: 'read', thread: { id: 0, name: 'main' }, step: 3, at: 'a.ts:3:1' },
          { op: 'write', thread: { id: 1, name: 'w' }, step: 2, at: 'a.ts:2:3' },
        ],
      },
      trace,
      reproduce: ['simcc replay a.ts --schedule 1'],
      readSource: (f) => (f === 'a.ts' ? 'line1\nline2\nline3' : undefined),
    });
    expect(data.lanes).toEqual([{ id: 0, name: 'main' }, { id: 1, name: 'w' }]);
    expect(data.marked).toEqual([
      { row: 2, thread: 0, role: 'read' },
      { row: 1, thread: 1, role: 'previous write' },
    ]);
    expect(data.sources).toEqual({ 'a.ts': ['line1', 'line2', 'line3'] });
  });

  it('embedded JSON cannot close the script element', () => {
    const json = scriptJson({ what: '</script><script>alert(1)</script>' });
    expect(json).not.toContain('</script>');
    expect(JSON.parse(json)).toEqual({ what: '</script><script>alert(1)</script>' });
    const html = renderHtml({
      file: 'x.ts',
      scenario: '<b>',
      finding: { kind: 'panic', message: '</script>', threads: [], locations: [], schedule: '', step: 0 },
      trace: [{ step: 1, thread: 0, threadName: 'main', what: '</script>', time: 0 }],
      reproduce: [],
      readSource: () => undefined,
    });
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain('&#60;b&#62;');
  });
});
