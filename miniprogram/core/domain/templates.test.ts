import type { Commitment } from '../contracts/commitment';
import type { Rectification } from '../contracts/rectification';
import { ReviewSchema, ReviewTemplateSchema, type Review } from '../contracts/review';
import { ReviewSessionSchema } from '../contracts/session';
import {
  checkComplete,
  commitmentsText,
  defaultTemplate,
  isEditedTemplate,
  memberRegistrationForm,
  newAspectKey,
  optionalAspects,
  orgRegistrationForm,
  templatesAfterEdit,
} from './templates';

const NOW = Date.UTC(2011, 0, 17, 2, 0, 0); // 2011-01-17 10:00 CST

function orgReview(over: Partial<Review> = {}): Review {
  return {
    id: 'rv1',
    tenantId: 't1',
    campaignId: 'c1',
    cycleKey: '2010-H2',
    sessionId: 's1',
    rule: 'R2',
    reviewer: { personId: 'p-top', name: '张书记', unitAndPost: '区社会事业局工委书记' },
    target: { kind: 'ORG', orgId: 'school1', personId: null, name: '实验小学党支部' },
    mode: 'CENTRAL',
    meetingType: 'SECRETARIES_MEETING',
    topic: null,
    place: '局会议室',
    reviewedAt: NOW,
    templateId: 'default-ORG',
    aspects: [
      { key: 'progress', text: '活动推进有力' },
      { key: 'commitments', text: '承诺兑现率高' },
      { key: 'service', text: '开展送教下乡' },
      { key: 'building', text: '五个好创建扎实' },
    ],
    achievements: '教学质量稳步提高',
    problems: '党员教育形式单一',
    direction: '创新组织生活方式',
    rectification: { required: true, requirement: '完善党员学习制度', deadline: '2011-03-31', imposed: false },
    exemplary: true,
    exemplaryNote: '送教下乡做法值得推广',
    privateNotes: 'PRIVATE-校长与书记配合欠佳',
    status: 'DRAFT',
    submittedAt: null,
    publishedAt: null,
    history: [],
    version: 0,
    createdAt: NOW,
    updatedAt: NOW,
    ...over,
  };
}

describe('default templates from the seeds', () => {
  it('when building the ORG template, then it has the five aspects of seed 001 in order', () => {
    const t = defaultTemplate('ORG');
    expect(t.aspects.map((a) => a.title)).toEqual([
      '创先争优活动推进和中心工作',
      '公开承诺及兑现',
      '服务群众办实事',
      '党组织和党员队伍建设',
      '存在的问题和努力方向',
    ]);
    expect(t.aspects[3].hint).toContain('五个好');
  });

  it('when building the MEMBER template, then it has four aspects ending with shortcomings and direction', () => {
    const t = defaultTemplate('MEMBER');
    expect(t.aspects.map((a) => a.key)).toEqual(['roleModel', 'commitments', 'service', 'problemsDirection']);
    expect(t.aspects[3].filledBy).toEqual(['problems', 'direction']);
  });

  it.each(['ORG_LEADER', 'COMMITTEE_MEMBER'] as const)('when building the %s template, then it reviews leading by example and organising members', (kind) => {
    const keys = defaultTemplate(kind).aspects.map((a) => a.key);
    expect(keys.slice(0, 2)).toEqual(['leadByExample', 'organise']);
    expect(defaultTemplate(kind).aspects[0].title).toContain('带头创先争优');
  });

  it('when integrity and window service are chosen, then both come before the closing aspect and the id says so', () => {
    const t = defaultTemplate('ORG', { integrity: true, windowService: true });
    expect(t.aspects.map((a) => a.key)).toEqual(['progress', 'commitments', 'service', 'building', 'integrity', 'windowService', 'problemsDirection']);
    expect(t.id).toBe('default-ORG-integrity-window');
    expect(defaultTemplate('MEMBER', { integrity: true }).aspects[3].title).toBe('廉洁自律');
  });

  it.each(['ORG', 'MEMBER', 'ORG_LEADER', 'COMMITTEE_MEMBER'] as const)('when the %s template is parsed with its schema, then it is valid', (kind) => {
    expect(ReviewTemplateSchema.safeParse(defaultTemplate(kind, { integrity: true, windowService: true })).success).toBe(true);
  });

  it('when a template is built twice and one is edited, then the other is untouched', () => {
    const a = defaultTemplate('ORG');
    a.aspects[0].title = 'changed';
    expect(defaultTemplate('ORG').aspects[0].title).toBe('创先争优活动推进和中心工作');
  });
});

