import { defineQuery } from '@temporalio/workflow';
import { z } from 'zod';
import type { Actor } from './human-task.contracts';
import { localDateSchema as localDate } from './local-date.contracts';

/** Workflow id of a party-activity transfer: deterministic, so a start is idempotent per transfer. */
export const transferWorkflowId = (transferId: string): string => `transfer-${transferId}`;

/** Built by the API from the party_transfer row it has just written (status 'issued'). */
export type TransferInput = {
  transferId: string;
  member: { memberId: string; fullName: string };
  kind: 'official' | 'temporary';
  fromOrgId: string;
  toOrgId: string;
  /** Local date of the introduction letter; the presentation limit runs from it [R30]. */
  issuedOn: string;
  /** Temporary transfers only: the period away, in months [R29]. */
  periodMonths: number | null;
  orgCodes: string[];
  startedBy: Actor;
};

export type TransferResult = { status: 'presented' | 'returned'; presentedOn: string; returnedOn?: string };

export type TransferState = {
  status: 'issued' | 'presented' | 'returned';
  presentedOn?: string;
  returnDue?: string;
  returnedOn?: string;
  escalations: number;
  screeningCaseId?: string;
};
export const transferStateQuery = defineQuery<TransferState>('transferState');

const nonEmpty = (field: string) => z.string().trim().min(1, `${field} không được để trống`);

export const TRANSFER_TASKS = {
  confirm_arrival: {
    outcomes: ['presented'],
    data: z
      .object({
        presentedOn: localDate,
        receivedBy: nonEmpty('receivedBy'),
        lateReason: z.string().trim().min(1).optional(),
      })
      .strict(),
  },
  confirm_return: {
    outcomes: ['returned'],
    data: z.object({ returnedOn: localDate, receivedBy: nonEmpty('receivedBy') }).strict(),
  },
} as const satisfies Record<string, { outcomes: readonly string[]; data: z.ZodTypeAny }>;

export type TransferActivities = {
  /** Notifies the supervisors of the SENDING organisation's ancestors (level 1: its parent). */
  notifyTransferOverdue(input: { transferId: string; level: number; at: string }): Promise<void>;
  /** Late when presented after the due date of the `confirm_arrival` task. */
  recordArrival(input: {
    transferId: string;
    presentedOn: string;
    returnDue: string | null;
    actor: Actor;
    at: string;
  }): Promise<{ late: boolean }>;
  recordReturn(input: { transferId: string; returnedOn: string; actor: Actor; at: string }): Promise<void>;
};
