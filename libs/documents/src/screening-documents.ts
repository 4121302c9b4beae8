import type { LocalDate, RemovalFormKey } from '@partyflow/domain';
import {
  decisionHeader,
  deciderDecides,
  decisionSignature,
  executionArticle,
  memberDecisionRecipients,
} from './admission-documents';
import {
  b,
  dateVi,
  eligibleVoters,
  orBlank,
  personLine,
  t,
  type DecidingBody,
  type OrganisationRecord,
  type PersonRecord,
  type VoteRecord,
} from './document-records';
import { p, type OfficialDocument } from './official-document';
import { voteMinutes } from './vote-minutes';

/** The records a screening case's papers are built from (02-HD/BTCTƯ; apps/api/src/documents gathers them). */
export type RemovalDecisionRecord = {
  member: PersonRecord;
  cell: OrganisationRecord;
  grassroots: string;
  form: RemovalFormKey;
  /** The ground the case was opened on, in Vietnamese (glossary). */
  ground: string;
  decider: DecidingBody;
  /** Task screening_removal_decision: number, date, the committee's vote and resolution, who recorded it. */
  decisionNumber: string;
  decidedOn: LocalDate;
  signer: string | null;
  committeeVote: Pick<VoteRecord, 'ref' | 'roster' | 'votes' | 'rule'>;
  /** The cell's assessment vote that proposed the removal (task screening_assessment_vote). */
  cellVote: Pick<VoteRecord, 'on' | 'ref' | 'roster' | 'votes' | 'rule'>;
  /** The last day of the appeal window, as the decision's audit entry recorded it (a local date). */
  appealUntil: LocalDate | null;
};

export type ListingVoteMinutesRecord = {
  member: PersonRecord;
  cell: OrganisationRecord;
  vote: VoteRecord;
  listed: boolean;
};

/** Per removal form: the subtitle of the decision and the words of its Article 1 [R23][R27]. */
const REMOVAL_WORDING: Record<RemovalFormKey, { subtitle: string; article: (name: string) => string[] }> = {
  strike_off: {
    subtitle: 'Xóa tên đảng viên',
    article: (name) => ['Xóa tên đồng chí ', name, ' khỏi danh sách đảng viên'],
  },
  expel: {
    subtitle: 'Thi hành kỷ luật bằng hình thức khai trừ',
    article: (name) => ['Khai trừ đồng chí ', name, ' ra khỏi Đảng'],
  },
  release: { subtitle: 'Cho đảng viên ra khỏi Đảng', article: (name) => ['Cho đồng chí ', name, ' ra khỏi Đảng'] },
};

/** The competent committee's decision removing the member (xóa tên, khai trừ, cho ra khỏi Đảng) [R23][R25][R27]. */
export function removalDecision(r: RemovalDecisionRecord): OfficialDocument {
  const wording = REMOVAL_WORDING[r.form];
  const [before, name, after] = wording.article(r.member.fullName);
  const cellEligible = eligibleVoters(r.cellVote);
  const committeeEligible = eligibleVoters(r.committeeVote);
  return {
    meta: {
      title: `Quyết định ${wording.subtitle.toLowerCase()}: ${r.member.fullName}`,
      form: '[A] theo mẫu quyết định của cấp ủy (HD 12-HD/BTCTW)',
      subject: r.decider.name,
    },
    header: decisionHeader(r.decider, r.decisionNumber, r.decidedOn),
    title: 'QUYẾT ĐỊNH',
    subtitle: wording.subtitle,
    body: [
      p('- Căn cứ Điều lệ Đảng Cộng sản Việt Nam và quy định, hướng dẫn của Trung ương về thi hành Điều lệ Đảng;'),
      p('- Căn cứ Hướng dẫn 02-HD/BTCTW về rà soát, sàng lọc đảng viên;'),
      p(
        `- Xét đề nghị của ${r.cell.name} (biên bản số ${orBlank(r.cellVote.ref)} ngày ${dateVi(r.cellVote.on)}: ${r.cellVote.votes.yes}/${cellEligible} đảng viên chính thức biểu quyết đánh giá không tiến bộ) và kết quả biểu quyết của ${r.decider.body === 'standing_committee' ? 'Ban Thường vụ' : 'Ban Chấp hành'} ${r.decider.name} (nghị quyết số ${orBlank(r.committeeVote.ref)}: ${r.committeeVote.votes.yes}/${committeeEligible} ủy viên tán thành),`,
      ),
      deciderDecides(r.decider),
      {
        runs: [
          b('Điều 1. '),
          t(before),
          b(name),
          t(`, sinh ngày ${dateVi(r.member.birthDate)}, đảng viên ${r.cell.name}, ${r.grassroots}, ${after}. `),
          t(`Lý do: ${r.ground}.`),
        ],
      },
      {
        runs: [
          b('Điều 2. '),
          t(`Đồng chí ${r.member.fullName} có quyền khiếu nại Quyết định này đến hết ngày `),
          b(dateVi(r.appealUntil)),
          t('.'),
        ],
      },
      executionArticle(3, r.cell.name, r.grassroots),
    ],
    signature: decisionSignature(r.decider, r.signer),
    recipients: memberDecisionRecipients(r.grassroots, r.cell.name, r.member.fullName),
  };
}

/** Minutes of the cell's secret ballot listing the member for education and help (02-HD step 1) [R1]. */
export function listingVoteMinutes(r: ListingVoteMinutesRecord): OfficialDocument {
  return voteMinutes({
    cell: r.cell,
    purpose: `biểu quyết đưa đồng chí ${personLine(r.member)} vào danh sách đảng viên cần được chi bộ giáo dục, giúp đỡ`,
    subtitle: 'Họp chi bộ rà soát đảng viên (bước 1, Hướng dẫn 02-HD/BTCTW)',
    vote: r.vote,
    secretBallot: true,
    votesFor: 'tán thành đưa vào danh sách',
    conclusion: r.listed
      ? `Đủ số phiếu theo quy định: đồng chí ${r.member.fullName} được đưa vào danh sách đảng viên cần được chi bộ giáo dục, giúp đỡ.`
      : `Không đủ số phiếu theo quy định: đồng chí ${r.member.fullName} không được đưa vào danh sách.`,
    form: 'Biên bản họp chi bộ (Hướng dẫn 02-HD/BTCTW, bước 1) [R1]',
    title: `Biên bản biểu quyết rà soát: ${r.member.fullName}`,
  });
}