describe('checkComplete', () => {
  const template = defaultTemplate('ORG');

  it('when every field is filled, then the review is complete', () => {
    expect(checkComplete(orgReview(), template)).toEqual({ ok: true, value: true });
  });

  const cases: Array<[string, Partial<Review>, Array<string | number>]> = [
    ['an aspect is blank', { aspects: orgReview().aspects.map((a) => (a.key === 'service' ? { ...a, text: '  ' } : a)) }, ['aspects', 'service']],
    ['an aspect is absent', { aspects: orgReview().aspects.filter((a) => a.key !== 'building') }, ['aspects', 'building']],
    ['achievements are blank', { achievements: '' }, ['achievements']],
    ['problems are blank', { problems: ' ' }, ['problems']],
    ['direction is blank', { direction: '' }, ['direction']],
    ['the place is blank', { place: '' }, ['place']],
    ['the rectification requirement is blank', { rectification: { required: false, requirement: '', deadline: null, imposed: false } }, ['rectification', 'requirement']],
    ['rectification is required without a deadline', { rectification: { required: true, requirement: '整改', deadline: null, imposed: false } }, ['rectification', 'deadline']],
  ];
  it.each(cases)('when %s, then REVIEW.INCOMPLETE names exactly that field', (_name, over, path) => {
    const result = checkComplete(orgReview(over), template);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('REVIEW.INCOMPLETE');
    expect(result.error.issues?.map((i) => i.path)).toEqual([path]);
  });

  it('when no rectification is required, then no deadline is needed', () => {
    const result = checkComplete(orgReview({ rectification: { required: false, requirement: '继续保持', deadline: null, imposed: false } }), template);
    expect(result.ok).toBe(true);
  });

  it('when several fields are missing, then every one is listed in the issues and the message', () => {
    const result = checkComplete(orgReview({ achievements: '', direction: '', aspects: [] }), template);
    if (result.ok) throw new Error('expected incomplete');
    expect(result.error.issues).toHaveLength(6);
    expect(result.error.message).toContain('取得的成绩');
    expect(result.error.message).toContain('创先争优活动推进和中心工作');
  });

  it('when the template is for another target kind, then the mismatch is an issue', () => {
    const result = checkComplete(orgReview(), defaultTemplate('MEMBER'));
    expect(result.ok ? [] : result.error.issues?.map((i) => i.path[0])).toContain('templateId');
  });

  it('when integrity is in the template but unwritten, then it is missing', () => {
    const result = checkComplete(orgReview(), defaultTemplate('ORG', { integrity: true }));
    expect(result.ok ? [] : result.error.issues?.map((i) => i.path)).toEqual([['aspects', 'integrity']]);
  });
});

