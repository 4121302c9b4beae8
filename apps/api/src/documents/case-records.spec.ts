import { latestPerTask } from './case-records';

describe('the opinions a cell resolution cites (issue 14 §4)', () => {
  it('should cite a refreshed opinion in place of the stale one it replaces, keeping the order the opinions were first given [R13][R14]', () => {
    const tasks = [
      { taskKey: 'opinion_residence', summary: 'cũ' },
      { taskKey: 'opinion_mass_org:doan_thanh_nien', summary: 'đoàn' },
      { taskKey: 'opinion_residence#refresh1', summary: 'mới' },
      { taskKey: 'opinion_mass_org:cong_doan', summary: 'công đoàn' },
    ];
    expect(latestPerTask(tasks).map((t) => t.summary)).toEqual(['mới', 'đoàn', 'công đoàn']);
  });
});
