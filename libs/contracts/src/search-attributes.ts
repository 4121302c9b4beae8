import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes so the Temporal Web UI can filter cases. Registered on the dev
 * server by infra/scripts (see SEARCH_ATTRIBUTE_REGISTRY) and in tests through the SDK.
 */
export const SA_PROCESS = defineSearchAttributeKey('PartyProcess', SearchAttributeType.KEYWORD);
/** Codes of the case's organisation and all its ancestors: `PartyOrgCodes = 'HN'` finds a subtree. */
export const SA_ORG_CODES = defineSearchAttributeKey('PartyOrgCodes', SearchAttributeType.KEYWORD_LIST);
export const SA_CURRENT_STEP = defineSearchAttributeKey('PartyCurrentStep', SearchAttributeType.KEYWORD);
export const SA_STEP_DUE_AT = defineSearchAttributeKey('PartyStepDueAt', SearchAttributeType.DATETIME);

/** name → type as the Temporal CLI's `--search-attribute Name=Type` expects it. */
export const SEARCH_ATTRIBUTE_REGISTRY: Record<string, 'Keyword' | 'KeywordList' | 'Datetime'> = {
  PartyProcess: 'Keyword',
  PartyOrgCodes: 'KeywordList',
  PartyCurrentStep: 'Keyword',
  PartyStepDueAt: 'Datetime',
};
