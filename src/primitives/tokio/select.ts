/**
 * tokio's `select!` and `join!` (shared/scenario-api.md §2c), on the Selectable protocol (future.ts).
 *
 * `select([branch…], { biased? })` → `{ index, value }`: polls every branch; the first ready one wins
 * (which, when several are ready, is a recorded scheduling choice unless `biased`, where the first in
 * order wins); the others are cancelled, visibly in the timeline; with none ready the task waits. There
 * is no default branch (use a `try…` operation). A branch is a Selectable (`sleepBranch(ms)`,
 * `h.joinBranch()`, `token.cancelledBranch()`, …) or any tokio future (`sleep(5)`, `h.join()`, a nested
 * `select`). `join(() => op, …)` runs every operation concurrently in the task and resolves to their
 * values in order. `join` and a biased `select` poll their branches in order, as tokio does: an async
 * block's branch starts once the branch before it has waited at a tokio await, yielded or ended
 * (future.ts InOrder); an unbiased `select` polls them the same way from a branch it chooses (a
 * scheduling choice, tokio's random start), round the list, and stops at the first that is ready.
 */
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import { JoinAllSel, SelectSel, selectableOf, TokioFuture, type Branch, type SelectOutput } from './future.js';
import { operationOf } from './task.js';

type BranchValue<B> = B extends Branch<infer T> ? T : B extends () => PromiseLike<infer U> ? U : never;

/** tokio's `select!`. */
export function select<B extends readonly (Branch<any> | (() => PromiseLike<any>))[]>(branches: B, opts: { biased?: boolean } = {}): TokioFuture<SelectOutput<BranchValue<B[number]>>> {
  const exec = currentExecution('select()');
  if (!Array.isArray(branches)) throw new ScenarioError('select(branches, opts): branches must be an array, e.g. [sleepBranch(10), token.cancelledBranch()]');
  if (branches.length === 0) throw new ScenarioError('select: no branches (tokio panics: "all branches are disabled and there is no else branch")');
  if (opts === null || typeof opts !== 'object') throw new ScenarioError('select(branches, opts): opts must be an object like { biased: true }');
  // An async closure is an `async { … }` branch: run as a sub-task (task.ts operationOf).
  const sels = branches.map((b, i) => (typeof b === 'function' ? operationOf(b as () => PromiseLike<unknown>, `select branch ${i}`, `select#${i}`) : selectableOf(b, `select branch ${i}`)));
  return new TokioFuture(exec, new SelectSel(sels, opts.biased === true)) as TokioFuture<SelectOutput<BranchValue<B[number]>>>;
}

/**
 * tokio's `join!`: each function starts one tokio operation (`() => h.join()`), or is an async closure
 * (`async () => { … }`, run as a sub-task: task.ts operationOf); all run concurrently in this task.
 */
export function join<F extends readonly (() => PromiseLike<unknown>)[]>(...fns: F): TokioFuture<{ -readonly [K in keyof F]: Awaited<ReturnType<F[K]>> }> {
  const exec = currentExecution('join()');
  const sels = fns.map((f, i) => operationOf(f, `join: argument ${i}`, `join#${i}`));
  return new TokioFuture(exec, new JoinAllSel(sels)) as unknown as TokioFuture<{ -readonly [K in keyof F]: Awaited<ReturnType<F[K]>> }>;
}
