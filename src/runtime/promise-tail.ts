/**
 * What every awaitable of simcc (an Op, an observed blocking call, a lazy tokio future) adds to its own
 * `then` to look like a Promise to scenario code: `catch`, `finally` and the tag `Promise.prototype`
 * methods check. Each is written in terms of `then`, so the awaitable's own scheduling (registering,
 * parking, polling) happens exactly once, in `then`.
 */
export abstract class PromiseTail<T> implements Promise<T> {
  abstract then<R1 = T, R2 = never>(
    ok?: ((value: T) => R1 | PromiseLike<R1>) | null,
    err?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;

  catch<R = never>(err?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, err);
  }

  finally(f?: (() => void) | null): Promise<T> {
    return this.then(
      (v) => {
        f?.();
        return v;
      },
      (e) => {
        f?.();
        throw e;
      },
    );
  }

  get [Symbol.toStringTag](): string {
    return 'Promise';
  }
}
