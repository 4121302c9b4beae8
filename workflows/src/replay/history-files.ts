/**
 * Naming of the saved workflow histories in workflows/histories/ (pure string functions, shared
 * by the recorder and the replay test):
 *
 *   <scenario>--<workflowId>.json     e.g. admission-running-probation--admission-6f0c…json
 *
 * The file holds the history exactly as `historyToJSON(await handle.fetchHistory())` writes it
 * (the same JSON as `temporal workflow show --output json`), so other Temporal tools read it too.
 * Histories carry no workflow id, and the workflow passes its id to activities, so the id
 * travels in the file name. A history recorded from a later, deliberately incompatible workflow
 * version gets a version suffix in its scenario (`admission-running-probation-v2--…`); files of
 * older versions are kept, never overwritten.
 */
export const HISTORY_SEPARATOR = '--';
const SCENARIO = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type HistoryFileName = { scenario: string; workflowId: string };

export function historyFileName({ scenario, workflowId }: HistoryFileName): string {
  if (!SCENARIO.test(scenario)) throw new Error(`Scenario '${scenario}' must be kebab-case (a-z, 0-9, single '-')`);
  if (workflowId.includes(HISTORY_SEPARATOR) || workflowId.includes('/'))
    throw new Error(`Workflow id '${workflowId}' cannot go in a file name`);
  return `${scenario}${HISTORY_SEPARATOR}${workflowId}.json`;
}

export function parseHistoryFileName(fileName: string): HistoryFileName {
  const base = fileName.replace(/\.json$/, '');
  const at = base.indexOf(HISTORY_SEPARATOR);
  if (at <= 0 || at + HISTORY_SEPARATOR.length >= base.length) {
    throw new Error(`History file '${fileName}' is not named <scenario>${HISTORY_SEPARATOR}<workflowId>.json`);
  }
  return { scenario: base.slice(0, at), workflowId: base.slice(at + HISTORY_SEPARATOR.length) };
}

/** Scenario of a version: `admission-happy-path` + 'v2' → `admission-happy-path-v2`. */
export const versionedScenario = (scenario: string, version?: string): string =>
  version ? `${scenario}-${version}` : scenario;
