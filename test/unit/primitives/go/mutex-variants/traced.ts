/**
 * Helpers for the staged-Mutex tests: run one seeded execution and get its timeline (the body ends
 * with a failing assert, so the runner replays it with a trace; shrinking is off so the timeline is
 * the seed's own), and read who did what from the timeline lines.
 */
import { assert } from '../../../../../src/index.js';
import type { TraceEvent } from '../../../../../src/findings.js';
import type { RunOptions, RunReport } from '../../../../../src/harness/types.js';
import { run } from '../../../../helpers.js';

export const END = 'end of the traced execution';

export async function traced(body: () => Promise<unknown>, seed: number, opts: Partial<RunOptions> = {}): Promise<{ report: RunReport; trace: TraceEvent[] }> {
  const report = await run(
    async () => {
      await body();
      assert(false, END);
    },
    { runs: 1, firstSeed: seed, shrink: false, ...opts },
  );
  return { report, trace: report.trace ?? [] };
}

/** The goroutines whose lines match `re`, in timeline order. */
export function who(trace: readonly TraceEvent[], re: RegExp): string[] {
  return trace.filter((e) => re.test(e.what)).map((e) => e.threadName);
}

/** Whether the execution ended at the final assert (and not at an earlier finding). */
export function reachedEnd(report: RunReport): boolean {
  return report.findings.length === 1 && report.findings[0]!.message.endsWith(END);
}
