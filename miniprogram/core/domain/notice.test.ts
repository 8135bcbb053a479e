import type { PublicationView, PublicReviewView } from './visibility';
import { massesNotice, noticeAreaRefusal, noticeDocument, noticeLinkRefusal, scopeWithin, wideningRefusal, type AnchoredScope } from './notice';

// The seed-000 shape: 工委 gw → branch xx1; 工委 gw → branch wsy.
const gw = { orgId: 'gw', path: [] as string[] };
const xx1 = { orgId: 'xx1', path: ['gw'] };
const wsy = { orgId: 'wsy', path: ['gw'] };
const at = (kind: AnchoredScope['kind'], o: { orgId: string; path: string[] }): AnchoredScope => ({ kind, ...o });

describe('scopeWithin', () => {
  it('when a notice goes to one branch, then it lies within that branch, its 工委\'s subtree and the unit, not the other branch', () => {
    const inner = at('TARGET_ORG', xx1);
    expect([at('TARGET_ORG', xx1), at('SUBTREE', gw), at('TENANT', gw), at('ORG_AND_UPPER', xx1)].map((o) => scopeWithin(inner, o))).toEqual([true, true, true, true]);
    expect(scopeWithin(inner, at('TARGET_ORG', wsy))).toBe(false);
  });

  it('when a notice goes to the 工委\'s subtree, then it does not lie within one branch', () => {
    expect(scopeWithin(at('SUBTREE', gw), at('TARGET_ORG', xx1))).toBe(false);
    expect(scopeWithin(at('SUBTREE', gw), at('SUBTREE', xx1))).toBe(false);
    expect(scopeWithin(at('TENANT', gw), at('SUBTREE', gw))).toBe(true);
  });

  it('when a branch and its upper org read a notice, then it lies within the 工委\'s subtree but not the branch\'s own', () => {
    expect(scopeWithin(at('ORG_AND_UPPER', xx1), at('SUBTREE', gw))).toBe(true);
    expect(scopeWithin(at('ORG_AND_UPPER', xx1), at('SUBTREE', xx1))).toBe(false);
  });
});

describe('noticeAreaRefusal', () => {
  it('when a branch secretary addresses the whole unit, then it is refused; her branch is allowed; the office may address any', () => {
    const secretary = { admin: false, leads: [at('SUBTREE', xx1)] };
    expect(noticeAreaRefusal(at('TENANT', gw), secretary)).toMatchObject({ ok: false, error: { code: 'NOTICE.OUT_OF_AREA' } });
    expect(noticeAreaRefusal(at('TARGET_ORG', xx1), secretary).ok).toBe(true);
    expect(noticeAreaRefusal(at('TENANT', gw), { admin: true, leads: [] }).ok).toBe(true);
  });
});

describe('wideningRefusal', () => {
  const reviews = [
    { id: 'r1', status: 'PUBLISHED', target: { name: '李娜' } },
    { id: 'r2', status: 'SUBMITTED', target: { name: '钱军' } },
  ];
  const earlier = [{ reviewIds: ['r1'], scope: at('TARGET_ORG', xx1) }];

  it('when a review published to the branch is compiled for the 工委\'s subtree, then it is named as too wide', () => {
    const out = wideningRefusal(reviews, earlier, at('SUBTREE', gw));
    expect(out).toMatchObject({ ok: false, error: { code: 'NOTICE.WIDER_THAN_PUBLISHED', issues: [{ path: ['reviewIds', 0], message: '对李娜的点评此前只在较小范围内公开，不能在更大范围通报' }] } });
  });

  it('when the same reviews go to the branch again, then nothing is refused (the new review is published by the notice itself)', () => {
    expect(wideningRefusal(reviews, earlier, at('TARGET_ORG', xx1)).ok).toBe(true);
  });
});

