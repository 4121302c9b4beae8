import type { Client } from '@temporalio/client';
import * as contracts from '@partyflow/contracts';
import {
  admissionWorkflowRef,
  transferWorkflowRef,
  type AdmissionInput,
  type DetectionRunInput,
  type TransferInput,
} from '@partyflow/contracts';
import type { AdmissionClient } from '../admission/admission.client';
import type { PolicyFanOutClient } from '../policies/policy-fan-out.client';
import type { ScreeningClient } from '../screening/screening.client';
import type { HumanTaskClient } from '../tasks/human-task.client';
import type { TransferClient } from '../transfers/transfer.client';
import { loadConfig } from '@partyflow/config';
import { startCommitted } from './workflow-start';

// Issue 8 §2: workflows are started through typed refs (libs/contracts/src/workflow-refs.ts), so a wrong argument
// fails to compile. These functions are never called: `tsc -p tsconfig.json` checks them, and each
// `@ts-expect-error` fails the typecheck if the call under it ever compiles.
export function compileTimeChecks(
  c: {
    client: Client;
    admission: AdmissionClient;
    transfers: TransferClient;
    policies: PolicyFanOutClient;
    screening: ScreeningClient;
    humanTasks: HumanTaskClient;
  },
  inputs: { admission: AdmissionInput; transfer: TransferInput; detection: DetectionRunInput },
): Promise<unknown>[] {
  const options = { workflowId: 'w' };
  const temporal = loadConfig({}).temporal;
  const actor = { userId: 'u', name: 'Người dùng' };
  return [
    // The right arguments compile.
    startCommitted(c.client, temporal, admissionWorkflowRef, { ...options, args: [inputs.admission] }),
    startCommitted(c.client, temporal, transferWorkflowRef, { ...options, args: [inputs.transfer] }),
    c.admission.start(inputs.admission),
    c.transfers.start('transfer-1', inputs.transfer),
    c.policies.start({ operationId: 'op', process: 'admission', step: 'decision', version: 2 }),
    c.screening.startDetection({ ...inputs.detection, runId: 'r' }),
    c.humanTasks.complete('w', { taskKey: 'k', outcome: 'approved', actor }),
    // @ts-expect-error the admission workflow does not take a transfer's input
    startCommitted(c.client, temporal, admissionWorkflowRef, { ...options, args: [inputs.transfer] }),
    // @ts-expect-error the transfer workflow takes exactly one argument
    startCommitted(c.client, temporal, transferWorkflowRef, { ...options, args: [] }),
    // @ts-expect-error a bare workflow-type string is no ref
    startCommitted(c.client, temporal, 'admissionWorkflow', { ...options, args: [inputs.admission] }),
    // @ts-expect-error the admission client starts an admission, not a transfer
    c.admission.start(inputs.transfer),
    // @ts-expect-error the transfer client starts a transfer, not an admission
    c.transfers.start('transfer-1', inputs.admission),
    // @ts-expect-error the fan-out needs the policy version it re-times to
    c.policies.start({ operationId: 'op', process: 'admission', step: 'decision' }),
    // @ts-expect-error a detection run's trigger is 'on_demand' or 'schedule'
    c.screening.startDetection({ ...inputs.detection, runId: 'r', trigger: 'manual' }),
    // @ts-expect-error a completion names who completes it
    c.humanTasks.complete('w', { taskKey: 'k', outcome: 'approved' }),
  ];
}

describe('workflow refs (issue 8 §2)', () => {
  it('name each workflow type the worker registers (workflows/src/index.ts), one ref each', () => {
    const refs = Object.entries(contracts)
      .filter(([name]) => name.endsWith('WorkflowRef'))
      .map(([name, ref]) => [name, (ref as contracts.WorkflowRef).workflowType]);
    expect(Object.fromEntries(refs)).toEqual({
      admissionWorkflowRef: 'admissionWorkflow',
      screeningWorkflowRef: 'screeningWorkflow',
      screeningIntakeWorkflowRef: 'screeningIntakeWorkflow',
      transferWorkflowRef: 'transferWorkflow',
      cellInspectionWorkflowRef: 'cellInspectionWorkflow',
      inspectionRoundWorkflowRef: 'inspectionRoundWorkflow',
      detectionRunWorkflowRef: 'detectionRunWorkflow',
      deadlinePolicyFanOutWorkflowRef: 'deadlinePolicyFanOutWorkflow',
      mailDispatchWorkflowRef: 'mailDispatchWorkflow',
      mailDigestWorkflowRef: 'mailDigestWorkflow',
      auditDigestWorkflowRef: 'auditDigestWorkflow',
      taskReassignmentWorkflowRef: 'taskReassignmentWorkflow',
    });
  });
});
