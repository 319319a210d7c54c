/**
 * The staged Mutexes: `new Mutex({ variant })` (or `simcc run --mutex VARIANT`) gets a VariantCore
 * running that stage's algorithm (machine.ts) over its own state word and runtime semaphore.
 */
import type { Mutex } from '../mutex.js';
import { initialStage } from './initial.js';
import { VariantCore, type Stage } from './machine.js';
import { newcomerStage } from './newcomer.js';
import { spinningStage } from './spinning.js';
import { starvationStage } from './starvation.js';
import type { MutexVariant } from './variants.js';

const STAGES: Record<MutexVariant, Stage> = {
  initial: initialStage,
  newcomer: newcomerStage,
  spinning: spinningStage,
  starvation: starvationStage,
};

export function createVariantCore(mutex: Mutex, variant: MutexVariant): VariantCore {
  return new VariantCore(mutex, STAGES[variant]);
}

export { VariantCore } from './machine.js';
