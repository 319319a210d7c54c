/** The tokio flavour's primitives (shared/scenario-api.md §2c); the public entry is src/tokio.ts. */
export * from './future.js';
export * from './task.js';
export * from './time.js';
export * from './token.js';
export * from './select.js';
export { scenario } from './scenario.js';
