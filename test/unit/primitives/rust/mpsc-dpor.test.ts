/**
 * The footprints of mpsc, Barrier, Once and OnceLock against brute force: DPOR must explore the same
 * Mazurkiewicz traces as plain DFS over every schedule (each once) and see the same outcomes. A footprint
 * too weak (two dependent steps said to commute) loses traces or outcomes; one too strong adds traces.
 */
import { describe, expect, it } from 'vitest';
import { Barrier } from '../../../../src/primitives/rust/barrier.js';
import { mpsc } from '../../../../src/primitives/rust/mpsc.js';
import { Once, OnceLock } from '../../../../src/primitives/rust/once.js';
import { drop } from '../../../../src/primitives/rust/ownership.js';
import { catchUnwind, panic } from '../../../../src/primitives/rust/panic.js';
import { scenario } from '../../../../src/primitives/rust/scenario.js';
import { thread } from '../../../../src/primitives/rust/thread.js';
import { bruteForce, dporSplit, outcomeSet, loggedProgram } from '../../scheduler/explore-helpers.js';

const prog = (name: string, body: (see: (who: string, v: unknown) => void) => Promise<unknown>) => loggedProgram(scenario, name, body);


const programs: [string, ReturnType<typeof prog>][] = [
  [
    'rendezvous: two senders, tryRecv then recv until Err',
    prog('p1', async (see) => {
      const [tx, rx] = mpsc.syncChannel<number>(0);
      const tx2 = tx.clone();
      const a = thread.spawn(async () => see('a', String(await tx.send(1))), { name: 'a', move: [tx] });
      const b = thread.spawn(async () => see('b', String(await tx2.send(2))), { name: 'b', move: [tx2] });
      const first = await rx.tryRecv();
      see('main', String(first));
      for (let i = first.isOk() ? 1 : 0; i < 2; i++) see('main', String(await rx.recv()));
      see('main', String(await rx.recv()));
      await a.join();
      await b.join();
    }),
  ],
  [
    'unbounded: sends, drops and tryRecvs against each other',
    prog('p2', async (see) => {
      const [tx, rx] = mpsc.channel<number>();
      const tx2 = tx.clone();
      const a = thread.spawn(async () => {
        await tx.send(1);
        await drop(tx);
      }, { name: 'a', move: [tx] });
      const b = thread.spawn(async () => void (await drop(tx2)), { name: 'b', move: [tx2] });
      see('main', String(await rx.tryRecv()));
      see('main', String(await rx.tryRecv()));
      await a.join();
      await b.join();
    }),
  ],
  [
    'recvTimeout against a send (virtual time)',
    prog('p3', async (see) => {
      const [tx, rx] = mpsc.channel<number>();
      const a = thread.spawn(async () => void (await tx.send(1)), { name: 'a', move: [tx] });
      see('main', String(await rx.recvTimeout(5)));
      await a.join();
    }),
  ],
  [
    'recvTimeout on a rendezvous against a send and the drop of the Receiver',
    prog('p4', async (see) => {
      const [tx, rx] = mpsc.syncChannel<number>(0);
      const a = thread.spawn(async () => see('a', String(await tx.send(1))), { name: 'a', move: [tx] });
      see('main', String(await rx.recvTimeout(5)));
      await drop(rx);
      await a.join();
    }),
  ],
  [
    'syncChannel(1): two senders, one recv, the Receiver dropped',
    prog('p5', async (see) => {
      const [tx, rx] = mpsc.syncChannel<number>(1);
      const tx2 = tx.clone();
      const a = thread.spawn(async () => see('a', String(await tx.send(1))), { name: 'a', move: [tx] });
      const b = thread.spawn(async () => see('b', String(await tx2.trySend(2))), { name: 'b', move: [tx2] });
      see('main', String(await rx.recv()));
      await drop(rx);
      await a.join();
      await b.join();
    }),
  ],
  [
    'Barrier(2) used twice by two threads, leaders seen',
    prog('p6', async (see) => {
      const bar = new Barrier(2);
      const hs = ['a', 'b'].map((n) =>
        thread.spawn(async () => {
          for (let i = 0; i < 2; i++) see(n, (await bar.wait()).isLeader);
        }, n),
      );
      for (const h of hs) await h.join();
    }),
  ],
  [
    'Once: three callers, one fn; a panicking first fn poisons',
    prog('p7', async (see) => {
      const once = new Once();
      const hs = ['a', 'b', 'c'].map((n, i) =>
        thread.spawn(async () => {
          const r = await catchUnwind(() =>
            once.callOnce(async () => {
              see(n, 'runs');
              if (i === 0) panic('boom');
            }),
          );
          see(n, r.isOk() ? 'ok' : 'panicked');
          see(n, once.isCompleted());
        }, n),
      );
      for (const h of hs) await h.join();
    }),
  ],
  [
    'OnceLock: getOrInit, set and get against each other',
    prog('p8', async (see) => {
      const cell = new OnceLock<string>();
      const a = thread.spawn(async () => see('a', await cell.getOrInit(() => 'a')), 'a');
      const b = thread.spawn(async () => see('b', String(await cell.set('b'))), 'b');
      see('main', String(await cell.get()));
      await a.join();
      await b.join();
    }),
  ],
];

describe('DPOR against brute force', { timeout: 120_000 }, () => {
  it.each(programs)('%s: the same traces, each once, and the same outcomes', async (_name, p) => {
    const brute = await bruteForce(p.s, p.log, 20_000);
    expect(brute).not.toBeNull();
    const d = await dporSplit(p.s, 1, p.log);
    expect(new Set(d.forms).size).toBe(d.forms.length);
    expect([...d.forms].sort()).toEqual([...new Set(brute!.forms)].sort());
    expect(outcomeSet(d.outcomes)).toEqual(outcomeSet(brute!.outcomes));
  });
});
