import { z } from 'zod';
import {
  contentDisposition,
  DOCUMENT_CONTENT_TYPES,
  DOCUMENT_FORMATS,
  DOCUMENT_KIND_INFO,
  documentFileName,
  renderDocument,
  type DocumentKind,
  type OfficialDocument,
} from '@partyflow/documents';
import type { HumanTaskEntity } from '@partyflow/persistence';
import { parseOrThrow } from '../common/validation';
import type { CaseRecords } from './case-records';
import { documentErrors } from './documents.errors';

/**
 * One kind of paper of a process: the completed task it comes from (or why there is none yet), and the document
 * model built from the records. The list and the download both ask `source`, so they never disagree.
 */
export type DocumentSource<C> = {
  source(records: CaseRecords, c: C): HumanTaskEntity | { reason: string };
  build(records: CaseRecords, c: C, task: HumanTaskEntity): Promise<OfficialDocument>;
};

export const DocumentQuery = z.object({ format: z.enum(DOCUMENT_FORMATS).default('pdf') }).strict();

/** A file to send: its bytes, Content-Type and Content-Disposition. */
export type DocumentFile = { body: Buffer; contentType: string; disposition: string };

/** The papers of a case: each kind, whether it exists at the case's current state, and if not why. */
export function listDocuments<C, K extends DocumentKind>(
  kinds: readonly K[],
  sources: Record<K, DocumentSource<C>>,
  records: CaseRecords,
  c: C,
) {
  return kinds.map((kind) => {
    const found = sources[kind].source(records, c);
    const { title, form } = DOCUMENT_KIND_INFO[kind];
    return 'reason' in found
      ? { kind, title, form, available: false as const, reason: found.reason, formats: [...DOCUMENT_FORMATS] }
      : { kind, title, form, available: true as const, reason: null, formats: [...DOCUMENT_FORMATS] };
  });
}

/** One paper as DOCX or PDF; 404 for an unknown kind, 409 naming why when its step has not happened. */
export async function documentFile<C, K extends DocumentKind>(
  kinds: readonly K[],
  sources: Record<K, DocumentSource<C>>,
  load: () => Promise<{ records: CaseRecords; c: C; subject: string }>,
  rawKind: string,
  query: unknown,
): Promise<DocumentFile> {
  if (!(kinds as readonly string[]).includes(rawKind)) throw documentErrors.unknownKind(rawKind);
  const kind = rawKind as K;
  const { format } = parseOrThrow(DocumentQuery, query ?? {}, 'query');
  const { records, c, subject } = await load();
  const found = sources[kind].source(records, c);
  if ('reason' in found) throw documentErrors.notAvailable(kind, found.reason);
  const body = await renderDocument(await sources[kind].build(records, c, found), format);
  return {
    body,
    contentType: DOCUMENT_CONTENT_TYPES[format],
    disposition: contentDisposition(documentFileName(kind, subject, format)),
  };
}
