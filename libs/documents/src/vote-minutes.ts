import {
  b,
  dateVi,
  eligibleVoters,
  orBlank,
  t,
  thresholdLabel,
  votesRequired,
  type OrganisationRecord,
  type VoteRecord,
} from './document-records';
import { BLANK, p, type OfficialDocument } from './official-document';

/**
 * Minutes of a cell's vote (biên bản họp chi bộ) [R13]: the roster the vote was counted over, the counts, the
 * threshold and the conclusion. The roster is the one the vote task recorded from the cell's member records
 * (official and exempt members); attendance, the chair and the clerk are not recorded, so they are blanks.
 */
export type VoteMinutesRecord = {
  cell: OrganisationRecord;
  /** What the meeting considered, e.g. 'xét đề nghị kết nạp quần chúng Nguyễn Thu Trang vào Đảng'. */
  purpose: string;
  /** Subtitle of the minutes, e.g. 'Họp chi bộ xét đề nghị kết nạp đảng viên'. */
  subtitle: string;
  vote: VoteRecord;
  /** Secret ballot where the rule requires it [R1]. */
  secretBallot: boolean;
  /** What the votes for are votes for, e.g. 'tán thành kết nạp'. */
  votesFor: string;
  /** The conclusion the counts led to, from the task's outcome. */
  conclusion: string;
  form: string;
  title: string;
};

export function voteMinutes(r: VoteMinutesRecord): OfficialDocument {
  const { vote } = r;
  const eligible = eligibleVoters(vote);
  return {
    meta: { title: r.title, form: r.form, subject: r.purpose },
    header: {
      kind: 'party',
      organisations: [r.cell.superior, r.cell.name].filter((x): x is string => !!x),
      date: vote.on,
    },
    title: 'BIÊN BẢN',
    subtitle: r.subtitle,
    body: [
      {
        runs: [
          t(`Hồi ${BLANK} giờ ${BLANK}, ngày ${dateVi(vote.on)}, tại ${BLANK}, `),
          b(r.cell.name),
          t(` họp để ${r.purpose}.`),
        ],
      },
      p(`Chủ trì hội nghị: đồng chí ${BLANK}. Thư ký hội nghị: đồng chí ${BLANK}.`),
      { runs: [b('I. Số đảng viên được tính biểu quyết (theo hồ sơ đảng viên của chi bộ)')], indent: false },
      { runs: [t('Tổng số đảng viên chính thức: '), b(String(vote.roster.official)), t(' đồng chí.')] },
      {
        runs: [t('Đảng viên được miễn công tác và sinh hoạt đảng: '), b(String(vote.roster.exempt)), t(' đồng chí.')],
      },
      {
        runs: [
          t('Số đảng viên chính thức được tính biểu quyết: '),
          b(String(eligible)),
          t(` đồng chí${vote.rule.excludeExempt ? ' (không tính đảng viên được miễn)' : ''}.`),
        ],
      },
      p(`Có mặt: ${BLANK} đồng chí; vắng mặt: ${BLANK} đồng chí.`),
      { runs: [b('II. Kết quả biểu quyết')], indent: false },
      p(`Hình thức biểu quyết: ${r.secretBallot ? 'bỏ phiếu kín' : 'biểu quyết'}.`),
      {
        runs: [
          t('Số đồng chí '),
          t(r.votesFor),
          t(': '),
          b(`${vote.votes.yes}/${eligible}`),
          t('; không tán thành: '),
          b(`${vote.votes.no}/${eligible}`),
          t('.'),
        ],
      },
      {
        runs: [
          t(
            `Yêu cầu: ${thresholdLabel(vote.rule.threshold)} số đảng viên chính thức được tính biểu quyết, tức ít nhất `,
          ),
          b(String(votesRequired(vote))),
          t(' đồng chí.'),
        ],
      },
      { runs: [b('III. Kết luận')], indent: false },
      p(r.conclusion),
      p(
        `Biên bản số ${orBlank(vote.ref)}; kết quả do đồng chí ${orBlank(vote.recordedBy)} ghi nhận ngày ${dateVi(vote.on)}.`,
      ),
    ],
    signature: { lines: ['CHỦ TRÌ HỘI NGHỊ'], name: null },
  };
}
