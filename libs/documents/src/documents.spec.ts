import { docxText, pdfText } from '@partyflow/testing/documents';
import { ADMISSION_VOTE_THRESHOLDS, SCREENING_DEFAULTS } from '@partyflow/domain';
import {
  admissionDecision,
  cellResolution,
  cellVoteMinutes,
  contentDisposition,
  documentFileName,
  listingVoteMinutes,
  placeAndDate,
  recognitionDecision,
  removalDecision,
  renderDocument,
  type OfficialDocument,
  type VoteRecord,
} from './index';

/** Both renderings of one document, as text. */
async function bothTexts(doc: OfficialDocument): Promise<{ docx: string; pdf: string; pages: number }> {
  const [docx, pdf] = await Promise.all([renderDocument(doc, 'docx'), renderDocument(doc, 'pdf')]);
  expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const d = await docxText(docx);
  const p = await pdfText(pdf);
  return { docx: d.text.replace(/\s+/g, ' '), pdf: p.text, pages: p.pages };
}

const cellVote: VoteRecord = {
  on: '2025-12-05',
  ref: 'BB-07/2025',
  roster: { official: 11, exempt: 2 },
  votes: { yes: 8, no: 1 },
  rule: { threshold: ADMISSION_VOTE_THRESHOLDS.cellVote, excludeExempt: true },
  recordedBy: 'Trần Văn Bình',
};
const cell = { name: 'Chi bộ Tổ dân phố số 5', superior: 'Đảng bộ phường Hoàng Liệt' };
const candidate = { fullName: 'Nguyễn Thị Hường', birthDate: '1996-02-09' };
const standing = {
  name: 'Đảng bộ Quận Hoàng Mai',
  superior: 'Đảng bộ Thành phố Hà Nội',
  body: 'standing_committee' as const,
};

