import { DOCUMENT_KIND_INFO, type DocumentKind } from '@partyflow/documents';
import { ApiError } from '../common/api-error';

/** The documents capability's own error answers: code and Vietnamese message. */
export const documentErrors = {
  /** The step that produces the paper has not happened, or ended otherwise: the paper does not exist yet. */
  notAvailable: (kind: DocumentKind, reason: string) =>
    ApiError.conflict('DOCUMENT_NOT_AVAILABLE', `Chưa có ${DOCUMENT_KIND_INFO[kind].title.toLowerCase()}: ${reason}`),
  unknownKind: (kind: string) => ApiError.notFound('loại văn bản', kind),
};
