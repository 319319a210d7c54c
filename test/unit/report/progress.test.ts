import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { elapsedText, grouped, inCI, progressEnabled, progressReporter, rateText } from '../../../src/report/progress.js';

/** A terminal stand-in: what was written, and the line as a terminal would show it now. */
function terminal(isTTY = true) {
  const writes: string[] = [];
  return {
    isTTY,
    columns: 200,
    writes,
    write(text: string) {
      writes.push(text);
    },
    /** The visible text of the last write, without carriage return and clear-line codes. */
    last(): string {
      return (writes.at(-1) ?? '').replace(/\r|\x1b\[K/g, '');
    },
  };
}

describe('progress', () => {
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());
  const now = () => clock;
  const advance = (ms: number) => {
    clock += ms;
    vi.advanceTimersByTime(ms);
  };

  it('redraws the line with executions, rate, findings and elapsed time, 10 times a second at most', () => {
    const t = terminal();
    const p = progressReporter({ stream: t, env: {}, now });
    p.start('simcc run x.ts');
    expect(t.last()).toBe('simcc run x.ts  0 executions  -/s  0 findings  0.0s');
    for (let i = 1; i <= 1000; i++) p.update({ executions: i, findings: 0 }); // many updates, no redraw
    expect(t.writes.length).toBe(1);
    advance(2000);
    expect(t.writes.length).toBe(21);
    expect(t.last()).toBe('simcc run x.ts  1,000 executions  500/s  0 findings  2.0s');
    p.update({ executions: 1500, findings: 1 });
    advance(1000);
    expect(t.last()).toBe('simcc run x.ts  1,500 executions  500/s  1 finding  3.0s');
    p.stop({ executions: 1600, findings: 1 });
    expect(t.last()).toBe('simcc run x.ts: 1,600 executions in 3.0s (533/s), 1 finding\n');
    expect(t.writes.at(-1)!.startsWith('\r\x1b[K')).toBe(true);
    const count = t.writes.length;
    advance(1000);
    expect(t.writes.length).toBe(count); // the timer is gone
  });

  it('fits the line in the terminal width, shortening the label first', () => {
    const t = terminal();
    t.columns = 60;
    const p = progressReporter({ stream: t, env: {}, now });
    p.start('simcc run scenarios/ch03-mutex-pitfalls/a-very-long-scenario-name.ts');
    expect(t.last()).toBe('…long-scenario-name.ts  0 executions  -/s  0 findings  0.0s');
    expect(t.last().length).toBe(59);
    t.columns = 20;
    advance(100);
    expect(t.last()).toBe('  0 executions  0.0');
    p.stop();
  });

  it('is silent under --json, when stderr is not a terminal, and in CI', () => {
    for (const options of [{ json: true, env: {} }, { env: { CI: 'true' } }, { env: {}, tty: false }]) {
      const t = terminal(options.tty ?? true);
      const p = progressReporter({ ...options, stream: t, now });
      p.start('x');
      p.update({ executions: 5, findings: 0 });
      advance(500);
      p.stop();
      expect(t.writes).toEqual([]);
    }
    expect(progressEnabled({ stream: terminal(), env: { CI: 'false' } })).toBe(true);
    expect(inCI({ CI: '1' })).toBe(true);
    expect(inCI({ CI: '0' })).toBe(false);
  });

  it('formats numbers the same in every locale', () => {
    expect(grouped(1234567)).toBe('1,234,567');
    expect(elapsedText(400)).toBe('0.4s');
    expect(elapsedText(185_000)).toBe('3m05s');
    expect(rateText(3, 1000)).toBe('3.0');
    expect(rateText(12345, 1000)).toBe('12,345');
  });
});
