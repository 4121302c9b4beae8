import { z } from 'zod';
import { localDate, uuid } from '../common/response-schemas';
import { TransferRecordResponse } from '../records/records.responses';

/** POST /transfers. */
export const IssueTransferResponse = z.strictObject({
  transferId: uuid,
  workflowId: z.string(),
  presentBy: localDate.describe('hạn trình giấy giới thiệu ở nơi đến'),
});

/** GET /transfers/:id: the transfer row and, while its workflow answers, its state. */
export const TransferResponse = TransferRecordResponse.extend({
  workflowState: z
    .strictObject({
      status: z.enum(['issued', 'presented', 'returned']),
      presentedOn: localDate.optional(),
      returnDue: localDate.optional(),
      returnedOn: localDate.optional(),
      escalations: z.number().int(),
      screeningCaseId: uuid.optional(),
    })
    .nullable(),
});
