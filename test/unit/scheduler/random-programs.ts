/**
 * Random small concurrent programs for differential tests of the explorers: goroutines doing atomic
 * loads/stores/adds, critical sections, channel sends/receives/closes, selects (receiving with a
 * default, blocking on two receives, on a send and a receive, a non-blocking send), timers (sleep, after,
 * a receive with a context timeout then cancelled, a timer stopped), yields and spawns.
 * Each run logs what every goroutine observed; the log (per goroutine, so independent of interleaving)
 * and the findings make an execution's outcome.
 */
import seedrandom from 'seedrandom';
import { go, spawn, yieldNow } from '../../../src/api/goroutines.js';
import { after, newTimer, sleep } from '../../../src/api/time.js';
import { context } from '../../../src/primitives/go/context.js';
import { AtomicInt } from '../../../src/primitives/go/atomic.js';
import { Channel } from '../../../src/primitives/go/channel.js';
import { Mutex } from '../../../src/primitives/go/mutex.js';
import { select } from '../../../src/primitives/go/select.js';

export type POp =
  | { k: 'load'; a: number }
  | { k: 'store'; a: number; v: number }
  | { k: 'add'; a: number }
  | { k: 'cs'; m: number; a: number }
  | { k: 'send'; c: number; v: number }
  | { k: 'recv'; c: number }
  | { k: 'sel'; c1: number; c2: number }
  | { k: 'selw'; c: number }
  | { k: 'sels'; c: number; v: number }
  | { k: 'seld'; c: number; v: number }
  | { k: 'yield' }
  | { k: 'sleep'; ms: number }
  | { k: 'close'; c: number }
  | { k: 'after'; ms: number }
  | { k: 'tmo'; c: number; ms: number }
  | { k: 'stop'; ms: number }
  | { k: 'go'; ops: POp[] };

export function randomProgram(seed: number, opts: { threads: number; ops: number; kinds?: POp['k'][] }): POp[][] {
  const rng = seedrandom.alea(`prog-${seed}`);
  const int = (n: number) => Math.floor(rng() * n);
  const kinds = opts.kinds ?? ['load', 'store', 'add', 'cs', 'send', 'recv', 'sel', 'selw', 'sels', 'seld', 'yield', 'sleep', 'close', 'after', 'go'];
  const op = (depth: number): POp => {
    const k = kinds[int(kinds.length)]!;
    switch (k) {
      case 'load': return { k, a: int(2) };
      case 'store': return { k, a: int(2), v: 1 + int(3) };
      case 'add': return { k, a: int(2) };
      case 'cs': return { k, m: int(2), a: int(2) };
      case 'send': return { k, c: int(2), v: 1 + int(3) };
      case 'recv': return { k, c: int(2) };
      case 'sel': return { k, c1: 0, c2: 1 };
      case 'selw': return { k, c: int(2) };
      case 'sels': return { k, c: int(2), v: 1 + int(3) };
      case 'seld': return { k, c: int(2), v: 1 + int(3) };
      case 'yield': return { k };
      case 'sleep': return { k, ms: 1 + int(2) };
      case 'close': return { k, c: int(2) };
      case 'after': return { k, ms: 1 + int(2) };
      case 'tmo': return { k, c: int(2), ms: 1 + int(2) };
      case 'stop': return { k, ms: 1 + int(2) };
      case 'go': return depth > 0 ? { k: 'load', a: 0 } : { k, ops: [op(1), op(1)].slice(0, 1 + int(2)) };
    }
  };
  return Array.from({ length: opts.threads }, () => Array.from({ length: 1 + int(opts.ops) }, () => op(0)));
}

/** The scenario body of a program; `log` gets what each goroutine saw, reset at the start of each execution. */
export function programBody(prog: POp[][], log: { obs: Record<string, unknown[]> }): () => Promise<void> {
  return async () => {
    log.obs = {};
    const A = [new AtomicInt(0), new AtomicInt(0)];
    const M = [new Mutex(), new Mutex()];
    const C = [new Channel<number>(1), new Channel<number>(0)];
    const see = (who: string, v: unknown) => (log.obs[who] ??= []).push(v);
    const run = async (ops: POp[], who: string): Promise<void> => {
      for (const [i, o] of ops.entries()) {
        switch (o.k) {
          case 'load': see(who, await A[o.a]!.load()); break;
          case 'store': await A[o.a]!.store(o.v); break;
          case 'add': see(who, await A[o.a]!.add(1)); break;
          case 'cs': await M[o.m]!.lock(); see(who, await A[o.a]!.add(10)); await M[o.m]!.unlock(); break;
          case 'send': await C[o.c]!.send(o.v); break;
          case 'recv': see(who, await C[o.c]!.recv()); break;
          case 'sel': {
            const r = await select([C[o.c1]!.recvCase(), C[o.c2]!.recvCase()], { default: true });
            see(who, `sel${r.index}:${String(r.value)}`);
            break;
          }
          case 'selw': {
            // a blocking select receiving on one channel or the other
            const r = await select([C[o.c]!.recvCase(), C[1 - o.c]!.recvCase()]);
            see(who, `selw${r.index}:${String(r.value)}`);
            break;
          }
          case 'sels': {
            // a blocking select: send on one channel or receive from the other
            const r = await select([C[o.c]!.sendCase(o.v), C[1 - o.c]!.recvCase()]);
            see(who, `sels${r.index}:${String(r.value)}`);
            break;
          }
          case 'seld': {
            // a non-blocking send
            const r = await select([C[o.c]!.sendCase(o.v)], { default: true });
            see(who, `seld${r.index}`);
            break;
          }
          case 'yield': await yieldNow(); break;
          case 'sleep': await sleep(o.ms); break;
          case 'close':
            try {
              await C[o.c]!.close();
            } catch {
              see(who, 'close panicked');
            }
            break;
          case 'after': see(who, await after(o.ms).recv()); break;
          case 'tmo': {
            // a receive with a timeout, then cancel: the timer is stopped unless it fired first
            const [ctx, cancel] = context.withTimeout(context.background(), o.ms);
            const r = await select([C[o.c]!.recvCase(), ctx.done().recvCase()]);
            see(who, `tmo${r.index}:${String(r.value)}`);
            await cancel();
            break;
          }
          case 'stop': see(who, `stop:${String(await newTimer(o.ms).stop())}`); break;
          case 'go': go(() => run(o.ops, `${who}.${i}`)); break;
        }
      }
    };
    const hs = prog.map((ops, t) => spawn(() => run(ops, `t${t}`)));
    for (const h of hs) await h.join();
    see('main', [await A[0]!.load(), await A[1]!.load()]);
  };
}
