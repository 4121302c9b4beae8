import { stepsOf } from './inbox-filter';

const count = (process: string, steps: [string, string, number][]) => ({
  process,
  label: process,
  total: steps.reduce((n, [, , total]) => n + total, 0),
  overdue: 0,
  steps: steps.map(([step, label, total]) => ({ step, label, total, overdue: 0 })),
});

describe("the inbox's step filter (issue 10 §4: the steps that have tasks, from GET /tasks/mine/counts)", () => {
  const byProcess = [
    count('admission', [
      ['introducers', 'Giới thiệu người vào Đảng', 2],
      ['cell_vote', 'Chi bộ biểu quyết đề nghị kết nạp', 0],
      ['incident', 'Sự cố', 1],
    ]),
    count('screening', [
      ['screening_review', 'Chi ủy rà soát, lấy ý kiến về đảng viên', 1],
      ['incident', 'Sự cố', 3],
    ]),
  ];

  it("should offer the chosen process's steps that have tasks, in the counts' order", () => {
    expect(stepsOf(byProcess, 'admission')).toEqual([
      { value: 'introducers', label: 'Giới thiệu người vào Đảng' },
      { value: 'incident', label: 'Sự cố' },
    ]);
    expect(stepsOf(byProcess, 'transfer')).toEqual([]);
  });

  it("should offer every process's steps once when no process is chosen", () => {
    expect(stepsOf(byProcess)).toEqual([
      { value: 'introducers', label: 'Giới thiệu người vào Đảng' },
      { value: 'incident', label: 'Sự cố' },
      { value: 'screening_review', label: 'Chi ủy rà soát, lấy ý kiến về đảng viên' },
    ]);
  });
});
