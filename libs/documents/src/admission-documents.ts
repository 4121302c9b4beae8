import type { LocalDate } from '@partyflow/domain';
import {
  b,
  dateVi,
  eligibleVoters,
  orBlank,
  personLine,
  t,
  thresholdLabel,
  votesRequired,
  type DecidingBody,
  type OrganisationRecord,
  type PersonRecord,
  type VoteRecord,
} from './document-records';
import { BLANK, p, upper, type OfficialDocument, type Paragraph, type Signature } from './official-document';
import { voteMinutes } from './vote-minutes';

/** The records an admission case's papers are built from (apps/api/src/documents gathers them). */
export type CellResolutionRecord = {
  candidate: PersonRecord;
  cell: OrganisationRecord;
  /** The cell's vote (task cell_vote: roster, counts, minutes reference, who recorded it). */
  vote: VoteRecord;
  /** The introducers' names (task introducers), and the union's resolution where one introduced instead. */
  introducers: string[];
  unionResolution: string | null;
  /** The background check's conclusion (task background_check). */
  background: string | null;
  /** The opinions the cell weighed (tasks opinion_residence, opinion_mass_org). */
  opinions: { givenBy: string; summary: string }[];
};

export type CellVoteMinutesRecord = Pick<CellResolutionRecord, 'candidate' | 'cell' | 'vote'> & { approved: boolean };

export type AdmissionDecisionRecord = {
  candidate: PersonRecord;
  cell: OrganisationRecord;
  grassroots: string;
  decider: DecidingBody;
  /** Task decision: the number and date as recorded, and who recorded it. */
  decisionNumber: string;
  decidedOn: LocalDate;
  signer: string | null;
  cellVote: Pick<VoteRecord, 'on' | 'ref'>;
  /** Task grassroots_vote's resolution reference. */
  grassrootsResolution: string | null;
};

export type RecognitionDecisionRecord = {
  member: PersonRecord;
  cell: OrganisationRecord;
  grassroots: string;
  decider: DecidingBody;
  decisionNumber: string;
  /** The day the decision was recorded (the task's completion, a local date) [A]. */
  decidedOn: LocalDate;
  signer: string | null;
  admission: { decisionNumber: string | null; decidedOn: LocalDate | null; ceremonyOn: LocalDate | null };
  /** Month 12 of the probation: recognition takes effect then, however late the decision [R4][R6]. */
  officialOn: LocalDate;
  /** The cell's vote that recognised (the latest recognition_cell_vote). */
  cellVote: Pick<VoteRecord, 'on' | 'ref' | 'votes' | 'roster' | 'rule'>;
};

const FORM = (n: string) => `Mẫu ${n}-KNĐ (Hướng dẫn 12-HD/BTCTW ngày 18/01/2022)`;

