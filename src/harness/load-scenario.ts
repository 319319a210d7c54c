/**
 * Import a compiled scenario module in a worker and find its scenario: shared by the run and explore
 * workers. Never throws: a failure is the one-line scenario error to report (exit status 2).
 */
import { pathToFileURL } from 'node:url';
import { asScenario, type Scenario } from '../api/scenario.js';
import { scenario as rustScenario } from '../primitives/rust/scenario.js';
import { scenario as tokioScenario } from '../primitives/tokio/scenario.js';
import type { ScenarioErrorInfo } from '../findings.js';
import type { FlavourName } from '../runtime/flavour.js';
import { describeThrown, displayPath, stackLocation } from '../runtime/locations.js';

export async function loadScenario(
  input: { modulePath: string; sourcePath: string; fallbackName: string; fallbackFlavour?: FlavourName },
): Promise<{ scenario: Scenario } | { error: ScenarioErrorInfo }> {
  const file = displayPath(input.sourcePath);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(input.modulePath).href)) as Record<string, unknown>;
  } catch (err) {
    return { error: { message: describeThrown(err), location: stackLocation((err as Error | undefined)?.stack) ?? file } };
  }
  const exported = mod['default'];
  // A plain function in a file that imports 'simcc/rust' is a Rust main (drops at its end, Rust's words);
  // in one that imports 'simcc/tokio', `#[tokio::main]`'s body (a Rust main that is a task).
  const scenario =
    typeof exported === 'function' && input.fallbackFlavour === 'rust'
      ? rustScenario(input.fallbackName, exported as () => Promise<unknown>)
      : typeof exported === 'function' && input.fallbackFlavour === 'tokio'
        ? tokioScenario(input.fallbackName, exported as () => Promise<unknown>)
        : asScenario(exported, input.fallbackName);
  if (scenario !== null) return { scenario };
  const message =
    'default' in mod
      ? 'the default export is not a scenario: export default scenario(...)'
      : 'no default export: export default scenario(...)';
  return { error: { message, location: `${file}:1` } };
}
