import type { ScreeningIntakeInput, ScreeningIntakeResult } from '@partyflow/contracts';
import { openScreeningCase } from './open-screening-case';

/** A manual flag from the API: opens (or finds) the screening case and returns at once. */
export async function screeningIntakeWorkflow(input: ScreeningIntakeInput): Promise<ScreeningIntakeResult> {
  return openScreeningCase(input);
}
