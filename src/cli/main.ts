/**
 * simcc's command line (bin/simcc.js imports this file).
 *
 * Invariants: every usage problem is one line on stderr and exit status 2 (commander's own errors included);
 * every scenario outcome maps to 0 (nothing found), 1 (a finding) or 2 (scenario error); nothing keeps the
 * process alive after the command (workers are terminated, esbuild's service is stopped).
 */
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { stopCompiler } from '../harness/compile.js';
import { describeThrown, oneLine } from '../runtime/locations.js';
import { serialize } from '../report/json.js';
import { interruptReport, SIGNAL_EXIT } from './interrupt.js';
import { checkCommand, parseReporter, type CheckFlags } from './check.js';
import { initCommand, type InitFlags } from './init.js';
import { mergeAnyCommand, type AnyMergeFlags } from './merge.js';
import { typecheckGate } from './typecheck-gate.js';
import {
  exploreCommand,
  parseMaxExecutions,
  parseMaxTime,
  parsePreemptionBound,
  parseShard,
  parseWorkers,
  type ExploreFlags,
} from './explore.js';
import {
  parseAtomicHistory,
  parseDepth,
  parsePctSteps,
  parseRuns,
  parseSchedule,
  parseSeed,
  parseSpuriousWakeups,
  parseFaults,
  parseMaxFaults,
  parseStepLimit,
  parseStrategy,
  parseSyncTimeout,
  parseTimeMode,
  UsageError,
} from './options.js';
import { replayCommand, runCommand, type ReplayFlags, type RunFlags } from './run.js';
import { MUTEX_REPLAY_HELP, MUTEX_RUN_HELP, parseMutexChoice, parseMutexVariant } from './mutex-option.js';

