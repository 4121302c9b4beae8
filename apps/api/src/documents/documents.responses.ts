import { z } from 'zod';
import { ADMISSION_DOCUMENT_KINDS, DOCUMENT_FORMATS, SCREENING_DOCUMENT_KINDS } from '@partyflow/documents';
import { uuid } from '../common/response-schemas';

const kind = z.enum([...ADMISSION_DOCUMENT_KINDS, ...SCREENING_DOCUMENT_KINDS]);

/** GET …/documents: every paper of the process, and whether it exists at the case's current state (why not). */
export const CaseDocumentsResponse = z.strictObject({
  caseId: uuid,
  documents: z.array(
    z.strictObject({
      kind,
      title: z.string(),
      form: z.string(),
      available: z.boolean(),
      reason: z.string().nullable(),
      formats: z.array(z.enum(DOCUMENT_FORMATS)),
    }),
  ),
});
