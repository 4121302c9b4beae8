import type { DocumentFormat } from './document-kinds';
import type { OfficialDocument } from './official-document';
import { renderDocx } from './render-docx';
import { renderPdf } from './render-pdf';

/** One document model, either renderer. */
export function renderDocument(doc: OfficialDocument, format: DocumentFormat): Promise<Buffer> {
  return format === 'docx' ? renderDocx(doc) : renderPdf(doc);
}
