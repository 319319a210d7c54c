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
import { oneLine } from '../report/locations.js';
import { checkCommand, type CheckFlags } from './check.js';
import {
  exploreCommand,
  mergeCommand,
  parseMaxExecutions,
  parseMaxTime,
  parsePreemptionBound,
  parseShard,
  parseWorkers,
  type ExploreFlags,
  type MergeFlags,
} from './explore.js';
import {
  parseDepth,
  parsePctSteps,
  parseRuns,
  parseSchedule,
  parseSeed,
  parseStepLimit,
  parseStrategy,
  parseSyncTimeout,
  parseTimeMode,
  UsageError,
} from './options.js';
import { replayCommand, runCommand, type ReplayFlags, type RunFlags } from './run.js';
import { MUTEX_REPLAY_HELP, MUTEX_RUN_HELP, parseMutexChoice, parseMutexVariant } from './mutex-option.js';

const USAGE_EXIT = 2;

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
    .option('--no-color', 'no colours in the human report');
}

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('simcc')
    .description('deterministic concurrency simulator and race/deadlock checker')
    .version(version(), '-V, --version')
    .showSuggestionAfterError(true)
    .configureOutput({
      // commander's errors (unknown option, missing argument, ...) as one line.
      outputError: (str, write) => write(`${oneLine(str)}\n`),
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
      .option('--mutex <variant>', MUTEX_RUN_HELP, parseMutexChoice),
  ).action(async (file: string, flags: RunFlags) => setExit(await runCommand(file, flags)));

  common(
    program
      .command('replay')
      .description('replay a printed schedule')
      .argument('<file>', 'the scenario file (.ts)')
      .requiredOption('--schedule <s>', 'the schedule printed with a finding', parseSchedule)
      .option('--mutex <variant>', MUTEX_REPLAY_HELP, parseMutexVariant),
  ).action(async (file: string, flags: ReplayFlags) => setExit(await replayCommand(file, flags)));

  common(
    program
      .command('check')
      .description('run every scenario under the folders against its declared expect (for CI)')
      .argument('<dir...>', 'folders (or files) holding scenarios')
      .option('--runs <n>', 'number of executions per scenario (default: its runs, else 1000)', parseRuns),
  ).action(async (dirs: string[], flags: CheckFlags) => setExit(await checkCommand(dirs, flags)));

  common(
    program
      .command('explore')
      .description('explore every interleaving up to equivalence (DPOR); says whether it finished')
      .argument('<file>', 'the scenario file (.ts)')
      .option('--max-executions <n>', 'stop after this many executions', parseMaxExecutions)
      .option('--max-time <seconds>', 'stop and report within this long (default: 60)', parseMaxTime)
      .option('--preemption-bound <k>', 'only executions with at most k preemptions (searched without reduction)', parsePreemptionBound)
      .option('--all', 'list every distinct finding instead of stopping at the first')
      .option('--workers <n>', 'worker threads sharing the exploration (same result as one; default: 1)', parseWorkers)
      .option('--shard <i/n>', 'explore only this part i of n (CI jobs; join them with simcc merge)', parseShard)
      .option('--no-dpor', 'plain depth-first search, without partial-order reduction')
      .option('--no-shrink', 'report failing schedules as found, without shrinking them')
      .option('--verify-determinism', 'replay each failing schedule again and report nondeterminism when it does not do the same')
      .option('--no-probes', 'no bug-hunting phase (PCT and random probes) before the proof')
      .option('--fail-on-incomplete', 'exit status 1 when nothing was found but the exploration is not complete'),
  ).action(async (file: string, flags: ExploreFlags) => setExit(await exploreCommand(file, flags)));

  program
    .command('merge')
    .description('join the --json reports of sharded explorations into one verdict')
    .argument('<reports...>', 'the JSON reports of simcc explore --shard i/n --json')
    .option('--json', 'print one JSON document on stdout')
    .option('--no-color', 'no colours in the human report')
    .action(async (files: string[], flags: MergeFlags) => setExit(await mergeCommand(files, flags)));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    if (argv.length <= 2) throw new UsageError('missing command: run, replay, explore, merge or check (see simcc --help)');
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with exit status 0; commander has printed everything else already.
      code = err.exitCode === 0 ? 0 : USAGE_EXIT;
    } else if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n`);
      code = USAGE_EXIT;
    } else {
      process.stderr.write(`error: internal error in simcc: ${oneLine(String((err as Error)?.stack ?? err))}\n`);
      code = USAGE_EXIT;
    }
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

// Ctrl-C or a kill: exit normally (128 + signal number, as a shell would) so 'exit' handlers remove temp files.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

process.exitCode = await main(process.argv);
