import { sessionStage, targetsByWho } from './session-stage';

const dates = { reportDeadline: '2026-12-10', opinionDeadline: '2026-12-12' };
const of = (...statuses: Array<'DRAFT' | 'SUBMITTED' | 'PUBLISHED'>) => statuses.map((status) => ({ status }));

describe('sessionStage', () => {
  it('when reports are still due, then it is 待汇报 and offers the reports', () => {
    const v = sessionStage({ ...dates, reviews: of('DRAFT', 'DRAFT') }, '2026-12-09');
    expect(v).toMatchObject({ stage: 'REPORTING', label: '待汇报', next: { step: 'REPORTS', label: '查看汇报情况' } });
    expect(v.steps).toEqual(['REPORTS', 'OPINIONS', 'ENTER']);
  });

  it('when reports are past due but opinions are not, then it is 征求意见中', () => {
    expect(sessionStage({ ...dates, reviews: of('DRAFT') }, '2026-12-11')).toMatchObject({ stage: 'OPINIONS', label: '征求意见中' });
  });

  it('when both deadlines passed with reviews to enter, then it is 待录入 with 去录入点评', () => {
    const v = sessionStage({ ...dates, reviews: of('DRAFT', 'SUBMITTED') }, '2026-12-13');
    expect(v).toMatchObject({ stage: 'ENTERING', label: '待录入', next: { step: 'ENTER', label: '去录入点评' } });
    expect(v.steps).toContain('PUBLISH');
  });

  it('when no deadlines were set and reviews are drafts, then it is 待录入', () => {
    expect(sessionStage({ reportDeadline: null, opinionDeadline: null, reviews: of('DRAFT') }, '2026-12-01').stage).toBe('ENTERING');
  });

  it('when every review is submitted, then it is 待发布 with 去发布通报 even before the deadlines', () => {
    const v = sessionStage({ ...dates, reviews: of('SUBMITTED', 'SUBMITTED') }, '2026-12-01');
    expect(v).toMatchObject({ stage: 'PUBLISHING', label: '待发布', next: { step: 'PUBLISH', label: '去发布通报' } });
    expect(v.steps).not.toContain('ENTER');
  });

  it('when every review is published, then it is 已发布 with the notice', () => {
    const v = sessionStage({ ...dates, reviews: of('PUBLISHED', 'PUBLISHED') }, '2026-12-20');
    expect(v).toMatchObject({ stage: 'PUBLISHED', label: '已发布', next: { step: 'NOTICE' } });
    expect(v.steps).not.toContain('PUBLISH');
  });

  it('when some are published and some submitted, then it is still 待发布', () => {
    expect(sessionStage({ ...dates, reviews: of('PUBLISHED', 'SUBMITTED') }, '2026-12-20').stage).toBe('PUBLISHING');
  });
});

describe('targetsByWho', () => {
  it('when a person is a target under two duties, then they are one entry holding both, in first-seen order', () => {
    const t = (kind: string, personId: string | null, orgId = 'o1') => ({ kind, orgId, personId });
    const got = targetsByWho([t('MEMBER', 'p1'), t('MEMBER', 'p2'), t('COMMITTEE_MEMBER', 'p1'), t('ORG', null)]);
    expect(got.map((g) => [g.key, g.items.map((i) => i.kind)])).toEqual([
      ['PERSON:p1', ['MEMBER', 'COMMITTEE_MEMBER']],
      ['PERSON:p2', ['MEMBER']],
      ['ORG:o1', ['ORG']],
    ]);
  });
});
