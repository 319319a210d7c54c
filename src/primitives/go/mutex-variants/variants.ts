/**
 * The four stages of Go's Mutex the course describes (Ch02), by the names `new Mutex({ variant })`
 * and `simcc run --mutex` accept. Kept apart from mutex.ts so the variant machinery can name them
 * without importing the Mutex class.
 */
export const MUTEX_VARIANTS = ['initial', 'newcomer', 'spinning', 'starvation'] as const;
export type MutexVariant = (typeof MUTEX_VARIANTS)[number];

export function isMutexVariant(x: unknown): x is MutexVariant {
  return typeof x === 'string' && (MUTEX_VARIANTS as readonly string[]).includes(x);
}
