import { Logger } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import {
  ActivityFailure,
  ApplicationFailure,
  DefaultFailureConverter,
  defaultPayloadConverter,
  RetryState,
} from '@temporalio/common';
import {
  SCREENING_ERRORS,
  TASK_ERRORS,
  WORKFLOW_REFUSAL_CODES,
  type RefusalDetails,
  type WorkflowRefusalCode,
} from '@partyflow/contracts';
import { ApiError } from './api-error';
import { mapWorkflowError, REFUSAL_HTTP } from './workflow-errors';

const converter = new DefaultFailureConverter();
/**
 * A refusal as the workflow's validator raises it (workflows/src/shared/refusal.ts), sent over the
 * wire and decoded as the client does.
 */
const refusal = (
  code: WorkflowRefusalCode,
  reason: string,
  field?: string,
  message = field ? `${field}: ${reason}` : reason,
): WorkflowUpdateFailedError => {
  const details: RefusalDetails = { code, reason, ...(field ? { field } : {}) };
  const sent = ApplicationFailure.create({ type: code, message, details: [details], nonRetryable: true });
  const received = converter.failureToError(
    converter.errorToFailure(sent, defaultPayloadConverter),
    defaultPayloadConverter,
  );
  return new WorkflowUpdateFailedError('Workflow Update failed', received);
};
const answer = (e: ApiError) => ({ status: e.status, code: e.code, message: e.message, field: e.field });

describe('mapWorkflowError: workflow refusals to HTTP by typed code (issue 7 §7)', () => {
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  it('should map every refusal code of every capability, and nothing else', () => {
    expect(Object.keys(REFUSAL_HTTP).sort()).toEqual([...WORKFLOW_REFUSAL_CODES].sort());
    expect([...WORKFLOW_REFUSAL_CODES].sort()).toEqual([
      'InvalidScreeningInput',
      'InvalidTaskData',
      'OutcomeNotAllowed',
      'ScreeningUpdateNotAccepted',
      'TaskNotAssignee',
      'TaskNotOpen',
    ]);
  });

  it.each<[WorkflowRefusalCode, string | undefined, { status: number; code: string; field: string | undefined }]>([
    [TASK_ERRORS.notOpen, undefined, { status: 409, code: 'TASK_NOT_OPEN', field: undefined }],
    [TASK_ERRORS.notAssignee, undefined, { status: 409, code: 'TASK_REASSIGNED', field: undefined }],
    [TASK_ERRORS.outcomeNotAllowed, 'outcome', { status: 400, code: 'VALIDATION_FAILED', field: 'outcome' }],
    [TASK_ERRORS.invalidData, 'data.votes.yes', { status: 400, code: 'VALIDATION_FAILED', field: 'data.votes.yes' }],
    [SCREENING_ERRORS.notAccepting, undefined, { status: 409, code: 'NOT_ACCEPTING', field: undefined }],
    [SCREENING_ERRORS.invalid, 'month', { status: 400, code: 'VALIDATION_FAILED', field: 'month' }],
  ])(
    'should answer %s (field %s) with its mapped status and code, naming the field from the details',
    (code, field, expected) => {
      const e = mapWorkflowError(refusal(code, 'lý do', field), 'Hồ sơ đã kết thúc');
      expect(answer(e)).toEqual({ ...expected, message: field ? `${field}: lý do` : 'lý do' });
      expect(logged).not.toHaveBeenCalled();
    },
  );

  it('should take the field from the details, never from the message text', () => {
    const e = mapWorkflowError(
      refusal(TASK_ERRORS.invalidData, 'không khớp: 3 phiếu', 'data.votes', 'roster: nhầm: trường'),
      'Hồ sơ đã kết thúc',
    );
    expect(answer(e)).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'data.votes',
      message: 'data.votes: không khớp: 3 phiếu',
    });
  });

  it('should map a refusal without details (from an older worker) by its type alone, naming no field', () => {
    const old = new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.create({ type: TASK_ERRORS.notOpen, message: "Nhiệm vụ 'decision' không còn mở" }),
    );
    expect(answer(mapWorkflowError(old, 'x'))).toEqual({
      status: 409,
      code: 'TASK_NOT_OPEN',
      message: "Nhiệm vụ 'decision' không còn mở",
      field: undefined,
    });
  });

  it("should answer 409 CASE_CLOSED with the caller's message when the workflow is closed or gone", () => {
    const e = mapWorkflowError(
      new WorkflowNotFoundError('workflow execution already completed', 'admission-1', undefined),
      'Hồ sơ rà soát đã kết thúc',
    );
    expect(answer(e)).toEqual({
      status: 409,
      code: 'CASE_CLOSED',
      message: 'Hồ sơ rà soát đã kết thúc',
      field: undefined,
    });
  });

  it('should pass an ApiError through unchanged', () => {
    const given = ApiError.forbidden('không có quyền');
    expect(mapWorkflowError(given, 'x')).toBe(given);
  });

  it.each<[string, unknown]>([
    [
      'an ApplicationFailure of an unknown type',
      new WorkflowUpdateFailedError(
        'Workflow Update failed',
        ApplicationFailure.create({ type: 'SomethingElse', message: 'outcome: not found' }),
      ),
    ],
    [
      'an activity failure inside the update handler',
      new WorkflowUpdateFailedError(
        'Workflow Update failed',
        new ActivityFailure('closeTask failed', 'closeTask', '1', RetryState.MAXIMUM_ATTEMPTS_REACHED, undefined),
      ),
    ],
    ['a plain error whose message says "not found"', new Error('task queue not found')],
    ['a thrown string', 'boom'],
  ])('should answer %s with a logged 500, not a 4xx', (_, error) => {
    expect(answer(mapWorkflowError(error, 'Hồ sơ đã kết thúc'))).toEqual({
      status: 500,
      code: 'INTERNAL',
      message: 'Lỗi hệ thống',
      field: undefined,
    });
    expect(logged).toHaveBeenCalledTimes(1);
  });
});
