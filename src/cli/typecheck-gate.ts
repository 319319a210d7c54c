/**
 * `simcc run|explore|replay FILE --typecheck`: the TypeScript compiler checks FILE (and what it imports)
 * first; a type error is a scenario error (exit status 2) reported as a failed run would report one —
 * one line on stderr, `file:line:col: TSnnnn: message`, and under --json the run's document with
 * verdict "error" — and the scenario does not run.
 */
import { typecheckFiles } from '../harness/typecheck.js';
import type { RunReport, StrategyName } from '../harness/types.js';
import { errorLine } from '../report/human.js';
import { runDocument, serialize } from '../report/json.js';

export async function typecheckGate(file: string, flags: { typecheck?: boolean; json?: boolean }, strategy: StrategyName, command: () => Promise<number>): Promise<number> {
  if (!flags.typecheck) return command();
  const error = (await typecheckFiles([file])).get(file);
  if (error === undefined) return command();
  const scenario = file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const report: RunReport = { scenario, strategy, executions: 0, complete: false, findings: [], error, steps: 0 };
  if (flags.json) process.stdout.write(serialize(runDocument(file, report)));
  process.stderr.write(`${errorLine(file, error)}\n`);
  return 2;
}
