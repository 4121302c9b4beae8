import { setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { casePlaceChangedSignal, SA_ORG_CODES, type CasePlace } from '@partyflow/contracts';

/**
 * The case's deciding organisations, starting from its input; a `casePlaceChanged` signal (the case's
 * organisation moved, issue 9 §1) replaces them for the steps opened afterwards, and the PartyOrgCodes search
 * attribute with the new ancestors. Install before anything
 * awaits. Cases that never receive the signal emit exactly the commands they did before.
 */
export function followCasePlace(initial: CasePlace): Omit<CasePlace, 'orgCodes'> {
  const place = { grassrootsOrgId: initial.grassrootsOrgId, competentOrgId: initial.competentOrgId };
  setHandler(casePlaceChangedSignal, (next) => {
    place.grassrootsOrgId = next.grassrootsOrgId;
    place.competentOrgId = next.competentOrgId;
    // Operators find the case under its new ancestors (PartyOrgCodes, issue 7 §5).
    if (next.orgCodes) upsertSearchAttributes([{ key: SA_ORG_CODES, value: next.orgCodes }]);
  });
  return place;
}
