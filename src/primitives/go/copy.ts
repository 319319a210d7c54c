/**
 * copyValue(x): Go's copy by value. Plain objects and arrays are copied field by field, simulated
 * objects with their state (a locked Mutex's copy is locked), anything else is shared as is.
 * Copying a sync type after its first use is a `copied-lock` report, worded like go vet's copylocks:
 * the copy is made all the same, as Go makes it.
 */
import { currentExecution } from '../../runtime/current.js';
import { callerLocation } from '../../runtime/locations.js';
import { COPY, isCopyable, type Copyable } from '../core/object.js';

interface Found {
  path: string;
  obj: Copyable & { label?: string };
}

function copyInner(x: unknown, path: string, found: Found[], seen: Map<object, unknown>): unknown {
  if (typeof x !== 'object' || x === null) return x;
  if (seen.has(x)) return seen.get(x);
  if (isCopyable(x)) {
    if (x.isLockLike && x.used) found.push({ path, obj: x });
    const c = x[COPY]();
    seen.set(x, c);
    return c;
  }
  if (Array.isArray(x)) {
    const out: unknown[] = [];
    seen.set(x, out);
    x.forEach((v, i) => out.push(copyInner(v, `${path}[${i}]`, found, seen)));
    return out;
  }
  const proto = Object.getPrototypeOf(x) as object | null;
  if (proto !== Object.prototype && proto !== null && !(x.constructor && x.constructor.prototype === proto)) return x;
  const out = Object.create(proto) as Record<string, unknown>;
  seen.set(x, out);
  for (const k of Object.keys(x)) out[k] = copyInner((x as Record<string, unknown>)[k], `${path}.${k}`, found, seen);
  return out;
}

export function copyValue<T>(x: T): T {
  const exec = currentExecution('copyValue()');
  const found: Found[] = [];
  const copy = copyInner(x, 'value', found, new Map()) as T;
  const first = found[0];
  if (first) {
    const at = exec.captureLocations ? callerLocation() : undefined;
    const what = first.path === 'value' ? '' : `${first.path} contains `;
    const o = first.obj;
    const t = exec.running;
    const heldAt = t?.holds.find((h) => h.lock === o)?.at;
    exec.fatal('copied-lock', `copyValue copies lock value: ${what}${o.typeName} '${(o as { name?: string }).name ?? '?'}' (${o.stateSummary()})`, {
      threads: t ? [t] : [],
      locations: [at, heldAt],
      details: [`${o.typeName} must not be copied after first use: the copy carries its state (${o.stateSummary()}) and the two then diverge`],
    });
  }
  return copy;
}
