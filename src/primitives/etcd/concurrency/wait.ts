/**
 * etcd's concurrency/key.go: waiting for keys to go, the heart of Election.campaign and Mutex.lock.
 *
 * - `waitDelete(key, rev)` watches `key` from revision `rev` until a DELETE event; the watch runs under a
 *   child context cancelled on the way out, so its channel is closed and nothing is left behind.
 * - `waitDeletes(prefix, maxCreateRev)` repeats: take the key under `prefix` with the highest create
 *   revision not above `maxCreateRev` (WithLastCreate + WithMaxCreateRev), wait for its deletion; done
 *   when there is none. Waiting for the *last* earlier key (not the first) is etcd's choice: every
 *   earlier key must go anyway, and the last one goes last in the common FIFO case.
 * Every store call is a scheduling point of part A's client, with the dependence DPOR needs (per key,
 * per prefix); nothing here keeps hidden state.
 */
import { context, type Context } from '../../go/context.js';
import type { Client, ResponseHeader } from '../types.js';
import { ConcurrencyErrors, goError } from './errors.js';

export async function waitDelete(ctx: Context, client: Client, key: string, rev: number): Promise<void> {
  const [cctx, cancel] = context.withCancel(ctx);
  try {
    const wch = client.watch(key, { fromRevision: rev, ctx: cctx });
    for (;;) {
      const { value: ev, ok } = await wch.recvOk();
      if (!ok) break;
      if (ev!.type === 'DELETE') return;
    }
    const err = ctx.err();
    if (err) throw goError(err.message);
    throw goError(ConcurrencyErrors.lostWatcher);
  } finally {
    await cancel();
  }
}

export async function waitDeletes(ctx: Context, client: Client, prefix: string, maxCreateRev: number): Promise<ResponseHeader> {
  for (;;) {
    const resp = await client.get(prefix, { prefix: true, sortBy: 'createRevision', order: 'descend', limit: 1, maxCreateRevision: maxCreateRev, ctx });
    if (resp.kvs.length === 0) return resp.header;
    await waitDelete(ctx, client, resp.kvs[0]!.key, resp.header.revision);
  }
}

/** The context a recipe call runs under: the caller's, or background (Go's client.Ctx()). */
export function ctxOr(ctx: Context | undefined): Context {
  return ctx ?? context.background();
}