const USAGE_EXIT = 2;
const HTML_HELP = 'also write the finding’s trace as one self-contained HTML page (lanes, happens-before edges, source)';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** Options every scenario-running command takes. */
function common(cmd: Command): Command {
  return cmd
    .option('--json', 'print one JSON document on stdout')
    .option('--step-limit <n>', 'steps one execution may take (default: the scenario’s stepLimit, else 100000)', parseStepLimit)
    .option('--time <mode>', 'when timers fire: free (at any step, the default) or synctest (only when all are blocked)', parseTimeMode)
    .option('--sync-timeout <ms>', 'stop a scenario that takes no simulated step for this long (default: 2000)', parseSyncTimeout)
    .option('--atomic-history <n>', 'Rust atomics: how many stores of one location a load may still read (default: 7, as loom)', parseAtomicHistory)
    .option('--spurious-wakeups <n>', 'Rust: spurious returns allowed per Condvar wait or park (default: 1)', parseSpuriousWakeups)
    .option(
      '--faults <kinds>',
      'etcd: let the scheduler inject these faults (crash,pause,partition) into any node at any step; a pause or partition lasts 1 ms past the longest lease TTL on the node (an injected crash is for good)',
      parseFaults,
    )
    .option('--max-faults <n>', 'etcd: at most this many injected faults per execution (default: 1)', parseMaxFaults)
    .option('--no-color', 'no colours in the human report');
}

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('simcc')
    .description('deterministic concurrency simulator and race/deadlock checker')
    .version(version(), '-V, --version')
    .showSuggestionAfterError(true)
    .configureOutput({
      // commander's errors (unknown option, missing argument, ...) as one line; main() adds the JSON document.
      outputError: (str, write) => {
        commanderMessage = oneLine(str).replace(/^error: /, '');
        write(`${oneLine(str)}\n`);
      },
    })
    .exitOverride();

  common(
    program
      .command('run')
      .description('run a scenario under many seeded schedules; stop at the first finding')
      .argument('<file>', 'the scenario file (.ts)')
      .option('--seed <n>', 'run exactly the execution this seed names', parseSeed)
      .option('--runs <n>', 'number of executions (default: the scenario’s runs, else 1000)', parseRuns)
      .addOption(new Option('--strategy <name>', 'scheduling strategy: random or pct').default('random').argParser(parseStrategy))
      .option('--depth <d>', 'pct: the bug depth, d−1 priority change points (default: 3)', parseDepth)
      .option('--pct-steps <k>', 'pct: the step count the first execution places change points in (default: measured; reproduce commands give it)', parsePctSteps)
      .option('--verify-determinism', 'replay the failing schedule again and report nondeterminism when it does not do the same')
      .option('--no-shrink', 'report the failing schedule as found, without shrinking it')
      .option('--mutex <variant>', MUTEX_RUN_HELP, parseMutexChoice)
      .option('--typecheck', 'type-check the scenario with the TypeScript compiler first (a type error is a scenario error)')
      .option('--html <file>', HTML_HELP),
  ).action(async (file: string, flags: RunFlags & { typecheck?: boolean }) =>
    setExit(await typecheckGate(file, flags, flags.strategy, () => runCommand(file, flags))),
  );

  common(
    program
      .command('replay')
      .description('replay a printed schedule')
      .argument('<file>', 'the scenario file (.ts)')
      .option('--schedule <s>', 'the schedule printed with a finding', parseSchedule)
      .option('--schedule-file <file>', 'read the schedule from a file (long schedules; reproduce lines write them)')
      .option('--mutex <variant>', MUTEX_REPLAY_HELP, parseMutexVariant)
      .option('--typecheck', 'type-check the scenario with the TypeScript compiler first (a type error is a scenario error)')
      .option('--html <file>', HTML_HELP),
  ).action(async (file: string, flags: ReplayFlags & { typecheck?: boolean }) =>
    setExit(await typecheckGate(file, flags, 'replay', () => replayCommand(file, flags))),
  );

  common(
    program
      .command('check')
      .description('run every scenario under the folders against its declared expect (for CI)')
      .argument('<dir...>', 'folders (or files) holding scenarios')
      .option('--runs <n>', 'number of executions per scenario (default: its runs, else 1000)', parseRuns)
      .option('--explore', 'explore each scenario exhaustively (DPOR) instead of running seeded schedules')
      .option('--max-time <seconds>', 'with --explore: the budget of each scenario (default: 60)', parseMaxTime)
      .option('--max-executions <n>', 'with --explore: at most this many executions per scenario', parseMaxExecutions)
      .option('--fail-on-incomplete', 'with --explore: an exploration cut by its budget fails the check')
      .option('--no-probes', 'with --explore: no bug-hunting phase (PCT and random probes) before the proof')
      .option('--workers <n>', 'scenarios run at once (default: 2)', parseWorkers)
      .option('--shard <i/n>', 'check only part i of n of the scenarios (CI jobs; join the --json reports with simcc merge)', parseShard)
      .option('--no-typecheck', 'do not type-check the scenarios with the TypeScript compiler first')
      .addOption(new Option('--reporter <name>', 'human, json, junit (JUnit XML) or github (Actions annotations)').argParser(parseReporter))
      .option('--output <file>', 'write the report to this file (stdout gets the human lines)'),
  ).action(async (dirs: string[], flags: CheckFlags) => setExit(await checkCommand(dirs, flags)));

  common(
    program
      .command('explore')
      .description('explore every interleaving up to equivalence (DPOR); says whether it finished')
      .argument('<file>', 'the scenario file (.ts)')
      .option('--max-executions <n>', 'stop after this many executions', parseMaxExecutions)
      .option('--max-time <seconds>', 'stop and report within this long (default: 60)', parseMaxTime)
      .option('--preemption-bound <k>', 'only executions with at most k preemptions (bounded partial-order reduction; --no-dpor: every such schedule)', parsePreemptionBound)
      .option('--all', 'list every distinct finding instead of stopping at the first')
      .option('--workers <n>', 'worker threads sharing the exploration (same result as one; default: 1)', parseWorkers)
      .option('--shard <i/n>', 'explore only this part i of n (CI jobs; join them with simcc merge)', parseShard)
      .option('--no-dpor', 'plain depth-first search, without partial-order reduction')
      .option('--no-shrink', 'report failing schedules as found, without shrinking them')
      .option('--verify-determinism', 'replay each failing schedule again and report nondeterminism when it does not do the same')
      .option('--typecheck', 'type-check the scenario with the TypeScript compiler first (a type error is a scenario error)')
      .option('--html <file>', HTML_HELP)
      .option('--no-probes', 'no bug-hunting phase (PCT and random probes) before the proof')
      .option('--fail-on-incomplete', 'exit status 1 when nothing was found but the exploration is not complete'),
  ).action(async (file: string, flags: ExploreFlags & { typecheck?: boolean }) =>
    setExit(await typecheckGate(file, flags, flags.dpor ? 'dpor' : 'dfs', () => exploreCommand(file, flags))),
  );

  program
    .command('merge')
    .description('join the --json reports of sharded explorations (or checks) into one verdict')
    .argument('<reports...>', 'the JSON reports of simcc explore --shard i/n --json (or simcc check --shard i/n --json)')
    .option('--json', 'print one JSON document on stdout')
    .option('--no-color', 'no colours in the human report')
    .addOption(new Option('--reporter <name>', 'for check reports: human, json, junit or github').argParser(parseReporter))
    .option('--output <file>', 'for check reports: write the report to this file')
    .action(async (files: string[], flags: AnyMergeFlags) => setExit(await mergeAnyCommand(files, flags)));

  program
    .command('init')
    .description('make a folder ready for scenario files: a tsconfig.json that gives `simcc` its types, in editors and tsc')
    .argument('[dir]', 'the folder (default: the current one)', '.')
    .option('--force', 'overwrite an existing tsconfig.json')
    .option('--example', 'also write example.ts, a first scenario')
    .action(async (dir: string, flags: InitFlags) => setExit(await initCommand(dir, flags)));

  return program;
}

