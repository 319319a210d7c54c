/**
 * `--mutex VARIANT|all`: which stage of Go's Mutex every `new Mutex()` without its own variant runs
 * (`run` takes `all` as well: one run per stage and a comparison table; `replay` takes one stage).
 * Bad values are commander's InvalidArgumentError: one line, exit status 2.
 */
import { InvalidArgumentError } from 'commander';
import { isMutexVariant, MUTEX_VARIANTS, type MutexVariant } from '../primitives/go/mutex-variants/variants.js';

export type MutexChoice = MutexVariant | 'all';

export function parseMutexVariant(value: string): MutexVariant {
  if (!isMutexVariant(value)) throw new InvalidArgumentError(`expected one of: ${MUTEX_VARIANTS.join(', ')}`);
  return value;
}

export function parseMutexChoice(value: string): MutexChoice {
  if (value === 'all') return value;
  if (!isMutexVariant(value)) throw new InvalidArgumentError(`expected one of: ${MUTEX_VARIANTS.join(', ')}, all`);
  return value;
}

export const MUTEX_RUN_HELP = `run every Mutex without its own variant as that stage of Go's Mutex (${MUTEX_VARIANTS.join(', ')}), or all four, compared in a table`;
export const MUTEX_REPLAY_HELP = `the stage of Go's Mutex the run used (${MUTEX_VARIANTS.join(', ')})`;
