export * from './official-document';
export * from './document-records';
export * from './document-kinds';
export * from './admission-documents';
export * from './screening-documents';
export { renderDocx } from './render-docx';
export { renderPdf } from './render-pdf';
export { renderDocument } from './render-document';
