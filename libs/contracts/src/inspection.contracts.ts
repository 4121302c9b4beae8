import { defineQuery, defineSignal } from '@temporalio/workflow';
import { z } from 'zod';
import {
  FINDING_RESULTS,
  INSPECTION_ITEMS,
  type ChecklistFinding,
  type ChecklistPrefill,
  type InspectionItem,
  type InspectionScope,
  type Role,
} from '@partyflow/domain';
import type { Actor } from './human-task.contracts';

/** The Schedule of a programme and the ids of the workflows it starts: deterministic per programme. */
export const inspectionScheduleId = (programmeId: string): string => `inspection-programme-${programmeId}`;
/** The Schedule appends its own timestamp to this id, so each round gets its own workflow. */
export const inspectionRoundWorkflowIdPrefix = (programmeId: string): string => `inspection-round-${programmeId}`;
export const cellInspectionWorkflowId = (inspectionId: string): string => `cell-inspection-${inspectionId}`;

/** What the Schedule passes: the programme only; the round reads the current interval and scope itself. */
export type InspectionRoundInput = { programmeId: string };

export type InspectionRoundResult = {
  roundId: string;
  cells: number;
  shortcomings: number;
  verified: number;
  carriedOver: number;
  /** Cells whose checklist was not recorded when the results were announced (round end, or a failed inspection). */
  missingCells?: MissingCell[];
};

/** A cell left out of the announcement: its checklist was not recorded by the round's end, or its inspection failed. */
export type MissingCell = {
  inspectionId: string;
  cellOrgId: string;
  cellName: string;
  reason: 'not_recorded' | 'failed';
  error?: string;
};

export type CellInspectionInput = {
  inspectionId: string;
  roundId: string;
  programmeId: string;
  cellOrgId: string;
  cellName: string;
  inspectingOrgId: string;
  inspectingRole: Role;
  review: { from: string; to: string };
  /** The instant the round ends (the next round starts): open findings carry over then. */
  roundEndsAt: string;
  maxRemediationAttempts: number;
  /** Codes of the cell and its ancestors, for the PartyOrgCodes search attribute. */
  orgCodes?: string[];
};

/** `notInspected` when the round ended before the checklist was recorded. */
export type CellInspectionResult = {
  inspectionId: string;
  shortcomings: InspectionItem[];
  verified: InspectionItem[];
  carriedOver: InspectionItem[];
  notInspected?: boolean;
};

/** Child → round: the checklist of one cell is recorded. */
export const checklistRecordedSignal =
  defineSignal<[{ inspectionId: string; shortcomings: number }]>('checklistRecorded');
/** Round → child: results were announced to every cell; remediation starts. */
export const resultsAnnouncedSignal = defineSignal<[{ roundId: string; at: string }]>('resultsAnnounced');

export type CellInspectionState = {
  phase: 'assigning' | 'checking' | 'awaiting_announcement' | 'remediating' | 'closed';
  remediation: Partial<
    Record<InspectionItem, 'open' | 'overdue' | 'fixed' | 'verified' | 'unresolved' | 'carried_over'>
  >;
};
export const cellInspectionStateQuery = defineQuery<CellInspectionState>('cellInspectionState');

const nonEmpty = (field: string) => z.string().trim().min(1, `${field} không được để trống`);

/**
 * Per step: outcomes and data. The workflow adds the checks that need case data (team members
 * outside the cell, every item without a pre-filled value answered); the API checks the same
 * against the database first so that bad input is a 400.
 */
export const INSPECTION_TASKS = {
  assign_team: {
    outcomes: ['assigned'],
    data: z
      .object({
        teamUserIds: z
          .array(z.string().uuid('phải là UUID'))
          .min(1, 'cần ít nhất một thành viên đoàn kiểm tra')
          .max(10)
          .refine((ids) => new Set(ids).size === ids.length, 'thành viên đoàn kiểm tra bị trùng'),
      })
      .strict(),
  },
  checklist: {
    outcomes: ['submitted'],
    data: z
      .object({
        findings: z
          .array(
            z
              .object({
                item: z.enum(INSPECTION_ITEMS),
                result: z.enum(FINDING_RESULTS),
                note: z.string().trim().max(2000).optional(),
              })
              .strict(),
          )
          .max(INSPECTION_ITEMS.length),
      })
      .strict(),
  },
  remediation: { outcomes: ['fixed'], data: z.object({ actionTaken: nonEmpty('actionTaken') }).strict() },
  verify_fix: { outcomes: ['verified', 'not_fixed'], data: z.object({ note: nonEmpty('note') }).strict() },
} as const satisfies Record<string, { outcomes: readonly string[]; data: z.ZodTypeAny }>;

export type InspectionTaskStep = keyof typeof INSPECTION_TASKS;
export type RoundOpened = {
  roundId: string;
  inspectingOrgId: string;
  inspectingRole: Role;
  scope: InspectionScope;
  review: { from: string; to: string };
  endsAt: string;
  maxRemediationAttempts: number;
  /** Codes of the inspecting organisation and its ancestors (PartyOrgCodes). */
  orgCodes?: string[];
};

export type RoundCell = {
  inspectionId: string;
  cellOrgId: string;
  cellName: string;
  workflowId: string;
  orgCodes?: string[];
};

export type InspectionActivities = {
  openRound(input: { programmeId: string; workflowId: string; at: string }): Promise<RoundOpened>;
  listRoundCells(input: { roundId: string }): Promise<RoundCell[]>;
  cellMemberUserIds(input: { cellOrgId: string }): Promise<string[]>;
  recordTeam(input: { inspectionId: string; teamUserIds: string[]; actor: Actor; at: string }): Promise<void>;
  prefillChecklist(input: { inspectionId: string; at: string }): Promise<ChecklistPrefill[]>;
  recordChecklist(input: {
    inspectionId: string;
    findings: ChecklistFinding[];
    actor: Actor;
    at: string;
  }): Promise<{ shortcomings: InspectionItem[] }>;
  /** To every cell of the round; the cells in `missing` are listed as having no result. */
  announceResults(input: { roundId: string; at: string; missing?: MissingCell[] }): Promise<void>;
  recordRemediation(input: {
    inspectionId: string;
    item: InspectionItem;
    event: 'opened' | 'escalated' | 'fixed' | 'verified' | 'not_fixed';
    attempt: number;
    actor?: Actor;
    text?: string;
    at: string;
  }): Promise<void>;
  /** At the round's end: every finding not verified is carried over, and its open tasks are cancelled. */
  carryOver(input: { inspectionId: string; workflowId: string; at: string }): Promise<InspectionItem[]>;
  closeInspection(input: { inspectionId: string; at: string }): Promise<void>;
  /**
   * The round ended before the checklist was recorded: open tasks leave the inbox and the
   * inspection closes as not done.
   */
  endUninspected(input: { inspectionId: string; workflowId: string; at: string }): Promise<void>;
  closeRound(input: { roundId: string; result: InspectionRoundResult; at: string }): Promise<void>;
};
