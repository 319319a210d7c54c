/**
 * The recipes' key helpers (etcd client/v3/experimental/recipes/key.go and watch.go), step for step.
 *
 * Unique keys: etcd names them with the clock (`<prefix>/<UnixNano>`); here a counter per client (or
 * per session, for keys under its lease), prefixed by the node's name (or the lease in hex), so names are
 * unique across the cluster and the same in every replay. No recipe orders by these names (queues order
 * by revision), but a counter shared by two goroutines of one node is a read-modify-write the explorers
 * must order: each use notes a write of the counter's object.
 */
import { currentExecution } from '../../../runtime/current.js';
import type { Execution } from '../../../runtime/execution.js';
import { context, type Context } from '../../go/context.js';
import type { Client, EventType, KeyValue, Session, WatchEvent } from '../types.js';
import { op } from '../client.js';
import { cmp } from '../concurrency/election.js';
import { ConcurrencyErrors, goError } from '../concurrency/errors.js';

/** A key the recipe created: its name and the revision of its creation (etcd's RemoteKV). */
export interface RemoteKV {
  readonly key: string;
  readonly rev: number;
  readonly val: string;
}

const counters = new WeakMap<object, { n: number; id: number }>();

/**
 * The unique-key counter of `owner` (a client or a session), created on first use. Recipes create it in
 * their constructor, so its simulated object is made by the same goroutine in every interleaving (an
 * object's name in the explorers' traces is its creator's).
 */
export function keyCounter(exec: Execution, owner: object): { n: number; id: number } {
  let c = counters.get(owner);
  if (!c) counters.set(owner, (c = { n: 0, id: exec.newObjectId() }));
  return c;
}

function nextName(exec: Execution, owner: object): number {
  const c = keyCounter(exec, owner);
  exec.noteTouch(c.id, false);
  return ++c.n;
}

/** Create `key` only if it does not exist (a txn on version = 0): its revision, or `key already exists`. */
export async function putNewKV(client: Client, key: string, val: string, lease: number, ctx?: Context): Promise<number> {
  const resp = await client
    .txn(ctx)
    .if(cmp(key, 'version', '=', 0))
    .then(op.put(key, val, { lease }))
    .commit();
  if (!resp.succeeded) throw goError(ConcurrencyErrors.keyExists);
  return resp.header.revision;
}

/** A new key `<prefix>/<node>-<n>` with no lease (etcd's newUniqueKV). */
export async function newUniqueKV(client: Client, prefix: string, val: string): Promise<RemoteKV> {
  const exec = currentExecution('a recipe');
  for (;;) {
    const key = `${prefix}/${client.node.name}-${String(nextName(exec, client)).padStart(6, '0')}`;
    try {
      return { key, rev: await putNewKV(client, key, val, 0), val };
    } catch (e) {
      if (!(e instanceof Error) || e.message !== ConcurrencyErrors.keyExists) throw e;
    }
  }
}

/** A new key `<prefix>/<lease hex>-<n>` under the session's lease (etcd's newUniqueEphemeralKey). */
export async function newUniqueEphemeralKey(s: Session, prefix: string): Promise<RemoteKV> {
  const exec = currentExecution('a recipe');
  for (;;) {
    const key = `${prefix}/${s.lease.toString(16)}-${String(nextName(exec, s)).padStart(6, '0')}`;
    try {
      return { key, rev: await putNewKV(s.client, key, '', s.lease), val: '' };
    } catch (e) {
      if (!(e instanceof Error) || e.message !== ConcurrencyErrors.keyExists) throw e;
    }
  }
}

/**
 * A new key `<prefix>/<16-digit sequence>`, one after the lexically last key under `prefix`
 * (etcd's newSequentialKV). The bookkeeping key `__<prefix>` must not have changed since that read, else
 * someone else took a number meanwhile and it tries again.
 */
export async function newSequentialKV(client: Client, prefix: string, val: string): Promise<RemoteKV> {
  for (;;) {
    const resp = await client.get(prefix, { prefix: true, sortBy: 'key', order: 'descend', limit: 1 });
    let seq = 0;
    if (resp.kvs.length > 0) {
      const fields = resp.kvs[0]!.key.split('/');
      const n = Number.parseInt(fields[fields.length - 1]!, 10);
      if (Number.isNaN(n)) throw goError(`expected integer, got ${JSON.stringify(fields[fields.length - 1])}`);
      seq = n + 1;
    }
    const newKey = `${prefix}/${String(seq).padStart(16, '0')}`;
    const baseKey = `__${prefix}`;
    const t = await client
      .txn()
      .if(cmp(baseKey, 'modRevision', '<', resp.header.revision + 1))
      .then(op.put(baseKey, ''), op.put(newKey, val))
      .commit();
    if (t.succeeded) return { key: newKey, rev: t.header.revision, val };
  }
}

/** Delete `key` only if its modRevision is still `rev`: whether this call deleted it. */
export async function deleteRevKey(client: Client, key: string, rev: number): Promise<boolean> {
  const resp = await client.txn().if(cmp(key, 'modRevision', '=', rev)).then(op.delete(key)).commit();
  return resp.succeeded;
}

/** Claim the first of `kvs` still unchanged (delete it): that key-value, or undefined if others took them all. */
export async function claimFirstKey(client: Client, kvs: KeyValue[]): Promise<KeyValue | undefined> {
  for (const k of kvs) if (await deleteRevKey(client, k.key, k.modRevision)) return k;
  return undefined;
}

/**
 * Watch `key` (or every key under it, `prefix`) from revision `rev` until the events of the types `evs`
 * have been seen in that order: the last one (etcd's WaitEvents / WaitPrefixEvents). The watch runs under
 * its own context, cancelled on the way out.
 */
export async function waitEvents(client: Client, key: string, rev: number, evs: EventType[], prefix = false): Promise<WatchEvent> {
  const [cctx, cancel] = context.withCancel(context.background());
  try {
    const wch = client.watch(key, { prefix, fromRevision: rev, ctx: cctx });
    let i = 0;
    for (;;) {
      const r = await wch.recvOk();
      if (!r.ok) throw goError(ConcurrencyErrors.noWatcher);
      if (r.value!.type === evs[i]) {
        i++;
        if (i === evs.length) return r.value!;
      }
    }
  } finally {
    await cancel();
  }
}
