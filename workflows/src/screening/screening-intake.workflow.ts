import { patched, upsertSearchAttributes } from '@temporalio/workflow';
import { SA_ORG_CODES, type ScreeningIntakeInput, type ScreeningIntakeResult } from '@partyflow/contracts';
import { openScreeningCase } from './open-screening-case';

/** A manual flag from the API: opens (or finds) the screening case and returns at once. */
export async function screeningIntakeWorkflow(input: ScreeningIntakeInput): Promise<ScreeningIntakeResult> {
  // PartyOrgCodes once the member's organisation is known (intakes started before this change set none).
  return openScreeningCase(input, (reg) => {
    if (reg.orgCodes.length && patched('screening-intake-org-codes'))
      upsertSearchAttributes([{ key: SA_ORG_CODES, value: reg.orgCodes }]);
  });
}