describe('review and session contracts', () => {
  it('when a complete review is parsed, then it is valid', () => {
    expect(ReviewSchema.safeParse(orgReview()).success).toBe(true);
  });

  it.each<[string, Partial<Review>]>([
    ['集中点评 without a meeting type', { meetingType: null }],
    ['a meeting type for a talk', { mode: 'TALK' }],
    ['专题点评 without a topic', { mode: 'THEMATIC', meetingType: null, topic: null }],
    ['a reviewer reviewing themself', { target: { kind: 'MEMBER', orgId: 'b', personId: 'p-top', name: '张书记' } }],
    ['an ORG target with a person', { target: { kind: 'ORG', orgId: 'b', personId: 'x', name: '支部' } }],
    ['an imposed deadline without rectification', { rectification: { required: false, requirement: 'x', deadline: null, imposed: true } }],
    ['a text over 2000 characters', { problems: '问'.repeat(2001) }],
    ['an invalid deadline date', { rectification: { required: true, requirement: 'x', deadline: '2011-02-30x', imposed: false } }],
  ])('when a review has %s, then parsing fails', (_name, over) => {
    expect(ReviewSchema.safeParse(orgReview(over)).success).toBe(false);
  });

  const session = {
    id: 's1', tenantId: 't1', campaignId: 'c1', cycleKey: '2010-H2', reviewerId: 'p-top', organiserId: 'office',
    mode: 'RANDOM', meetingType: null, topic: null,
    targets: [{ kind: 'ORG', orgId: 'school1', personId: null, name: '实验小学党支部' }],
    randomSample: { algorithm: 'xmur3-mulberry32-fisher-yates-v1', seed: 'abc', targetKind: 'ORG', population: ['school1', 'school2'], size: 1 },
    date: '2011-01-17', place: '', reportDeadline: null, opinionDeadline: '2011-01-14', opinionsAnonymous: true,
    version: 0, createdAt: NOW, updatedAt: NOW,
  };
  it('when a random session stores its sample, then it is valid; without the sample it is not', () => {
    expect(ReviewSessionSchema.safeParse(session).success).toBe(true);
    expect(ReviewSessionSchema.safeParse({ ...session, randomSample: null }).success).toBe(false);
  });

  it('when a sample asks for more than its population, then the session is invalid', () => {
    expect(ReviewSessionSchema.safeParse({ ...session, randomSample: { ...session.randomSample, size: 3 } }).success).toBe(false);
  });
});

