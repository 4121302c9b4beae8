import { defineSignal } from '@temporalio/workflow';

/**
 * The organisations a running case of a cell goes to, read off the cell's path [caseOrgChain]: its grassroots
 * committee and the directly superior committee of that, the competent one.
 */
export type CasePlace = {
  grassrootsOrgId: string;
  competentOrgId: string;
  /** The codes of the cell and its ancestors on the new path, root first: the new PartyOrgCodes. */
  orgCodes?: string[];
};

/**
 * Issue 9 §1: the case's organisation moved in the tree. The steps the case opens from then on go to the new
 * place; tasks already open are moved by the `reassignTask` update.
 */
export const casePlaceChangedSignal = defineSignal<[CasePlace]>('casePlaceChanged');
