/**
 * Thread gates and kills (runtime/gate.ts, Execution.setGate/gateChanged/kill): a gated goroutine
 * takes no step while its gate holds it back, whatever its operation; reports say why; a killed
 * goroutine never steps again and is neither live nor leaked; DPOR orders gate changes against the
 * gated goroutines' steps exactly as brute force does.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../../../src/api/scenario.js';
import { go, spawn } from '../../../src/api/goroutines.js';
import { sleep } from '../../../src/api/time.js';
import { runExecution } from '../../../src/harness/execute.js';
import { RandomStrategy } from '../../../src/scheduler/random.js';
import { AtomicInt } from '../../../src/primitives/go/atomic.js';
import { WaitGroup } from '../../../src/primitives/go/waitgroup.js';
import { Gate } from '../../../src/runtime/gate.js';
import { currentExecution } from '../../../src/runtime/current.js';
import type { Execution } from '../../../src/runtime/execution.js';
import type { Thread } from '../../../src/runtime/thread.js';
import { RUN, bruteForce, covers, dporSplit } from '../scheduler/explore-helpers.js';

/** A gate with one switch: open or closed for every thread behind it. */
class Switch extends Gate {
  open = false;
  constructor(exec: Execution) {
    super(exec, 'switch');
  }
  admits(_t: Thread): boolean {
    return this.open;
  }
  why(_t: Thread): string {
    return `switch '${this.name}' is off`;
  }
  set(open: boolean): void {
    this.open = open;
    this.exec.gateChanged(this);
  }
}

/** One execution under the random strategy with `seed`. */
async function once(s: Parameters<typeof runExecution>[0], seed = 1) {
  const strategy = new RandomStrategy(seed, 1);
  strategy.beginExecution(0);
  return runExecution(s, RUN, { strategy, seed, captureLocations: false, recordTrace: false });
}

/** The running goroutine (the one whose code calls this). */
function self(exec: Execution): Thread {
  return exec.running!;
}

describe('thread gates', () => {
  it('a gated goroutine waits for its gate, whatever its operation, in every schedule', async () => {
    const log: string[] = [];
    const s = scenario('gate', async () => {
      const exec = currentExecution('test');
      const gate = new Switch(exec);
      const x = new AtomicInt(0, 'x');
      const wg = new WaitGroup();
      await wg.add(2);
      const g = go(async () => {
        await x.store(1);
        log.push('gated stored');
        await wg.done();
      }, 'gated');
      exec.setGate(exec.threads[g.id]!, gate);
      go(async () => {
        await x.load();
        log.push('opener opens');
        gate.set(true);
        await wg.done();
      }, 'opener');
      await wg.wait();
    });
    for (let seed = 1; seed <= 20; seed++) {
      log.length = 0;
      const r = await once(s, seed);
      expect(r.findings).toEqual([]);
      expect(r.error).toBeUndefined();
      expect(log).toEqual(['opener opens', 'gated stored']);
    }
  });

  it('goroutines held back by a gate that nobody opens are a deadlock that says why', async () => {
    const s = scenario('stuck gate', async () => {
      const exec = currentExecution('test');
      const gate = new Switch(exec);
      const wg = new WaitGroup({ name: 'wg' });
      await wg.add(1);
      const g = go(async () => {
        await sleep(1);
        await wg.done();
      }, 'gated');
      exec.setGate(exec.threads[g.id]!, gate);
      await wg.wait();
    });
    const r = await once(s);
    expect(r.findings.map((f) => f.kind)).toEqual(['deadlock']);
    expect(r.findings[0]!.details!.join('\n')).toContain("switch 'switch' is off");
    const gated = r.findings[0]!.threads.find((t) => t.name === 'gated')!;
    expect(gated.state).toBe('blocked');
    expect(gated.waitingOn).toContain("switch 'switch' is off");
  });

  it('a killed goroutine never steps again, is no leak, and its end is never seen', async () => {
    const steps: string[] = [];
    const kept: number[] = [];
    const s = scenario('kill', async () => {
      const exec = currentExecution('test');
      const x = new AtomicInt(0, 'x');
      const victim = go(async () => {
        for (let i = 0; i < 5; i++) {
          await x.add(1);
          steps.push(`add ${i}`);
        }
      }, 'victim');
      await x.load();
      exec.kill(exec.threads[victim.id]!, 'its node crashed');
      await sleep(10);
      steps.push(`main saw ${await x.load()}`);
    });
    for (let seed = 1; seed <= 20; seed++) {
      steps.length = 0;
      const r = await once(s, seed);
      expect(r.findings).toEqual([]);
      expect(r.error).toBeUndefined();
      const adds = steps.filter((l) => l.startsWith('add')).length;
      expect(steps[steps.length - 1]).toBe(`main saw ${adds}`);
      kept.push(adds);
    }
    // In some schedules the kill comes before the victim's last add.
    expect(Math.min(...kept)).toBeLessThan(5);
  });

  it('a goroutine that kills itself stops at its next operation', async () => {
    const seen: string[] = [];
    const s = scenario('self kill', async () => {
      const exec = currentExecution('test');
      const x = new AtomicInt(0, 'x');
      go(async () => {
        await x.add(1);
        exec.kill(self(exec), 'it crashed its own node');
        seen.push('code after the kill runs to the next operation');
        await x.add(1);
        seen.push('never');
      }, 'victim');
      await sleep(5);
      seen.push(`main saw ${await x.load()}`);
    });
    const r = await once(s);
    expect(r.findings).toEqual([]);
    expect(seen).toEqual(['code after the kill runs to the next operation', 'main saw 1']);
  });
});