/** Resolution of the cell proposing the admission (Mẫu 6-KNĐ) [R13][R14]. */
export function cellResolution(r: CellResolutionRecord): OfficialDocument {
  const { vote } = r;
  const eligible = eligibleVoters(vote);
  const introduced = r.unionResolution
    ? `${r.unionResolution}${r.introducers.length ? ` và đồng chí ${r.introducers.join(', đồng chí ')}` : ''}`
    : r.introducers.length
      ? `đồng chí ${r.introducers.join(' và đồng chí ')}`
      : BLANK;
  const opinions: Paragraph[] = r.opinions.length
    ? r.opinions.map((o) => ({ runs: [t('- '), b(o.givenBy), t(`: ${o.summary}`)] }))
    : [p(`- ${BLANK}`)];
  return {
    meta: {
      title: `Nghị quyết đề nghị kết nạp đảng viên: ${r.candidate.fullName}`,
      form: FORM('6'),
      subject: r.cell.name,
    },
    header: {
      kind: 'party',
      organisations: [r.cell.superior, r.cell.name].filter((x): x is string => !!x),
      // The cell's vote records the minutes' reference, not a resolution number.
      number: { value: null, suffix: 'NQ/CB' },
      date: vote.on,
    },
    title: 'NGHỊ QUYẾT',
    subtitle: 'Đề nghị kết nạp đảng viên',
    body: [
      p('Căn cứ Điều 4 Điều lệ Đảng Cộng sản Việt Nam và hướng dẫn của Trung ương về công tác đảng viên;'),
      {
        runs: [
          t(`Ngày ${dateVi(vote.on)}, `),
          b(r.cell.name),
          t(' đã họp xét đề nghị kết nạp quần chúng '),
          b(r.candidate.fullName),
          t(`, sinh ngày ${dateVi(r.candidate.birthDate)}, vào Đảng (biên bản số ${orBlank(vote.ref)}).`),
        ],
      },
      {
        runs: [
          t('Tổng số đảng viên chính thức của chi bộ: '),
          b(String(vote.roster.official)),
          t(' đồng chí, trong đó được miễn công tác và sinh hoạt đảng: '),
          b(String(vote.roster.exempt)),
          t(' đồng chí; số đảng viên chính thức được tính biểu quyết: '),
          b(String(eligible)),
          t(' đồng chí.'),
        ],
      },
      p(`Có mặt: ${BLANK} đồng chí; vắng mặt: ${BLANK} đồng chí.`),
      { runs: [t('Người giới thiệu: '), t(introduced), t('.')] },
      { runs: [t('Về lý lịch: '), t(orBlank(r.background)), t('.')] },
      p('Ý kiến nhận xét của tổ chức đoàn thể và chi ủy nơi cư trú:'),
      ...opinions,
      p(`Những ưu điểm, khuyết điểm chính: ${BLANK}`),
      {
        runs: [
          t('Số đảng viên chính thức tán thành việc kết nạp: '),
          b(`${vote.votes.yes}/${eligible}`),
          t(' đồng chí; không tán thành: '),
          b(`${vote.votes.no}/${eligible}`),
          t(
            ` đồng chí (yêu cầu ${thresholdLabel(vote.rule.threshold)} số đảng viên chính thức được tính biểu quyết, ít nhất ${votesRequired(vote)} đồng chí).`,
          ),
        ],
      },
      {
        runs: [
          t(
            `Chi bộ đề nghị ${r.cell.superior ?? 'cấp ủy cấp trên'} xem xét, đề nghị cấp ủy có thẩm quyền kết nạp quần chúng `,
          ),
          b(r.candidate.fullName),
          t(' vào Đảng Cộng sản Việt Nam.'),
        ],
      },
    ],
    signature: { lines: ['T/M CHI BỘ', 'BÍ THƯ'], name: vote.recordedBy },
    recipients: [`- ${r.cell.superior ?? BLANK},`, '- Lưu chi bộ.'],
  };
}

/** Minutes of the cell's vote on the admission [R13]. */
export function cellVoteMinutes(r: CellVoteMinutesRecord): OfficialDocument {
  return voteMinutes({
    cell: r.cell,
    purpose: `xét đề nghị kết nạp quần chúng ${personLine(r.candidate)} vào Đảng`,
    subtitle: 'Họp chi bộ xét đề nghị kết nạp đảng viên',
    vote: r.vote,
    secretBallot: false,
    votesFor: 'tán thành kết nạp',
    conclusion: r.approved
      ? `Đủ số phiếu theo quy định: chi bộ đề nghị kết nạp quần chúng ${r.candidate.fullName} vào Đảng.`
      : `Không đủ số phiếu theo quy định: chi bộ không đề nghị kết nạp quần chúng ${r.candidate.fullName}.`,
    form: 'Biên bản họp chi bộ xét đề nghị kết nạp đảng viên [R13]',
    title: `Biên bản họp chi bộ xét đề nghị kết nạp: ${r.candidate.fullName}`,
  });
}

/** Decision admitting the candidate (Mẫu 9-KNĐ) [R5]. */
export function admissionDecision(r: AdmissionDecisionRecord): OfficialDocument {
  return {
    meta: { title: `Quyết định kết nạp đảng viên: ${r.candidate.fullName}`, form: FORM('9'), subject: r.decider.name },
    header: decisionHeader(r.decider, r.decisionNumber, r.decidedOn),
    title: 'QUYẾT ĐỊNH',
    subtitle: 'Kết nạp đảng viên',
    body: [
      p('- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;'),
      p('- Căn cứ quy định, hướng dẫn của Trung ương về thi hành Điều lệ Đảng và công tác đảng viên;'),
      p(
        `- Xét đề nghị của ${r.cell.name} (biên bản số ${orBlank(r.cellVote.ref)} ngày ${dateVi(r.cellVote.on)}) và ${r.grassroots} (nghị quyết số ${orBlank(r.grassrootsResolution)}),`,
      ),
      deciderDecides(r.decider),
      {
        runs: [
          b('Điều 1. '),
          t('Kết nạp quần chúng '),
          b(r.candidate.fullName),
          t(`, sinh ngày ${dateVi(r.candidate.birthDate)}, sinh hoạt tại ${r.cell.name}, ${r.grassroots}, `),
          t('vào Đảng Cộng sản Việt Nam. Thời gian dự bị là mười hai tháng, kể từ ngày chi bộ tổ chức lễ kết nạp.'),
        ],
      },
      executionArticle(2, r.cell.name, r.grassroots),
    ],
    signature: decisionSignature(r.decider, r.signer),
    recipients: [`- ${r.grassroots},`, `- ${r.cell.name},`, `- Đồng chí ${r.candidate.fullName},`, '- Lưu.'],
  };
}

