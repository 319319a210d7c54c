/**
 * A join of a task that has not ended waits without a step of its own (JoinSel.quietBegin), as a std
 * receive does: the task's end enables it. A join that polled first (a read of the task) would be ordered
 * against every end, so n tasks that each do one dependent step and are joined in order took (n+1)!
 * executions instead of the n! orders of their steps.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../../../../src/primitives/tokio/scenario.js';
import { spawn } from '../../../../src/primitives/tokio/task.js';
import { AtomicUsize, Ordering } from '../../../../src/primitives/rust/atomic.js';
import { exploreScenario } from '../../../../src/testing.js';

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

describe('tokio join under DPOR', () => {
  for (const n of [2, 3, 4]) {
    it(`${n} tasks each doing one fetchAdd, joined in order: exactly ${factorial(n)} executions`, async () => {
      const finals = new Set<number>();
      const r = await exploreScenario(
        scenario('joins', async () => {
          const c = new AtomicUsize(0, 'c');
          const hs = Array.from({ length: n }, (_, i) => spawn(async () => c.fetchAdd(1, Ordering.SeqCst), `t${i}`));
          const seen: number[] = [];
          for (const h of hs) seen.push((await h.join()).unwrap());
          finals.add(seen.length);
        }),
        { maxTimeS: 60 },
      );
      expect(r.findings).toEqual([]);
      expect(r.complete).toBe(true);
      expect(r.executions).toBe(factorial(n));
      expect([...finals]).toEqual([n]);
    });
  }
});
