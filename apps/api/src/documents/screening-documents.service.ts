import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { labelVi, toLocalDate, type RemovalFormKey } from '@partyflow/domain';
import {
  listingVoteMinutes,
  removalDecision,
  SCREENING_DOCUMENT_KINDS,
  type ScreeningDocumentKind,
} from '@partyflow/documents';
import { AuditLogEntity, type HumanTaskEntity, type ScreeningCaseEntity } from '@partyflow/persistence';
import type { AuthUser } from '../auth/auth-user';
import { ScreeningService } from '../screening/screening.service';
import { CaseRecords, notYet, voteOf } from './case-records';
import { documentFile, listDocuments, type DocumentFile, type DocumentSource } from './case-documents';

/**
 * The papers of a screening case (02-HD/BTCTƯ): the minutes of the cell's secret ballot of step 1 once it has
 * voted, and the competent committee's removal decision once it decided (README, Official documents).
 */
const sources = (dataSource: DataSource): Record<ScreeningDocumentKind, DocumentSource<ScreeningCaseEntity>> => ({
  'listing-vote-minutes': {
    source: (records) =>
      records.latest('screening_listing_vote') ?? { reason: notYet('screening_listing_vote', undefined) },
    build: async (records, c, vote) =>
      listingVoteMinutes({
        member: await records.person(c.memberId),
        cell: await records.organisation(vote.assigneeOrgId),
        vote: voteOf(vote, 'minutesRef'),
        listed: vote.outcome === 'listed',
      }),
  },
  'removal-decision': {
    source: (records) => {
      const task = records.latest('screening_removal_decision');
      return task?.outcome === 'decided' ? task : { reason: notYet('screening_removal_decision', task) };
    },
    build: async (records, c, decision) => {
      const data = decision.data as { decisionNumber: string; decidedOn: string };
      const assessment = records.latest('screening_assessment_vote') as HumanTaskEntity;
      const cell = await records.organisation(assessment.assigneeOrgId);
      // The decision's audit entry holds the end of the appeal window the workflow computed (holiday calendar).
      const decided = await dataSource
        .getRepository(AuditLogEntity)
        .findOneBy({ caseId: c.id, action: 'screening.removal_decided' });
      const appealClosesAt = (decided?.details as { appealClosesAt?: string } | null)?.appealClosesAt;
      const form = c.removalForm ?? (assessment.data as { proposedForm: RemovalFormKey }).proposedForm;
      return removalDecision({
        member: await records.person(c.memberId),
        cell,
        grassroots: cell.superior ?? '',
        form,
        ground: labelVi(c.ground),
        decider: await records.decider(decision),
        decisionNumber: data.decisionNumber,
        decidedOn: data.decidedOn,
        signer: decision.completedByName,
        committeeVote: voteOf(decision, 'resolutionRef'),
        cellVote: voteOf(assessment, 'minutesRef'),
        appealUntil: appealClosesAt ? toLocalDate(appealClosesAt) : null,
      });
    },
  },
});

/** GET /screening/cases/:id/documents[/:kind]: read by whoever may read the case. */
@Injectable()
export class ScreeningDocumentsService {
  private readonly sources: Record<ScreeningDocumentKind, DocumentSource<ScreeningCaseEntity>>;
  constructor(
    private readonly dataSource: DataSource,
    private readonly screening: ScreeningService,
  ) {
    this.sources = sources(dataSource);
  }

  async list(user: AuthUser, rawId: string) {
    const c = await this.screening.visibleCase(user, rawId);
    const records = await CaseRecords.load(this.dataSource, c.id);
    return { caseId: c.id, documents: listDocuments(SCREENING_DOCUMENT_KINDS, this.sources, records, c) };
  }

  download(user: AuthUser, rawId: string, kind: string, query: unknown): Promise<DocumentFile> {
    return documentFile(SCREENING_DOCUMENT_KINDS, this.sources, () => this.load(user, rawId), kind, query);
  }

  private async load(user: AuthUser, rawId: string) {
    const c = await this.screening.visibleCase(user, rawId);
    const records = await CaseRecords.load(this.dataSource, c.id);
    return { records, c, subject: (await records.person(c.memberId)).fullName };
  }
}
