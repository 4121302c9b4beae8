import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_REGISTRY } from '@partyflow/contracts';

const { IndexedValueType } = temporal.api.enums.v1;
const TYPES = {
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  KeywordList: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
} as const;

/**
 * Registers the project's custom search attributes (libs/contracts SEARCH_ATTRIBUTE_REGISTRY) on a namespace of a
 * Temporal cluster, adding only the missing ones, so the migrate step can run on every release. One already there
 * with another type is refused: a search attribute's type cannot be changed in place. Returns the names added.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const existing = customAttributes ?? {};
  const missing: Record<string, temporal.api.enums.v1.IndexedValueType> = {};
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTE_REGISTRY)) {
    const wanted = TYPES[type];
    if (existing[name] === undefined) missing[name] = wanted;
    else if (existing[name] !== wanted) {
      throw new Error(
        `Search attribute ${name} exists on namespace ${namespace} as ${IndexedValueType[existing[name]]}, ` +
          `not ${IndexedValueType[wanted]}: a type cannot be changed in place`,
      );
    }
  }
  const added = Object.keys(missing);
  if (added.length) await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
  return added;
}
