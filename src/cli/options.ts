/**
 * Parsing and checking of command-line values. Every bad value is a one-line usage error (exit status 2):
 * the parsers throw commander's InvalidArgumentError, the checks after parsing throw UsageError.
 */
import type { FaultOptions } from '../runtime/injector.js';
import { checkFaultKinds } from '../primitives/etcd/faults.js';
import { InvalidArgumentError } from 'commander';
import type { TimeMode } from '../harness/protocol.js';
import type { StrategyName } from '../harness/types.js';
import { decodeSchedule } from '../runtime/schedule.js';
import { MAX_PCT_DEPTH } from '../scheduler/pct.js';

/** A usage problem found after commander parsed the line; main.ts prints it as `error: ...`, exit 2. */
export class UsageError extends Error {}

/** Seeds travel through an Int32Array (the watchdog's progress[1]), so they stay below 2^31. */
export const MAX_SEED = 2 ** 31 - 1;

function integer(min: number, max: number, what: string) {
  return (value: string): number => {
    const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected ${what}`);
    }
    return n;
  };
}

export const parseSeed = integer(0, MAX_SEED, `an integer from 0 to ${MAX_SEED}`);
export const parseRuns = integer(1, MAX_SEED, 'a positive integer');
export const parseStepLimit = integer(1, Number.MAX_SAFE_INTEGER, 'a positive integer');
export const parseSyncTimeout = integer(10, 24 * 3600 * 1000, 'a number of milliseconds, at least 10');
export const parseDepth = integer(1, MAX_PCT_DEPTH, `an integer from 1 to ${MAX_PCT_DEPTH}`);
export const parsePctSteps = integer(0, MAX_SEED, `an integer from 0 to ${MAX_SEED}`);
/** Stores of one atomic a weak load may read: 1 (sequentially consistent reads only) to 1000. */
export const parseAtomicHistory = integer(1, 1000, 'an integer from 1 to 1000');
/** Spurious returns one Condvar wait or park may make: 0 (none) to 100. */
export const parseSpuriousWakeups = integer(0, 100, 'an integer from 0 to 100');

/** --max-faults: at most this many injected faults per execution, 0 to 100. */
export const parseMaxFaults = integer(0, 100, 'an integer from 0 to 100');

/** --faults crash,pause,partition: which faults the strategy may inject into the etcd nodes. */
export function parseFaults(value: string): string[] {
  const kinds = value.split(',').map((k) => k.trim()).filter((k) => k !== '');
  const err = checkFaultKinds(kinds);
  if (err !== undefined) throw new InvalidArgumentError(err.replace(/^--faults:? ?/, ''));
  return [...new Set(kinds)];
}

/**
 * The model's bounds as the user gave them: for requests and for reproduce commands (same names). The Rust
 * flavour's --atomic-history and --spurious-wakeups, and --faults with --max-faults (default 1).
 */
export function modelBounds(flags: { atomicHistory?: number; spuriousWakeups?: number; faults?: string[]; maxFaults?: number }): {
  atomicHistory?: number;
  spuriousWakeups?: number;
  faults?: FaultOptions;
} {
  if (flags.maxFaults !== undefined && flags.faults === undefined) throw new UsageError('--max-faults needs --faults (e.g. --faults crash,pause,partition)');
  return {
    ...(flags.atomicHistory !== undefined && { atomicHistory: flags.atomicHistory }),
    ...(flags.spuriousWakeups !== undefined && { spuriousWakeups: flags.spuriousWakeups }),
    ...(flags.faults !== undefined && { faults: { kinds: flags.faults, max: flags.maxFaults ?? 1 } }),
  };
}

/** A printed schedule, checked with the runtime's own decoder so a typo is a usage error, not a run. */
export function parseSchedule(value: string): string {
  try {
    decodeSchedule(value);
  } catch (err) {
    throw new InvalidArgumentError(String((err as Error)?.message ?? err));
  }
  return value;
}

/** The strategies `run --strategy` accepts. */
const RUN_STRATEGIES: readonly StrategyName[] = ['random', 'pct'];

export function parseStrategy(value: string): StrategyName {
  if (!(RUN_STRATEGIES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`unknown strategy (expected: ${RUN_STRATEGIES.join(', ')})`);
  }
  return value as StrategyName;
}

/** --time: 'free' (a pending timer may fire at any step) or 'synctest' (only when every goroutine is blocked). */
const TIME_MODES: readonly TimeMode[] = ['free', 'synctest'];

export function parseTimeMode(value: string): TimeMode {
  if (!(TIME_MODES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of: ${TIME_MODES.join(', ')}`);
  }
  return value as TimeMode;
}

/** Flags common to the commands that run scenarios. */
export interface CommonFlags {
  json?: boolean;
  color: boolean;
  stepLimit?: number;
  time?: TimeMode;
  /** --atomic-history N, --spurious-wakeups N: the Rust flavour's bounds. */
  atomicHistory?: number;
  spuriousWakeups?: number;
  /** --faults KINDS, --max-faults N: faults injected into the etcd nodes as scheduling choices. */
  faults?: string[];
  maxFaults?: number;
  syncTimeout?: number;
  /** --html FILE (run, replay, explore): the trace viewer page of the finding. */
  html?: string;
}