/** The last error commander printed (its own usage errors), for the --json document. */
let commanderMessage: string | undefined;

/** `--json` given to a command (before a `--`): usage errors are a JSON document too. */
function wantsJson(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

/** The --json document of a usage error: the contract's fields, verdict "error", and the message. */
function usageDocument(argv: string[], message: string): Record<string, unknown> {
  const [command, file] = argv.slice(2);
  const named = (command === 'run' || command === 'replay' || command === 'explore') && file !== undefined && !file.startsWith('-');
  return { ...(named && { file }), verdict: 'error', executions: 0, complete: false, findings: [], ...(command === 'check' && { results: [] }), error: { message } };
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  let usage: string | undefined;
  const program = buildProgram((c) => (code = c));
  try {
    if (argv.length <= 2) throw new UsageError('missing command: run, replay, explore, merge, check or init (see simcc --help)');
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with exit status 0; commander has printed everything else already.
      code = err.exitCode === 0 ? 0 : USAGE_EXIT;
      if (code !== 0) usage = commanderMessage ?? oneLine(err.message).replace(/^error: /, '');
    } else if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n`);
      code = USAGE_EXIT;
      usage = err.message;
    } else {
      // A bug in simcc: one line, without its stack (no frames or paths of simcc's own files reach the user).
      usage = `internal error in simcc: ${describeThrown(err)}`;
      process.stderr.write(`error: ${usage}\n`);
      code = USAGE_EXIT;
    }
    if (usage !== undefined && wantsJson(argv)) process.stdout.write(serialize(usageDocument(argv, usage)));
  } finally {
    await stopCompiler();
  }
  return code;
}

// A reader that goes away early (`simcc run … --json | head`) is not an error of simcc's: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

// Ctrl-C or a kill: say what was covered (interrupt.ts), then exit normally (128 + signal number, as a shell
// would) so 'exit' handlers remove temp files.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    const out = interruptReport(signal, wantsJson(process.argv));
    if (out.stdout) process.stdout.write(out.stdout);
    process.stderr.write(out.stderr, () => process.exit(SIGNAL_EXIT[signal]));
  });
}

process.exitCode = await main(process.argv);
