import type { TaskView } from '../api/types';
import { inboxOrder, matchesSearch } from './inbox-filter';

const task = (over: Partial<TaskView>): TaskView =>
  ({ id: 'x', title: '', subjectName: null, overdue: false, dueAt: '2026-12-10T10:00:00.000Z', ...over }) as TaskView;

describe('the inbox (issue 10: "Việc cần làm": overdue first, then due soon; search ignoring diacritics and case)', () => {
  it('should list overdue tasks first, then by due instant', () => {
    const tasks = [
      task({ id: 'later', dueAt: '2026-12-20T00:00:00.000Z' }),
      task({ id: 'overdue', overdue: true, dueAt: '2026-11-30T00:00:00.000Z' }),
      task({ id: 'soon', dueAt: '2026-12-03T00:00:00.000Z' }),
    ];
    expect([...tasks].sort(inboxOrder).map((t) => t.id)).toEqual(['overdue', 'soon', 'later']);
  });

  it("should find 'Nguyễn Thu Trang' by 'nguyen thu trang', and 'Đặng' by 'dang'", () => {
    expect(matchesSearch(task({ subjectName: 'Nguyễn Thu Trang' }), 'nguyen thu trang')).toBe(true);
    expect(matchesSearch(task({ subjectName: 'Nguyễn Thu Trang' }), 'NGUYEN  thu')).toBe(true);
    expect(matchesSearch(task({ title: 'Lễ kết nạp: Đặng Văn Lâm' }), 'dang van')).toBe(true);
    expect(matchesSearch(task({ subjectName: 'Nguyễn Thu Trang' }), 'nguyen van')).toBe(false);
    expect(matchesSearch(task({ subjectName: 'Nguyễn Thu Trang' }), '   ')).toBe(true);
  });
});
