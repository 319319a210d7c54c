/**
 * The globals a scenario may use without Node's type definitions: `console`. `--typecheck` adds this
 * file instead of @types/node when no checked file uses Node's own API (harness/typecheck.ts), since
 * parsing Node's definitions costs far more than checking a scenario. Kept a subset of both Node's and
 * the DOM's Console, so that code type-checked with either still type-checks here.
 */
declare global {
  interface Console {
    log(...data: unknown[]): void;
    info(...data: unknown[]): void;
    warn(...data: unknown[]): void;
    error(...data: unknown[]): void;
    debug(...data: unknown[]): void;
    trace(...data: unknown[]): void;
    dir(item?: unknown, options?: unknown): void;
    table(tabularData: unknown, properties?: string[]): void;
  }
  var console: Console;
}

export {};
