import { commitmentState } from './commitment-state';

describe('commitmentState', () => {
  it('when some items are kept and some under way, then it counts the kept ones and averages the progress', () => {
    expect(commitmentState([{ progress: 100 }, { progress: 50 }, { progress: 0 }])).toEqual({ done: 1, total: 3, average: 50, label: '3 项承诺，已兑现 1 项，平均进度 50%' });
  });

  it('when every item is kept, then it says so', () => {
    expect(commitmentState([{ progress: 100 }, { progress: 100 }]).label).toBe('2 项承诺已全部兑现');
  });
});
