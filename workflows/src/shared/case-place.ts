import { setHandler } from '@temporalio/workflow';
import { casePlaceChangedSignal, type CasePlace } from '@partyflow/contracts';

/**
 * The case's deciding organisations, starting from its input; a `casePlaceChanged` signal (the case's
 * organisation moved, issue 9 §1) replaces them for the steps opened afterwards. Install before anything
 * awaits. Cases that never receive the signal emit exactly the commands they did before.
 */
export function followCasePlace(initial: CasePlace): CasePlace {
  const place: CasePlace = { grassrootsOrgId: initial.grassrootsOrgId, competentOrgId: initial.competentOrgId };
  setHandler(casePlaceChangedSignal, (next) => {
    place.grassrootsOrgId = next.grassrootsOrgId;
    place.competentOrgId = next.competentOrgId;
  });
  return place;
}
