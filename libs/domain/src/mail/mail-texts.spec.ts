import { renderDigestMail, renderTaskMail, taskLink, type TaskMailFacts } from './mail-texts';

const BASE = 'https://partyflow.example.vn/';
const facts: TaskMailFacts = {
  kind: 'task_assigned',
  taskId: '6f1c2d3e-0000-4000-8000-000000000001',
  title: 'Lấy ý kiến chi ủy nơi cư trú về quần chúng Nguyễn Thị Hoà',
  subjectName: 'Nguyễn Thị Hoà',
  process: 'admission',
  step: 'opinion_residence',
  orgName: 'Chi bộ Khu phố 3',
  dueDate: '2026-12-09',
};

describe('task mail texts (issue 12 §5: Vietnamese, naming the case, step, due date and the task link)', () => {
  it('should link to the web page task route /app/nhiem-vu/<id> without doubling the base slash', () => {
    expect(taskLink(BASE, facts.taskId)).toBe(
      'https://partyflow.example.vn/app/nhiem-vu/6f1c2d3e-0000-4000-8000-000000000001',
    );
  });

  it('should write the assignment mail with the subject person, the process and step labels and dd/MM/yyyy', () => {
    const mail = renderTaskMail(facts, 'Trần Văn Đức', BASE);
    expect(mail.subject).toBe('[Partyflow] Nhiệm vụ mới: Ý kiến chi ủy nơi cư trú — Nguyễn Thị Hoà, hạn 09/12/2026');
    expect(mail.text).toBe(
      [
        'Kính gửi đồng chí Trần Văn Đức,',
        '',
        'Có nhiệm vụ mới giao cho Chi bộ Khu phố 3 cần đồng chí xử lý.',
        '',
        'Hồ sơ: Nguyễn Thị Hoà (Kết nạp đảng viên)',
        'Nhiệm vụ: Lấy ý kiến chi ủy nơi cư trú về quần chúng Nguyễn Thị Hoà',
        'Bước: Ý kiến chi ủy nơi cư trú',
        'Hạn xử lý: 09/12/2026',
        'Mở nhiệm vụ: https://partyflow.example.vn/app/nhiem-vu/6f1c2d3e-0000-4000-8000-000000000001',
        '',
        '--',
        'Thư này được Partyflow gửi tự động; xin đừng trả lời thư này.',
        'Muốn thay đổi cách nhận thư (ngay lập tức, chỉ bản tổng hợp hằng ngày, hoặc không nhận), đồng chí liên hệ quản trị viên.',
        '',
      ].join('\n'),
    );
  });

  it('should write the reminder and the escalation with its level', () => {
    expect(renderTaskMail({ ...facts, kind: 'task_reminder' }, 'A', BASE).subject).toBe(
      '[Partyflow] Nhắc việc: Ý kiến chi ủy nơi cư trú — Nguyễn Thị Hoà, hạn 09/12/2026',
    );
    const escalated = renderTaskMail({ ...facts, kind: 'task_escalated', level: 2 }, 'A', BASE);
    expect(escalated.subject).toBe(
      '[Partyflow] Quá hạn (mức 2): Ý kiến chi ủy nơi cư trú — Nguyễn Thị Hoà, hạn 09/12/2026',
    );
    expect(escalated.text.split('\n')[2]).toBe(
      'Nhiệm vụ dưới đây của Chi bộ Khu phố 3 đã quá hạn xử lý và được báo lên cấp trên để theo dõi (mức 2).',
    );
  });

  it('should name the task title where the task has no subject person', () => {
    const mail = renderTaskMail({ ...facts, subjectName: null, title: 'Kiểm tra chi bộ' }, 'A', BASE);
    expect(mail.subject).toBe('[Partyflow] Nhiệm vụ mới: Ý kiến chi ủy nơi cư trú — Kiểm tra chi bộ, hạn 09/12/2026');
  });

  it('should give NFC text even from decomposed input (diacritics composed, not combining marks)', () => {
    const decomposed = 'Nguyễn Thị Hoà'.normalize('NFD');
    const mail = renderTaskMail({ ...facts, subjectName: decomposed }, 'Trần Văn Đức'.normalize('NFD'), BASE);
    expect(mail.subject).toBe(mail.subject.normalize('NFC'));
    expect(mail.text).toContain('Hồ sơ: Nguyễn Thị Hoà (Kết nạp đảng viên)');
    expect(mail.text.startsWith('Kính gửi đồng chí Trần Văn Đức,')).toBe(true);
  });
});

describe('daily digest text (issue 12 §5: open and overdue tasks of one user)', () => {
  it('should list the overdue tasks first, then the ones in time, with counts in the subject', () => {
    const mail = renderDigestMail(
      {
        kind: 'digest',
        localDate: '2026-12-10',
        tasks: [
          { ...facts, overdue: true },
          {
            ...facts,
            taskId: 'b',
            step: 'cell_vote',
            subjectName: 'Lê Văn Bình',
            dueDate: '2026-12-20',
            overdue: false,
          },
        ],
      },
      'Trần Văn Đức',
      BASE,
    );
    expect(mail.subject).toBe('[Partyflow] Tổng hợp nhiệm vụ ngày 10/12/2026: 2 chưa hoàn thành, 1 quá hạn');
    expect(mail.text.split('\n').slice(0, 12)).toEqual([
      'Kính gửi đồng chí Trần Văn Đức,',
      '',
      'Ngày 10/12/2026, đồng chí có 2 nhiệm vụ chưa hoàn thành, trong đó 1 nhiệm vụ quá hạn.',
      '',
      'Quá hạn:',
      '1. Ý kiến chi ủy nơi cư trú — Nguyễn Thị Hoà (Kết nạp đảng viên), hạn 09/12/2026',
      '   https://partyflow.example.vn/app/nhiem-vu/6f1c2d3e-0000-4000-8000-000000000001',
      '',
      'Trong hạn:',
      '1. Chi bộ biểu quyết đề nghị kết nạp — Lê Văn Bình (Kết nạp đảng viên), hạn 20/12/2026',
      '   https://partyflow.example.vn/app/nhiem-vu/b',
      '',
    ]);
  });
});