describe('registration forms', () => {
  const commitments: Commitment[] = [
    {
      id: 'cm2', tenantId: 't1', campaignId: 'c1', owner: { kind: 'ORG', orgId: 'school1' }, date: '2010-09-01',
      items: [{ id: 'i1', content: '开展送教下乡', progress: 100, fulfilmentNotes: '已完成6次' }],
      version: 0, createdAt: NOW, updatedAt: NOW,
    },
    {
      id: 'cm1', tenantId: 't1', campaignId: 'c1', owner: { kind: 'ORG', orgId: 'school1' }, date: '2010-05-01',
      items: [{ id: 'i2', content: '建设学习型党组织', progress: 60, fulfilmentNotes: '' }],
      version: 0, createdAt: NOW, updatedAt: NOW,
    },
    {
      id: 'cm3', tenantId: 't1', campaignId: 'c1', owner: { kind: 'ORG', orgId: 'other' }, date: '2010-05-01',
      items: [{ id: 'i3', content: '别的支部的承诺', progress: 10, fulfilmentNotes: '' }],
      version: 0, createdAt: NOW, updatedAt: NOW,
    },
  ];

  it('when listing commitments, then the oldest come first with progress and notes', () => {
    expect(commitmentsText(commitments.slice(0, 2))).toBe('1. 建设学习型党组织（完成60%）\n2. 开展送教下乡（完成100%）：已完成6次');
  });

  it('when mapping an org review onto the org form, then every field is filled from the review and only its own commitments', () => {
    const form = orgRegistrationForm(orgReview(), { template: defaultTemplate('ORG'), memberCount: 23, commitments, rectification: null });
    expect(form).toEqual({
      time: '2011年1月17日',
      place: '局会议室',
      orgName: '实验小学党支部',
      memberCount: 23,
      commitmentsAndFulfilment: '1. 建设学习型党组织（完成60%）\n2. 开展送教下乡（完成100%）：已完成6次',
      reviewerName: '张书记',
      reviewerUnitAndPost: '区社会事业局工委书记',
      mode: '集中点评（书记会议）',
      reviewContent: '（一）创先争优活动推进和中心工作：活动推进有力\n（二）公开承诺及兑现：承诺兑现率高\n（三）服务群众办实事：开展送教下乡\n（四）党组织和党员队伍建设：五个好创建扎实',
      achievements: '教学质量稳步提高',
      problems: '党员教育形式单一',
      suggestions: '创新组织生活方式',
      rectificationRequirement: '完善党员学习制度',
      rectificationPlan: '',
    });
    expect(JSON.stringify(form)).not.toContain('PRIVATE-');
  });

  it('when mapping a member review with a replied rectification, then the form shows the reply and status', () => {
    const review = orgReview({
      target: { kind: 'MEMBER', orgId: 'school1', personId: 'm1', name: '李老师' },
      mode: 'TALK', meetingType: null, aspects: [], templateId: 'default-MEMBER',
    });
    const rect = { plan: '每周听课两节', reply: '已完成听课20节' } as Rectification;
    const form = memberRegistrationForm(review, {
      template: defaultTemplate('MEMBER'), unitAndPost: '实验小学 教师', orgName: '实验小学党支部',
      commitments: [{ ...commitments[0], owner: { kind: 'PERSON', personId: 'm1', orgId: 'school1' } }],
      rectification: rect, rectificationStatusLabel: '已回复',
    });
    expect([form.memberName, form.mode, form.rectificationSuggestions, form.rectificationPlan, form.rectificationStatus]).toEqual([
      '李老师', '谈话点评', '完善党员学习制度', '每周听课两节', '已回复：已完成听课20节',
    ]);
    expect(form.commitmentsAndFulfilment).toContain('开展送教下乡');
    expect(JSON.stringify(form)).not.toContain('PRIVATE-');
  });

  it('when a member review asks for no rectification, then the status reads 无需整改', () => {
    const review = orgReview({
      target: { kind: 'MEMBER', orgId: 'school1', personId: 'm1', name: '李老师' }, mode: 'TALK', meetingType: null,
      rectification: { required: false, requirement: '继续保持', deadline: null, imposed: false },
    });
    const form = memberRegistrationForm(review, { template: defaultTemplate('MEMBER'), unitAndPost: '', orgName: '', commitments: [], rectification: null, rectificationStatusLabel: '' });
    expect(form.rectificationStatus).toBe('无需整改');
  });
});

describe('templates the office edits', () => {

  it('when one kind is saved, then the other edited kinds are kept, defaults stay defaults, and the saved one is valid under the shared contract', () => {
    const current = { ORG: defaultTemplate('ORG'), MEMBER: { ...defaultTemplate('MEMBER'), id: 'edited-MEMBER-3' } };
    const aspects = [...defaultTemplate('ORG_LEADER').aspects, { key: newAspectKey(defaultTemplate('ORG_LEADER').aspects), title: '学习贯彻', hint: '' }];
    const next = templatesAfterEdit({ ...current, ORG_LEADER: defaultTemplate('ORG_LEADER') }, 'ORG_LEADER', aspects, 7);
    expect(Object.keys(next).sort()).toEqual(['MEMBER', 'ORG_LEADER']);
    expect(next.ORG_LEADER?.id).toBe('edited-ORG_LEADER-8');
    expect(isEditedTemplate(next.ORG_LEADER!)).toBe(true);
    expect(ReviewTemplateSchema.safeParse(next.ORG_LEADER).success).toBe(true);
    expect(templatesAfterEdit(next, 'ORG_LEADER', null, 8)).toEqual({ MEMBER: current.MEMBER });
  });

  it('when a new aspect is added, then its key is unused; [003] offers 廉洁自律 and 窗口服务质量 for every kind', () => {
    expect(newAspectKey([{ key: 'aspect2' }, { key: 'aspect3' }])).toBe('aspect4');
    expect(newAspectKey([{ key: 'a' }, { key: 'aspect3' }])).toBe('aspect4');
    expect(optionalAspects('MEMBER').map((a) => a.title)).toEqual(['廉洁自律', '窗口服务质量']);
  });
});