describe('official documents, rendered as DOCX and PDF and read back (issue 14 §7)', () => {
  it('should write the cell resolution proposing admission with its Party header, names, counts and date (Mẫu 6-KNĐ) [R13][R14]', async () => {
    const doc = cellResolution({
      candidate,
      cell,
      vote: cellVote,
      introducers: ['Lê Văn Hải', 'Phạm Thị Mai'],
      unionResolution: null,
      background: 'Lý lịch rõ ràng, đủ điều kiện',
      opinions: [{ givenBy: 'Chi bộ nơi cư trú', summary: 'Gương mẫu, được quần chúng tín nhiệm' }],
    });
    const { docx, pdf, pages } = await bothTexts(doc);
    expect(pages).toBe(1);
    for (const text of [docx, pdf]) {
      expect(text).toContain('ĐẢNG BỘ PHƯỜNG HOÀNG LIỆT');
      expect(text).toContain('CHI BỘ TỔ DÂN PHỐ SỐ 5');
      expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(text).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      // No resolution number is recorded: a dotted blank before the form's suffix.
      expect(text).toContain('Số ……-NQ/CB');
      expect(text).toContain('……, ngày 05 tháng 12 năm 2025');
      expect(text).toContain('NGHỊ QUYẾT');
      expect(text).toContain('Đề nghị kết nạp đảng viên');
      expect(text).toContain('quần chúng Nguyễn Thị Hường, sinh ngày 09/02/1996, vào Đảng (biên bản số BB-07/2025)');
      expect(text).toContain(
        'Tổng số đảng viên chính thức của chi bộ: 11 đồng chí, trong đó được miễn công tác và sinh hoạt đảng: 2 đồng chí; số đảng viên chính thức được tính biểu quyết: 9 đồng chí.',
      );
      expect(text).toContain('Người giới thiệu: đồng chí Lê Văn Hải và đồng chí Phạm Thị Mai.');
      expect(text).toContain('Về lý lịch: Lý lịch rõ ràng, đủ điều kiện.');
      expect(text).toContain('Chi bộ nơi cư trú: Gương mẫu, được quần chúng tín nhiệm');
      expect(text).toContain('tán thành việc kết nạp: 8/9 đồng chí; không tán thành: 1/9 đồng chí');
      // ≥ 2/3 of 9 is 6 [R13].
      expect(text).toContain('từ 2/3 số đảng viên chính thức được tính biểu quyết, ít nhất 6 đồng chí');
      expect(text).toContain('T/M CHI BỘ');
      expect(text).toContain('Trần Văn Bình');
      expect(text).toBe(text.normalize('NFC'));
    }
  });

  it('should write the minutes of the cell vote with the roster it was counted over, the counts, the rule and the conclusion [R13]', async () => {
    const { docx, pdf } = await bothTexts(cellVoteMinutes({ candidate, cell, vote: cellVote, approved: true }));
    for (const text of [docx, pdf]) {
      expect(text).toContain('BIÊN BẢN');
      expect(text).toContain('Họp chi bộ xét đề nghị kết nạp đảng viên');
      expect(text).toContain('Tổng số đảng viên chính thức: 11 đồng chí.');
      expect(text).toContain('Đảng viên được miễn công tác và sinh hoạt đảng: 2 đồng chí.');
      expect(text).toContain(
        'Số đảng viên chính thức được tính biểu quyết: 9 đồng chí (không tính đảng viên được miễn).',
      );
      expect(text).toContain('Số đồng chí tán thành kết nạp: 8/9; không tán thành: 1/9.');
      expect(text).toContain('ít nhất 6 đồng chí');
      expect(text).toContain('chi bộ đề nghị kết nạp quần chúng Nguyễn Thị Hường vào Đảng.');
      expect(text).toContain('Biên bản số BB-07/2025; kết quả do đồng chí Trần Văn Bình ghi nhận ngày 05/12/2025.');
      // The chair is not recorded: a dotted blank, not a name.
      expect(text).toContain('Chủ trì hội nghị: đồng chí ……');
      // Minutes carry no number.
      expect(text).not.toContain('Số ……');
    }
  });

  it("should write the admission decision with the decider's header, the recorded number and date, and both articles (Mẫu 9-KNĐ) [R5]", async () => {
    const doc = admissionDecision({
      candidate,
      cell,
      grassroots: 'Đảng bộ phường Hoàng Liệt',
      decider: standing,
      decisionNumber: '125-QĐ/QU',
      decidedOn: '2026-01-08',
      signer: 'Đỗ Minh Quân',
      cellVote,
      grassrootsResolution: 'NQ-03',
    });
    const { docx, pdf } = await bothTexts(doc);
    for (const text of [docx, pdf]) {
      expect(text).toContain('ĐẢNG BỘ THÀNH PHỐ HÀ NỘI');
      expect(text).toContain('ĐẢNG BỘ QUẬN HOÀNG MAI');
      expect(text).toContain('Số 125-QĐ/QU');
      expect(text).toContain('……, ngày 08 tháng 01 năm 2026');
      expect(text).toContain('Kết nạp đảng viên');
      expect(text).toContain(
        'Xét đề nghị của Chi bộ Tổ dân phố số 5 (biên bản số BB-07/2025 ngày 05/12/2025) và Đảng bộ phường Hoàng Liệt (nghị quyết số NQ-03)',
      );
      expect(text).toContain('BAN THƯỜNG VỤ ĐẢNG BỘ QUẬN HOÀNG MAI QUYẾT ĐỊNH:');
      expect(text).toContain(
        'Điều 1. Kết nạp quần chúng Nguyễn Thị Hường, sinh ngày 09/02/1996, sinh hoạt tại Chi bộ Tổ dân phố số 5',
      );
      expect(text).toContain('T/M BAN THƯỜNG VỤ');
      expect(text).toContain('Đỗ Minh Quân');
      expect(text).toContain('Nơi nhận:');
    }
  });

  it('should write the recognition decision effective at month 12 with the admission it follows (Mẫu 16-KNĐ) [R4][R6]', async () => {
    const doc = recognitionDecision({
      member: candidate,
      cell,
      grassroots: 'Đảng bộ phường Hoàng Liệt',
      decider: {
        ...standing,
        body: 'whole_committee',
        name: 'Đảng bộ phường Hoàng Liệt',
        superior: 'Đảng bộ Quận Hoàng Mai',
      },
      decisionNumber: '140-QĐ/ĐU',
      decidedOn: '2027-02-20',
      signer: null,
      admission: { decisionNumber: '125-QĐ/QU', decidedOn: '2026-01-08', ceremonyOn: '2026-01-15' },
      officialOn: '2027-01-15',
      cellVote: { ...cellVote, on: '2027-02-01', ref: 'BB-CN-01', votes: { yes: 9, no: 0 } },
    });
    const { docx, pdf } = await bothTexts(doc);
    for (const text of [docx, pdf]) {
      expect(text).toContain('Số 140-QĐ/ĐU');
      expect(text).toContain('……, ngày 20 tháng 02 năm 2027');
      expect(text).toContain('Công nhận đảng viên chính thức');
      expect(text).toContain('(biên bản số BB-CN-01 ngày 01/02/2027: 9/9 đảng viên chính thức tán thành)');
      expect(text).toContain('BAN CHẤP HÀNH ĐẢNG BỘ PHƯỜNG HOÀNG LIỆT QUYẾT ĐỊNH:');
      expect(text).toContain(
        'được kết nạp vào Đảng ngày 15/01/2026 (Quyết định số 125-QĐ/QU ngày 08/01/2026), là đảng viên chính thức kể từ ngày 15/01/2027.',
      );
      expect(text).toContain('T/M ĐẢNG ỦY');
    }
  });

  it.each([
    ['strike_off', 'Xóa tên đảng viên', 'Xóa tên đồng chí Nguyễn Thị Hường'],
    ['expel', 'Thi hành kỷ luật bằng hình thức khai trừ', 'Khai trừ đồng chí Nguyễn Thị Hường'],
    ['release', 'Cho đảng viên ra khỏi Đảng', 'Cho đồng chí Nguyễn Thị Hường'],
  ] as const)(
    'should write the removal decision of form %s with its subtitle, article, votes and appeal deadline [R23][R25][R27]',
    async (form, subtitle, article) => {
      const doc = removalDecision({
        member: candidate,
        cell,
        grassroots: 'Đảng bộ phường Hoàng Liệt',
        form,
        ground: 'Vi phạm tư cách đảng viên 2 năm liền',
        decider: standing,
        decisionNumber: '77-QĐ/QU',
        decidedOn: '2026-03-02',
        signer: 'Đỗ Minh Quân',
        committeeVote: {
          ref: 'NQ-BTV-12',
          roster: { official: 7, exempt: 0 },
          votes: { yes: 5, no: 2 },
          rule: { threshold: SCREENING_DEFAULTS.standingDecision, excludeExempt: true },
        },
        cellVote: { ...cellVote, on: '2026-02-10', ref: 'BB-RS-02' },
        appealUntil: '2026-04-14',
      });
      const { docx, pdf } = await bothTexts(doc);
      for (const text of [docx, pdf]) {
        expect(text).toContain('Số 77-QĐ/QU');
        expect(text).toContain('……, ngày 02 tháng 3 năm 2026');
        expect(text).toContain(subtitle);
        expect(text).toContain(article);
        expect(text).toContain(
          '(biên bản số BB-RS-02 ngày 10/02/2026: 8/9 đảng viên chính thức biểu quyết đánh giá không tiến bộ)',
        );
        expect(text).toContain('(nghị quyết số NQ-BTV-12: 5/7 ủy viên tán thành)');
        expect(text).toContain('Lý do: Vi phạm tư cách đảng viên 2 năm liền.');
        expect(text).toContain('có quyền khiếu nại Quyết định này đến hết ngày 14/04/2026.');
      }
    },
  );

  it('should write the minutes of the secret ballot of screening step 1 [R1]', async () => {
    const vote = { ...cellVote, rule: { threshold: SCREENING_DEFAULTS.listingVote, excludeExempt: true } };
    const { pdf } = await bothTexts(listingVoteMinutes({ member: candidate, cell, vote, listed: true }));
    expect(pdf).toContain('Hình thức biểu quyết: bỏ phiếu kín.');
    expect(pdf).toContain('Số đồng chí tán thành đưa vào danh sách: 8/9; không tán thành: 1/9.');
    expect(pdf).toContain('được đưa vào danh sách đảng viên cần được chi bộ giáo dục, giúp đỡ.');
  });

  it('should carry the national motto instead of the Party header when a document is addressed to a State matter', async () => {
    const doc = cellVoteMinutes({ candidate, cell, vote: cellVote, approved: false });
    const { docx, pdf } = await bothTexts({ ...doc, header: { ...doc.header, kind: 'state' } });
    for (const text of [docx, pdf]) {
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text).not.toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(text).toContain('Không đủ số phiếu theo quy định');
    }
  });

  it('should write the DOCX as well-formed Office XML in Times New Roman on A4 with its title in the properties', async () => {
    const doc = cellVoteMinutes({ candidate, cell, vote: cellVote, approved: true });
    const { xml, core, styles } = await docxText(await renderDocument(doc, 'docx'));
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(core).toContain('Biên bản họp chi bộ xét đề nghị kết nạp: Nguyễn Thị Hường');
    expect(styles).toContain('w:ascii="Times New Roman"');
  });

  it('should write a local date with leading zeros for days below 10 and for January and February, and blanks without a date', () => {
    expect(placeAndDate('2025-02-03')).toBe('……, ngày 03 tháng 02 năm 2025');
    expect(placeAndDate('2025-11-21')).toBe('……, ngày 21 tháng 11 năm 2025');
    expect(placeAndDate(null)).toBe('……, ngày …… tháng …… năm ……');
  });

  it('should name the download in ASCII and in UTF-8 (RFC 6266, RFC 5987)', () => {
    const names = documentFileName('admission-decision', 'Nguyễn Thị Hường', 'pdf');
    expect(names).toEqual({
      ascii: 'quyet-dinh-ket-nap-dang-vien-nguyen-thi-huong.pdf',
      utf8: 'Quyết định kết nạp đảng viên - Nguyễn Thị Hường.pdf',
    });
    expect(contentDisposition({ ascii: 'a.pdf', utf8: "Đỗ (O'Neil).pdf" })).toBe(
      `attachment; filename="a.pdf"; filename*=UTF-8''%C4%90%E1%BB%97%20%28O%27Neil%29.pdf`,
    );
  });
});