/** Decision recognising the probationary member as an official member (Mẫu 16-KNĐ) [R4][R6][R17]. */
export function recognitionDecision(r: RecognitionDecisionRecord): OfficialDocument {
  const eligible = eligibleVoters(r.cellVote);
  return {
    meta: {
      title: `Quyết định công nhận đảng viên chính thức: ${r.member.fullName}`,
      form: FORM('16'),
      subject: r.decider.name,
    },
    header: decisionHeader(r.decider, r.decisionNumber, r.decidedOn),
    title: 'QUYẾT ĐỊNH',
    subtitle: 'Công nhận đảng viên chính thức',
    body: [
      p('- Căn cứ Điều 5 Điều lệ Đảng Cộng sản Việt Nam;'),
      p('- Căn cứ quy định, hướng dẫn của Trung ương về thi hành Điều lệ Đảng và công tác đảng viên;'),
      p(
        `- Xét đề nghị của ${r.cell.name} (biên bản số ${orBlank(r.cellVote.ref)} ngày ${dateVi(r.cellVote.on)}: ${r.cellVote.votes.yes}/${eligible} đảng viên chính thức tán thành) và ${r.grassroots},`,
      ),
      deciderDecides(r.decider),
      {
        runs: [
          b('Điều 1. '),
          t('Công nhận đồng chí '),
          b(r.member.fullName),
          t(`, sinh ngày ${dateVi(r.member.birthDate)}, đảng viên dự bị sinh hoạt tại ${r.cell.name}, `),
          t(
            `được kết nạp vào Đảng ngày ${dateVi(r.admission.ceremonyOn)} (Quyết định số ${orBlank(r.admission.decisionNumber)} ngày ${dateVi(r.admission.decidedOn)}), `,
          ),
          t('là đảng viên chính thức kể từ ngày '),
          b(dateVi(r.officialOn)),
          t('.'),
        ],
      },
      executionArticle(2, r.cell.name, r.grassroots),
    ],
    signature: decisionSignature(r.decider, r.signer),
    recipients: memberDecisionRecipients(r.grassroots, r.cell.name, r.member.fullName),
  };
}

/** The header of a committee's decision: its superior and itself, the number and the date as recorded. */
export function decisionHeader(decider: DecidingBody, number: string, on: LocalDate): OfficialDocument['header'] {
  return {
    kind: 'party',
    organisations: [decider.superior, decider.name].filter((x): x is string => !!x),
    number: { value: number, suffix: 'QĐ' },
    date: on,
  };
}

/** 'BAN THƯỜNG VỤ ĐẢNG BỘ QUẬN HOÀNG MAI QUYẾT ĐỊNH' (the standing committee), or the whole committee's. */
export function deciderDecides(decider: DecidingBody): Paragraph {
  const body = decider.body === 'standing_committee' ? 'BAN THƯỜNG VỤ' : 'BAN CHẤP HÀNH';
  return { runs: [b(`${body} ${upper(decider.name)} QUYẾT ĐỊNH:`)], align: 'center', indent: false };
}

/** A decision's last article: the cell, the grassroots committee and the person named in article 1 carry it out. */
export function executionArticle(n: number, cellName: string, grassroots: string): Paragraph {
  return {
    runs: [
      b(`Điều ${n}. `),
      t(`${cellName}, ${grassroots} và đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.`),
    ],
  };
}

/** Where a decision about a party member is sent: the grassroots committee, the cell, the member; a copy filed. */
export function memberDecisionRecipients(grassroots: string, cellName: string, fullName: string): string[] {
  return [`- ${grassroots},`, `- ${cellName},`, `- Đồng chí ${fullName},`, '- Lưu hồ sơ đảng viên.'];
}

export function decisionSignature(decider: DecidingBody, signer: string | null): Signature {
  return { lines: [decider.body === 'standing_committee' ? 'T/M BAN THƯỜNG VỤ' : 'T/M ĐẢNG ỦY'], name: signer };
}
