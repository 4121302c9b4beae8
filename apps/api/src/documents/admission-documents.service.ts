import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { labelVi } from '@partyflow/domain';
import {
  ADMISSION_DOCUMENT_KINDS,
  admissionDecision,
  cellResolution,
  cellVoteMinutes,
  recognitionDecision,
  type AdmissionDocumentKind,
} from '@partyflow/documents';
import type { AdmissionCaseEntity, HumanTaskEntity } from '@partyflow/persistence';
import type { AuthUser } from '../auth/auth-user';
import { AdmissionCasesService } from '../admission/admission-cases.service';
import { CaseRecords, completedOn, notYet, voteOf } from './case-records';
import { documentFile, listDocuments, type DocumentFile, type DocumentSource } from './case-documents';

/** A step's completion with the outcome the paper needs, or why the paper is not there yet. */
const completedWith =
  (step: string, outcome: string) =>
  (records: CaseRecords): HumanTaskEntity | { reason: string } => {
    const task = records.latest(step);
    return task?.outcome === outcome ? task : { reason: notYet(step, task) };
  };
const cellVoteDone = (records: CaseRecords): HumanTaskEntity | { reason: string } =>
  records.latest('cell_vote') ?? { reason: notYet('cell_vote', undefined) };

type Data<T> = T & Record<string, unknown>;
const dataOf = <T>(task: HumanTaskEntity | undefined): Data<T> | undefined => task?.data as Data<T> | undefined;

/**
 * The papers of an admission case, each built from its records (README, Official documents): the cell's minutes
 * and resolution once the cell has voted (the resolution only when it proposed the admission), the decision once
 * admitted, the recognition decision once recognised.
 */
const SOURCES: Record<AdmissionDocumentKind, DocumentSource<AdmissionCaseEntity>> = {
  'cell-vote-minutes': {
    source: cellVoteDone,
    build: async (records, c, vote) =>
      cellVoteMinutes({
        candidate: await records.person(c.candidateMemberId),
        cell: await records.organisation(vote.assigneeOrgId),
        vote: voteOf(vote, 'minutesRef'),
        approved: vote.outcome === 'approved',
      }),
  },
  'cell-resolution': {
    source: completedWith('cell_vote', 'approved'),
    build: async (records, c, vote) => {
      const intro = dataOf<{
        introducers: { memberId: string }[];
        unionResolution?: { kind: string; reference: string };
      }>(records.latest('introducers'));
      const union = intro?.unionResolution;
      const opinions = [...records.latestEach('opinion_residence'), ...records.latestEach('opinion_mass_org')].map(
        (t) => t.data as { givenBy: string; summary: string },
      );
      return cellResolution({
        candidate: await records.person(c.candidateMemberId),
        cell: await records.organisation(vote.assigneeOrgId),
        vote: voteOf(vote, 'minutesRef'),
        introducers: await records.names((intro?.introducers ?? []).map((i) => i.memberId)),
        unionResolution: union ? `${labelVi(union.kind)} số ${union.reference}` : null,
        background: dataOf<{ conclusion: string }>(records.latest('background_check'))?.conclusion ?? null,
        opinions: opinions.map(({ givenBy, summary }) => ({ givenBy, summary })),
      });
    },
  },
  'admission-decision': {
    source: completedWith('decision', 'admitted'),
    build: async (records, c, decision) => {
      const data = decision.data as { decisionNumber: string; decidedOn: string };
      const vote = records.latest('cell_vote') as HumanTaskEntity;
      return admissionDecision({
        candidate: await records.person(c.candidateMemberId),
        cell: await records.organisation(vote.assigneeOrgId),
        grassroots: (await records.organisation(c.grassrootsOrgId)).name,
        decider: await records.decider(decision),
        decisionNumber: data.decisionNumber,
        decidedOn: data.decidedOn,
        signer: decision.completedByName,
        cellVote: voteOf(vote, 'minutesRef'),
        grassrootsResolution:
          dataOf<{ resolutionRef: string }>(records.latest('grassroots_vote'))?.resolutionRef ?? null,
      });
    },
  },
  'recognition-decision': {
    source: (records, c) => {
      const found = completedWith('recognition_decision', 'recognised')(records);
      // The effective day (month 12) is written on the case when the recognition is recorded.
      return 'reason' in found || c.officialOn ? found : { reason: notYet('recognition_decision', undefined) };
    },
    build: async (records, c, decision) => {
      const admitted = dataOf<{ decisionNumber: string; decidedOn: string }>(records.latest('decision'));
      const vote = records.latest('recognition_cell_vote') as HumanTaskEntity;
      return recognitionDecision({
        member: await records.person(c.candidateMemberId),
        cell: await records.organisation(vote.assigneeOrgId),
        grassroots: (await records.organisation(c.grassrootsOrgId)).name,
        decider: await records.decider(decision),
        decisionNumber: (decision.data as { decisionNumber: string }).decisionNumber,
        decidedOn: completedOn(decision),
        signer: decision.completedByName,
        admission: {
          decisionNumber: admitted?.decisionNumber ?? null,
          decidedOn: c.decidedOn ?? admitted?.decidedOn ?? null,
          ceremonyOn: c.ceremonyOn,
        },
        officialOn: c.officialOn as string,
        cellVote: voteOf(vote, 'minutesRef'),
      });
    },
  },
};

/** GET /admission-cases/:id/documents[/:kind]: read by whoever may read the case. */
@Injectable()
export class AdmissionDocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: AdmissionCasesService,
  ) {}

  async list(user: AuthUser, rawId: string) {
    const c = await this.cases.visibleCase(user, rawId);
    const records = await CaseRecords.load(this.dataSource, c.id);
    return { caseId: c.id, documents: listDocuments(ADMISSION_DOCUMENT_KINDS, SOURCES, records, c) };
  }

  download(user: AuthUser, rawId: string, kind: string, query: unknown): Promise<DocumentFile> {
    return documentFile(ADMISSION_DOCUMENT_KINDS, SOURCES, () => this.load(user, rawId), kind, query);
  }

  private async load(user: AuthUser, rawId: string) {
    const c = await this.cases.visibleCase(user, rawId);
    const records = await CaseRecords.load(this.dataSource, c.id);
    return { records, c, subject: (await records.person(c.candidateMemberId)).fullName };
  }
}