describe('DPOR with gates, against brute force', { timeout: 120_000 }, () => {
  // The gated goroutine's store races with main's load only once the opener has opened the gate;
  // the opener's own load and the gated store are ordered by the gate. Exactly brute force's traces,
  // each once, and exactly its outcomes.
  const program = (log: { obs: Record<string, unknown[]> }) =>
    scenario('gated race', async () => {
      log.obs = { main: [], opener: [] };
      const exec = currentExecution('test');
      const gate = new Switch(exec);
      const x = new AtomicInt(0, 'x');
      const y = new AtomicInt(0, 'y');
      // Joins, not a WaitGroup: a Wait parked before or after the last Done is two traces to brute force.
      const g = spawn(async () => {
        await x.store(1);
        await y.store(1);
      }, 'gated');
      exec.setGate(exec.threads[g.id]!, gate);
      const o = spawn(async () => {
        log.obs.opener!.push(await y.load());
        gate.set(true);
        log.obs.opener!.push(await x.load());
        gate.set(false);
        await x.add(10);
        gate.set(true);
      }, 'opener');
      log.obs.main!.push(await x.load());
      await g.join();
      await o.join();
    });

  it('exactly the traces and outcomes of brute force, however split', async () => {
    const log = { obs: {} as Record<string, unknown[]> };
    const s = program(log);
    const brute = await bruteForce(s, () => log.obs, 20_000);
    expect(brute).not.toBeNull();
    // The opener's first load always sees 0 (the gated store cannot come before the gate opens).
    for (const o of brute!.outcomes) expect(o.seen.opener![0]).toBe(0);
    expect(new Set(brute!.outcomes.map((o) => JSON.stringify(o.seen))).size).toBeGreaterThan(2);
    for (const target of [1, 8]) {
      const d = await dporSplit(s, target, () => log.obs);
      expect(new Set(d.forms).size).toBe(d.forms.length);
      expect([...d.forms].sort()).toEqual([...new Set(brute!.forms)].sort());
      for (const b of brute!.outcomes) expect(d.outcomes.some((o) => covers(o, b))).toBe(true);
      for (const o of d.outcomes) expect(brute!.outcomes.some((b) => covers(b, o))).toBe(true);
    }
  });
});