const review = (over: Partial<PublicReviewView>): PublicReviewView => ({
  visibility: 'PUBLIC',
  id: 'r1',
  campaignId: 'c1',
  cycleKey: '2026-Q4',
  target: { kind: 'MEMBER', orgId: 'xx1', personId: 'p-s3', name: '李娜' },
  reviewer: { name: '吴敏', unitAndPost: '实验小学校长、支部书记' },
  enteredBy: null,
  rule: 'R1',
  ruleLabel: '支部书记点评本支部党员',
  mode: 'CENTRAL',
  meetingType: 'PARTY_MEMBERS_MEETING',
  topic: null,
  place: '实验小学党员活动室',
  reviewedAt: Date.parse('2026-11-25T10:00:00+08:00'),
  aspects: [],
  achievements: '教学成绩突出',
  problems: '理论学习不够系统',
  direction: '加强理论学习',
  rectification: { required: true, requirement: '制定个人学习计划', deadline: '2026-12-31', imposed: false },
  exemplary: false,
  exemplaryNote: '',
  status: 'PUBLISHED',
  publishedAt: Date.parse('2026-11-28T16:00:00+08:00'),
  ...over,
});

const view: PublicationView = {
  id: 'pub1',
  title: '实验小学党支部领导点评情况通报',
  summary: '现将两次领导点评情况通报如下。',
  scope: { kind: 'TARGET_ORG', orgId: 'xx1' },
  scopeLabel: '被点评对象所在党组织',
  publishedAt: Date.parse('2026-11-30T23:30:00+08:00'),
  reviews: [review({}), review({ id: 'r2', target: { kind: 'ORG', orgId: 'wsy', personId: null, name: '罗溪镇卫生院党支部' }, mode: 'ON_SITE', rectification: { required: false, requirement: '', deadline: null, imposed: false } })],
};

describe('massesNotice', () => {
  it('when the masses read a notice, then they get names and words in Chinese dates, and no id at all', () => {
    const out = massesNotice(view, '新北区实验小学党支部');
    expect(out.date).toBe('2026年11月30日');
    expect(out.items.map((i) => [i.target, i.mode, i.rectification])).toEqual([
      ['李娜同志', '集中点评', '制定个人学习计划（2026年12月31日前书面回复）'],
      ['罗溪镇卫生院党支部', '现场点评', '继续保持'],
    ]);
    const text = JSON.stringify(out);
    for (const id of ['pub1', 'xx1', 'p-s3', 'wsy', 'r1', 'c1']) expect(text).not.toContain(`"${id}"`);
  });
});

describe('noticeDocument', () => {
  it('when the notice is printed, then it has one numbered section per review with the five parts, and the issuer and date at the foot', () => {
    const doc = noticeDocument(view, '新北区实验小学党支部');
    expect(doc.sections.map((s) => s.heading)).toEqual(['一、对李娜同志的点评', '二、对罗溪镇卫生院党支部的点评']);
    expect(doc.sections[0].paragraphs.map((p) => p.label)).toEqual(['点评人及方式', '主要成绩', '存在的问题', '努力方向', '整改要求']);
    expect([doc.signature, doc.date, doc.scopeLine]).toEqual(['新北区实验小学党支部', '2026年11月30日', '公开范围：被点评对象所在党组织']);
  });
});

describe('noticeLinkRefusal', () => {
  const link = { tenantId: 't', publicationId: 'pub1', expiresAt: 1000, revokedAt: null };
  it('when a link is live, revoked, expired or unknown, then it opens, or says why not', () => {
    expect([noticeLinkRefusal(link, 999), noticeLinkRefusal({ ...link, revokedAt: 5 }, 10), noticeLinkRefusal(link, 1001), noticeLinkRefusal(null, 0)]).toEqual([
      null,
      { code: 'NOTICE.LINK_REVOKED' },
      { code: 'NOTICE.LINK_EXPIRED' },
      { code: 'NOTICE.LINK_NOT_FOUND' },
    ]);
  });
});
