import { cycleKeysWithin, cycleLabel, formHeading, rectificationDoneText, reviewBoxText, safeFileName, subtreeMemberCounts } from './forms';

describe('form helpers', () => {
  it('when a year is asked for, then its halves, quarters and months are included', () => {
    expect(cycleKeysWithin('2026')).toEqual(['2026', '2026-H1', '2026-H2', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', ...Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)]);
  });

  it('when a half or a quarter is asked for, then only the cycles inside it are included', () => {
    expect(cycleKeysWithin('2026-H2')).toEqual(['2026-H2', '2026-Q3', '2026-Q4', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(cycleKeysWithin('2026-Q1')).toEqual(['2026-Q1', '2026-01', '2026-02', '2026-03']);
    expect(cycleKeysWithin('2026-05')).toEqual(['2026-05']);
  });

  it('when cycle keys are named on a file, then they read as people say them', () => {
    expect(['2026', '2026-H1', '2026-H2', '2026-Q4', '2026-03'].map(cycleLabel)).toEqual(['2026年', '2026年上半年', '2026年下半年', '2026年第4季度', '2026年3月']);
  });

  it('when the campaign names no heading, then the [003] title line is made from its name', () => {
    expect(formHeading('以质取胜、创先争优')).toBe('“以质取胜、创先争优”活动');
    expect(formHeading('x', ' 全国质检系统“以质取胜、创先争优”活动 ')).toBe('全国质检系统“以质取胜、创先争优”活动');
  });

  it('when a name has path or shell characters, then the file name has none', () => {
    expect(safeFileName('a/b\\c:d*e?"f<g>h|i j')).toBe('a_b_c_d_e_f_g_h_i_j');
    expect(safeFileName('')).toBe('未命名');
  });

  it('when the boxes of a [000] form are filled, then mode, aspects and sections appear in the seed order', () => {
    expect(reviewBoxText({ mode: '个别点评', reviewContent: '', achievements: 'A', problems: 'P', direction: 'D', rectificationRequirement: 'R' })).toBe('点评方式：个别点评\n取得的成绩：A\n存在的问题：P\n努力方向：D\n整改要求：R');
    expect(rectificationDoneText({ rectificationPlan: ' ', rectificationStatus: '无需整改' })).toBe('落实情况：无需整改');
  });
});

describe('党员人数 (subtreeMemberCounts)', () => {
  it('when a 院党委 has no member of its own and ten in its two branches, then it counts ten, and each branch its own', () => {
    // Arrange: seed 001's shape — a 院党委 over two 党支部, one with a 党小组.
    const orgs = [
      { id: 'y', parentId: 'u' },
      { id: 'b1', parentId: 'y' },
      { id: 'b2', parentId: 'y' },
      { id: 'g1', parentId: 'b1' },
      { id: 'u', parentId: null },
    ];
    const persons = [
      ...Array.from({ length: 4 }, () => ({ orgId: 'b1', isMember: true })),
      ...Array.from({ length: 2 }, () => ({ orgId: 'g1', isMember: true })),
      ...Array.from({ length: 4 }, () => ({ orgId: 'b2', isMember: true })),
      { orgId: 'b2', isMember: false },
      { orgId: 'b2', isMember: true, left: true },
      { orgId: 'u', isMember: true },
    ];

    // Act
    const counts = subtreeMemberCounts(['y', 'b1', 'b2', 'u'], orgs, persons);

    // Assert: 群众代表 and those who left are not 党员人数.
    expect(Object.fromEntries(counts)).toEqual({ y: 10, b1: 6, b2: 4, u: 11 });
  });
});
