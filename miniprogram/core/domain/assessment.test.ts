import { assessmentCycle, assessmentProblem } from './assessment';

describe('评定 in words (assessmentProblem)', () => {
  it('when the 评定 says in words how the unit did, then it is accepted', () => {
    expect(assessmentProblem('点评覆盖全体党员，问题指得具体；对流动党员的联系还要加强。')).toBeNull();
    expect(assessmentProblem('分析问题到位，分工明确，10分钟内讲清整改要求。')).toBeNull();
  });

  it('when it scores or ranks the unit, then it is refused as 积分排名 is', () => {
    for (const t of ['本季度点评工作得85分', '在各支部中排名第一', '评为第2名', '综合评分良好', '积分靠前']) expect(assessmentProblem(t)).toBe('评定只写文字评价，不打分、不排名');
  });

  it('when it is empty or too long, then it says what to do', () => {
    expect(assessmentProblem('  ')).toBe('请写几句对本单位点评工作的评定');
    expect(assessmentProblem('好'.repeat(301))).toBe('评定请控制在300字以内');
  });

  it('when a round of org reviews runs late, then a 评定 made in the overlap belongs to it', () => {
    const campaign = { id: 'c', tenantId: 't', name: 'n', start: '2027-01-01', end: '2027-12-31', cycleDueDates: { '2027-H1': '2027-07-15' } };
    expect(assessmentCycle(campaign, Date.parse('2027-07-10T10:00+08:00'))).toMatchObject({ ok: true, value: { key: '2027-H1' } });
  });
});
