import { ReviewSchema, type Review } from '../contracts/review';
import type { ReviewSession } from '../contracts/session';
import type { Report } from '../contracts/report';
import type { Rectification } from '../contracts/rectification';
import type { NamedStoredOpinion } from '../contracts/opinion';
import {
  ENTITY_ROLE_LABELS,
  MACHINES,
  OPINION_MACHINE,
  RECTIFICATION_MACHINE,
  REPORT_MACHINE,
  REVIEW_MACHINE,
  allowedRoles,
  claimDecided,
  opensRectification,
  publicationEditable,
  publicationPublished,
  rectificationRoles,
  reportDrafted,
  reportEditable,
  reportSubmitted,
  reviewAwaitsPublication,
  reviewEditable,
  reviewGiven,
  reviewPublished,
  availableEvents,
  confirmRectification,
  cstDateOf,
  cstEndOfDay,
  draftReviewsForSession,
  imposeDeadline,
  isCstDate,
  isRectificationOverdue,
  openRectification,
  planRectification,
  publishReview,
  rectificationDisplayStatus,
  rectificationStatusLabel,
  reopenReview,
  replyRectification,
  sendBackRectification,
  submitReport,
  submitReview,
  transition,
  withdrawOpinion,
  type EntityRole,
  type Machine,
} from './workflow';
import { defaultTemplate } from './templates';

const ALL_ROLES = Object.keys(ENTITY_ROLE_LABELS) as EntityRole[];
const NOW = Date.UTC(2024, 2, 10, 2, 0, 0); // 2024-03-10 10:00 CST

function completeReview(over: Partial<Review> = {}): Review {
  return {
    id: 'rv1',
    tenantId: 't1',
    campaignId: 'c1',
    cycleKey: '2024-H1',
    sessionId: null,
    rule: 'R1',
    reviewer: { personId: 'sec', name: '王书记', unitAndPost: '第一党支部书记' },
    target: { kind: 'MEMBER', orgId: 'b1', personId: 'm1', name: '李党员' },
    mode: 'TALK',
    meetingType: null,
    topic: null,
    place: '党员活动室',
    reviewedAt: NOW,
    templateId: 'default-MEMBER',
    aspects: [
      { key: 'roleModel', text: '立足岗位，表现突出' },
      { key: 'commitments', text: '承诺已基本兑现' },
      { key: 'service', text: '为群众办了三件实事' },
    ],
    achievements: '成绩明显',
    problems: '学习不够深入',
    direction: '加强理论学习',
    rectification: { required: true, requirement: '制定学习计划', deadline: '2024-03-31', imposed: false },
    exemplary: false,
    exemplaryNote: '',
    privateNotes: '私人备注',
    status: 'DRAFT',
    submittedAt: null,
    publishedAt: null,
    history: [],
    version: 3,
    createdAt: NOW - 1000,
    updatedAt: NOW - 1000,
    ...over,
  };
}

function rectification(over: Partial<Rectification> = {}): Rectification {
  return {
    id: 'rc1',
    tenantId: 't1',
    campaignId: 'c1',
    reviewId: 'rv1',
    reviewerId: 'sec',
    target: { kind: 'MEMBER', orgId: 'b1', personId: 'm1', name: '李党员' },
    requirement: '制定学习计划',
    deadline: '2024-03-31',
    imposed: false,
    plan: '',
    reply: '',
    repliedAt: null,
    confirmedAt: null,
    status: 'REQUIRED',
    history: [],
    version: 0,
    createdAt: NOW,
    updatedAt: NOW,
    ...over,
  };
}

const machines: Array<[string, Machine<string, string>]> = Object.entries(MACHINES) as Array<[string, Machine<string, string>]>;

describe('state machine tables', () => {
  const legal = machines.flatMap(([name, m]) => m.transitions.map((t) => [name, m, t] as const));
  it.each(legal.map(([name, m, t]) => [`${name}: ${t.from} --${t.event}--> ${t.to}`, m, t] as const))(
    'when %s is fired by an allowed role, then it reaches the target state',
    (_label, m, t) => {
      const result = transition(m, t.from, t.event, { roles: [t.roles[0]], reason: '说明原因' });
      expect(result).toEqual({ ok: true, value: { from: t.from, event: t.event, to: t.to, reason: '说明原因' } });
    },
  );

  const illegal = machines.flatMap(([name, m]) =>
    m.states.flatMap((s) => m.events.filter((e) => !m.transitions.some((t) => t.from === s && t.event === e)).map((e) => [name, m, s, e] as const)),
  );
  it('when listing illegal pairs, then every machine has some (the table is not trivially complete)', () => {
    expect(illegal.length).toBeGreaterThan(10);
  });
  it.each(illegal.map(([name, m, s, e]) => [`${name}: ${s} × ${e}`, m, s, e] as const))(
    'when %s is fired even by every role, then it is rejected as an illegal transition naming the state',
    (_label, m, s, e) => {
      const result = transition(m, s, e, { roles: ALL_ROLES, reason: '原因' });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('STATE.ILLEGAL_TRANSITION');
      expect(result.error.message).toContain(`「${m.stateLabels[s]}」`);
    },
  );

  it.each(legal.map(([name, m, t]) => [`${name}: ${t.from} × ${t.event}`, m, t] as const))(
    'when %s is fired by a role not allowed, then AUTH.FORBIDDEN',
    (_label, m, t) => {
      const others = ALL_ROLES.filter((r) => !t.roles.includes(r));
      const result = transition(m, t.from, t.event, { roles: others, reason: '原因' });
      expect(result.ok ? null : result.error.code).toBe('AUTH.FORBIDDEN');
    },
  );

  it.each(legal.filter(([, , t]) => t.reasonRequired).map(([name, m, t]) => [`${name}: ${t.event}`, m, t] as const))(
    'when %s is fired with a blank reason, then STATE.REASON_REQUIRED',
    (_label, m, t) => {
      const result = transition(m, t.from, t.event, { roles: t.roles, reason: '   ' });
      expect(result.ok ? null : result.error.code).toBe('STATE.REASON_REQUIRED');
    },
  );

  it('when an unknown state comes from storage, then the transition is illegal', () => {
    const result = transition(REVIEW_MACHINE, 'ARCHIVED' as never, 'SUBMIT', { roles: ALL_ROLES });
    expect(result.ok ? null : result.error.code).toBe('STATE.ILLEGAL_TRANSITION');
  });

  it('when publishing a draft, then the message names both the from and the to state', () => {
    const result = transition(REVIEW_MACHINE, 'DRAFT', 'PUBLISH', { roles: ['ORGANISER'] });
    expect(result.ok ? '' : result.error.message).toBe('点评当前为「待录入」，不能「公开」（「待录入」→「已公开」不允许）');
  });

  it('when asking who may reopen a published review, then only the superior', () => {
    expect(allowedRoles(REVIEW_MACHINE, 'PUBLISHED', 'REOPEN')).toEqual(['SUPERIOR']);
    expect(allowedRoles(REVIEW_MACHINE, 'DRAFT', 'REOPEN')).toEqual([]);
  });

  it('when the target looks at a replied rectification, then it has no events; the reviewer can confirm or send back', () => {
    expect(availableEvents(RECTIFICATION_MACHINE, 'REPLIED', ['TARGET'])).toEqual([]);
    expect(availableEvents(RECTIFICATION_MACHINE, 'REPLIED', ['REVIEWER'])).toEqual(['CONFIRM', 'SEND_BACK']);
  });

  it('when reading the machines, then every transition names known states, events and roles', () => {
    for (const [, m] of machines) {
      expect(m.states).toContain(m.initial);
      for (const t of m.transitions) {
        expect(m.states).toContain(t.from);
        expect(m.states).toContain(t.to);
        expect(m.events).toContain(t.event);
        expect(t.roles.length).toBeGreaterThan(0);
        for (const r of t.roles) expect(ALL_ROLES).toContain(r);
      }
    }
    expect([REPORT_MACHINE.initial, OPINION_MACHINE.initial, RECTIFICATION_MACHINE.initial]).toEqual(['DRAFT', 'SUBMITTED', 'REQUIRED']);
  });
});

describe('review steps', () => {
  const template = defaultTemplate('MEMBER');
  const reviewer = { personId: 'sec', roles: ['REVIEWER'] as EntityRole[], now: NOW };

  it('when a complete draft is submitted by its reviewer, then it is SUBMITTED with a new version and a history entry', () => {
    const result = submitReview(completeReview(), template, reviewer);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.status).toBe('SUBMITTED');
    expect(result.value.version).toBe(4);
    expect(result.value.submittedAt).toBe(NOW);
    expect(result.value.history).toEqual([{ event: 'SUBMIT', from: 'DRAFT', to: 'SUBMITTED', at: NOW, by: 'sec' }]);
  });

  it('when an incomplete draft is submitted, then REVIEW.INCOMPLETE and nothing changes', () => {
    const result = submitReview(completeReview({ problems: '' }), template, reviewer);
    expect(result.ok ? null : result.error.code).toBe('REVIEW.INCOMPLETE');
  });

  it('when the target tries to submit the review, then AUTH.FORBIDDEN', () => {
    const result = submitReview(completeReview(), template, { ...reviewer, roles: ['TARGET'] });
    expect(result.ok ? null : result.error.code).toBe('AUTH.FORBIDDEN');
  });

  it('when the office publishes a submitted review, then it is PUBLISHED at now', () => {
    const result = publishReview(completeReview({ status: 'SUBMITTED', submittedAt: NOW }), { personId: 'office', roles: ['ORGANISER'], now: NOW + 5 });
    expect(result.ok && result.value.status).toBe('PUBLISHED');
    expect(result.ok && result.value.publishedAt).toBe(NOW + 5);
  });

  it('when the superior reopens a published review with a reason, then it is a DRAFT again and the reason is kept', () => {
    const published = completeReview({ status: 'PUBLISHED', submittedAt: NOW, publishedAt: NOW });
    const result = reopenReview(published, '问题分析不具体', { personId: 'upper', roles: ['SUPERIOR'], now: NOW + 9 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.status).toBe('DRAFT');
    expect(result.value.publishedAt).toBeNull();
    expect(result.value.history[result.value.history.length - 1]).toEqual({ event: 'REOPEN', from: 'PUBLISHED', to: 'DRAFT', at: NOW + 9, by: 'upper', reason: '问题分析不具体' });
  });

  it('when the reviewer tries to reopen their own submitted review, then AUTH.FORBIDDEN', () => {
    const result = reopenReview(completeReview({ status: 'SUBMITTED' }), '想改', reviewer);
    expect(result.ok ? null : result.error.code).toBe('AUTH.FORBIDDEN');
  });

  it('when the superior reopens without a reason, then STATE.REASON_REQUIRED', () => {
    const result = reopenReview(completeReview({ status: 'SUBMITTED' }), '', { personId: 'upper', roles: ['SUPERIOR'], now: NOW });
    expect(result.ok ? null : result.error.code).toBe('STATE.REASON_REQUIRED');
  });
});

describe('report, opinion and rectification steps', () => {
  const report: Report = {
    id: 'rp1',
    tenantId: 't1',
    sessionId: 's1',
    target: { kind: 'MEMBER', orgId: 'b1', personId: 'm1', name: '李党员' },
    authorId: 'm1',
    fulfilment: '承诺三项，完成两项',
    work: '',
    plans: '',
    status: 'DRAFT',
    submittedAt: null,
    version: 0,
    createdAt: NOW,
    updatedAt: NOW,
  };
  const target = { personId: 'm1', roles: ['TARGET'] as EntityRole[], now: NOW };
  const reviewer = { personId: 'sec', roles: ['REVIEWER'] as EntityRole[], now: NOW };

  it('when the target submits a report with fulfilment, then it is SUBMITTED', () => {
    const result = submitReport(report, target);
    expect(result.ok && result.value.status).toBe('SUBMITTED');
    expect(result.ok && result.value.version).toBe(1);
  });

  it('when a report has no fulfilment, then REPORT.INCOMPLETE', () => {
    const result = submitReport({ ...report, fulfilment: ' ' }, target);
    expect(result.ok ? null : result.error.code).toBe('REPORT.INCOMPLETE');
  });

  it('when a submitted report is submitted again, then STATE.ILLEGAL_TRANSITION', () => {
    const result = submitReport({ ...report, status: 'SUBMITTED' }, target);
    expect(result.ok ? null : result.error.code).toBe('STATE.ILLEGAL_TRANSITION');
  });

  it('when the author withdraws an opinion, then it is WITHDRAWN and cannot be withdrawn twice', () => {
    const opinion: NamedStoredOpinion = {
      id: 'op1',
      tenantId: 't1',
      sessionId: 's1',
      target: report.target,
      giverKind: 'MEMBER',
      channel: 'ONLINE',
      content: '希望多关心群众',
      status: 'SUBMITTED',
      submittedAt: NOW,
      withdrawnAt: null,
      version: 0,
      anonymous: false,
      authorId: 'm2',
      authorName: '赵党员',
      enteredById: 'm2',
    };
    const once = withdrawOpinion(opinion, { roles: ['AUTHOR'], now: NOW });
    expect(once.ok && once.value.status).toBe('WITHDRAWN');
    if (!once.ok) return;
    const twice = withdrawOpinion(once.value, { roles: ['AUTHOR'], now: NOW });
    expect(twice.ok ? null : twice.error.code).toBe('STATE.ILLEGAL_TRANSITION');
  });

  it('when a rectification runs plan → reply → send back → reply → confirm, then each step records its state', () => {
    const planned = planRectification(rectification(), '每周学习两次', target);
    expect(planned.ok && planned.value.status).toBe('PLANNED');
    if (!planned.ok) return;
    const replied = replyRectification(planned.value, '已按计划学习', target);
    expect(replied.ok && replied.value.status).toBe('REPLIED');
    if (!replied.ok) return;
    const sentBack = sendBackRectification(replied.value, '缺少学习记录', reviewer);
    expect(sentBack.ok && sentBack.value.status).toBe('PLANNED');
    expect(sentBack.ok && sentBack.value.repliedAt).toBeNull();
    if (!sentBack.ok) return;
    const again = replyRectification(sentBack.value, '补充了学习记录', target);
    if (!again.ok) throw new Error(again.error.message);
    const confirmed = confirmRectification(again.value, reviewer);
    expect(confirmed.ok && confirmed.value.status).toBe('CONFIRMED');
    expect(confirmed.ok && confirmed.value.history.map((h) => h.event)).toEqual(['PLAN', 'REPLY', 'SEND_BACK', 'REPLY', 'CONFIRM']);
    expect(confirmed.ok && confirmed.value.version).toBe(5);
  });

  it('when the reviewer sends back without a reason, then STATE.REASON_REQUIRED', () => {
    const result = sendBackRectification(rectification({ status: 'REPLIED' }), '', reviewer);
    expect(result.ok ? null : result.error.code).toBe('STATE.REASON_REQUIRED');
  });

  it('when the target plans with blank measures, then INPUT.INVALID on plan', () => {
    const result = planRectification(rectification(), ' ', target);
    expect(result.ok ? null : result.error.issues?.[0].path).toEqual(['plan']);
  });

  it('when the superior imposes a deadline on a weak target, then it is flagged 限期整改 with the new date', () => {
    const result = imposeDeadline(rectification({ status: 'PLANNED' }), '2024-04-15', '措施不得力，责令限期整改', { personId: 'upper', roles: ['SUPERIOR'], now: NOW });
    expect(result.ok && [result.value.status, result.value.imposed, result.value.deadline]).toEqual(['PLANNED', true, '2024-04-15']);
  });

  it('when a deadline is imposed in the past or malformed, then INPUT.INVALID on deadline', () => {
    const past = imposeDeadline(rectification(), '2024-03-09', '限期', reviewer);
    const bad = imposeDeadline(rectification(), '2024-02-30', '限期', reviewer);
    expect(past.ok ? null : past.error.issues?.[0].path).toEqual(['deadline']);
    expect(bad.ok ? null : bad.error.issues?.[0].path).toEqual(['deadline']);
  });

  it('when a published review requires rectification, then openRectification creates a REQUIRED item', () => {
    const result = openRectification(completeReview({ status: 'PUBLISHED', rectification: { required: true, requirement: '整改', deadline: '2024-04-01', imposed: true } }), 'rc9', NOW);
    expect(result.ok && result.value && [result.value.status, result.value.deadline, result.value.imposed, result.value.version]).toEqual(['REQUIRED', '2024-04-01', true, 0]);
  });

  it('when a review needs no rectification or is not published, then none is opened', () => {
    const none = openRectification(completeReview({ status: 'PUBLISHED', rectification: { required: false, requirement: '继续保持', deadline: null, imposed: false } }), 'x', NOW);
    const early = openRectification(completeReview({ status: 'SUBMITTED' }), 'x', NOW);
    expect(none).toEqual({ ok: true, value: null });
    expect(early.ok ? null : early.error.code).toBe('STATE.ILLEGAL_TRANSITION');
  });
});

describe('overdue derivation (deadline = end of the CST day)', () => {
  const endOf31 = Date.UTC(2024, 2, 31, 15, 59, 59, 999); // 2024-03-31 23:59:59.999 CST

  it('when computing the end of a CST day, then it is 16:00 UTC minus 1 ms', () => {
    expect(cstEndOfDay('2024-03-31')).toBe(endOf31);
    expect(cstEndOfDay('2024-12-31')).toBe(Date.UTC(2024, 11, 31, 15, 59, 59, 999));
  });

  it('when now is the last millisecond of the deadline day, then not overdue', () => {
    expect(rectificationDisplayStatus(rectification(), endOf31)).toBe('REQUIRED');
  });

  it('when now is the first millisecond after the deadline day, then OVERDUE for REQUIRED and PLANNED', () => {
    expect(rectificationDisplayStatus(rectification(), endOf31 + 1)).toBe('OVERDUE');
    expect(rectificationDisplayStatus(rectification({ status: 'PLANNED' }), endOf31 + 1)).toBe('OVERDUE');
    expect(rectificationStatusLabel(rectification(), endOf31 + 1)).toBe('已逾期');
  });

  it('when replied or confirmed, then never overdue however late', () => {
    expect(isRectificationOverdue(rectification({ status: 'REPLIED' }), endOf31 + 86_400_000)).toBe(false);
    expect(rectificationDisplayStatus(rectification({ status: 'CONFIRMED' }), endOf31 + 86_400_000)).toBe('CONFIRMED');
  });

  it('when the instant is 16:00 UTC, then its CST date is the next day', () => {
    expect(cstDateOf(Date.UTC(2024, 2, 31, 15, 59, 59, 999))).toBe('2024-03-31');
    expect(cstDateOf(Date.UTC(2024, 2, 31, 16, 0, 0, 0))).toBe('2024-04-01');
  });

  it('when validating dates, then only real calendar days pass', () => {
    expect(['2024-02-29', '2023-02-29', '2024-13-01', '2024-4-1'].map(isCstDate)).toEqual([true, false, false, false]);
  });
});

describe('draftReviewsForSession', () => {
  const session: ReviewSession = {
    id: 's1', tenantId: 't1', campaignId: 'c1', cycleKey: '2024-Q1', reviewerId: 'sec', organiserId: 'office',
    mode: 'CENTRAL', meetingType: 'PARTY_MEMBERS_MEETING', topic: null,
    targets: [
      { kind: 'MEMBER', orgId: 'b1', personId: 'm1', name: '李党员' },
      { kind: 'MEMBER', orgId: 'b1', personId: 'm2', name: '赵党员' },
    ],
    randomSample: null, date: '2024-03-10', place: '党员活动室', reportDeadline: null, opinionDeadline: null,
    opinionsAnonymous: false, version: 0, createdAt: NOW, updatedAt: NOW,
  };
  const input = { ids: ['r1', 'r2'], reviewer: { personId: 'sec', name: '王书记', unitAndPost: '支部书记' }, templateIdFor: (k: string) => `default-${k}`, now: NOW };

  it('when a party members meeting reviews two members, then two schema-valid drafts share the meeting details', () => {
    const result = draftReviewsForSession(session, input);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.map((r) => [r.id, r.target.personId, r.meetingType, r.status])).toEqual([
      ['r1', 'm1', 'PARTY_MEMBERS_MEETING', 'DRAFT'],
      ['r2', 'm2', 'PARTY_MEMBERS_MEETING', 'DRAFT'],
    ]);
    for (const r of result.value) expect(ReviewSchema.safeParse(r).success).toBe(true);
  });

  it('when ids do not match the targets, then INPUT.INVALID', () => {
    const result = draftReviewsForSession(session, { ...input, ids: ['r1'] });
    expect(result.ok ? null : result.error.code).toBe('INPUT.INVALID');
  });

  it('when a random session\'s targets differ from its stored draw, then SAMPLE.INVALID', () => {
    const randomSession: ReviewSession = {
      ...session, mode: 'RANDOM', meetingType: null,
      randomSample: { algorithm: 'xmur3-mulberry32-fisher-yates-v1', seed: 'seed-2024', targetKind: 'MEMBER', population: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'm1', 'm2'], size: 2 },
    };
    const result = draftReviewsForSession(randomSession, input);
    expect(result.ok ? null : result.error.code).toBe('SAMPLE.INVALID');
  });
});

describe('status questions the edges ask', () => {
  it('when a review is a draft, then it is editable and not given; submitted awaits publication; published opens a rectification only when it asks for one', () => {
    // Act
    const rows = (['DRAFT', 'SUBMITTED', 'PUBLISHED'] as const).map((s) => [reviewEditable(s), reviewGiven(s), reviewAwaitsPublication(s), reviewPublished(s)]);
    const opens = [opensRectification({ status: 'PUBLISHED', rectification: { required: true } }), opensRectification({ status: 'PUBLISHED', rectification: { required: false } }), opensRectification({ status: 'SUBMITTED', rectification: { required: true } })];

    // Assert
    expect(rows).toEqual([
      [true, false, false, false],
      [false, true, true, false],
      [false, true, false, true],
    ]);
    expect(opens).toEqual([true, false, false]);
  });

  it('when a target has no report, a draft or a submitted one, then only no report and a draft are editable and only the submitted one counts as reported', () => {
    // Act
    const rows = (['NONE', 'DRAFT', 'SUBMITTED'] as const).map((s) => [reportEditable(s), reportDrafted(s), reportSubmitted(s)]);

    // Assert
    expect(rows).toEqual([
      [true, false, false],
      [true, true, false],
      [false, false, true],
    ]);
  });

  it('when a publication is a draft it is editable, once published it is not; a claim is decided once approved or rejected', () => {
    // Act
    const pubs = [publicationEditable('DRAFT'), publicationEditable('PUBLISHED'), publicationPublished('PUBLISHED')];
    const claims = [claimDecided('PENDING'), claimDecided('APPROVED'), claimDecided('REJECTED')];

    // Assert
    expect(pubs).toEqual([true, false, true]);
    expect(claims).toEqual([false, true, true]);
  });
});

describe('rectificationRoles', () => {
  const r = { target: { kind: 'MEMBER' as const, orgId: 'o1', personId: 'p_member', name: '张三' }, reviewerId: 'p_secretary' };
  const who = { personId: 'p_x', secretaryOf: [] as string[], admin: false, upper: false };

  it('when the member, the reviewer, a secretary above or the office asks, then each holds the role the machine names', () => {
    // Act
    const roles = [
      rectificationRoles({ ...who, personId: 'p_member' }, r),
      rectificationRoles({ ...who, personId: 'p_secretary' }, r),
      rectificationRoles({ ...who, upper: true }, r),
      rectificationRoles({ ...who, admin: true }, r),
      rectificationRoles(who, r),
    ];

    // Assert
    expect(roles).toEqual([['TARGET'], ['REVIEWER'], ['SUPERIOR'], ['ORGANISER'], []]);
  });

  it('when the rectification is an org’s, then its secretary answers for it, and on a replied one only the reviewer may confirm', () => {
    // Arrange
    const orgRect = { target: { kind: 'ORG' as const, orgId: 'o2', personId: null, name: '第二支部' }, reviewerId: 'p_upper' };

    // Act
    const target = rectificationRoles({ ...who, secretaryOf: ['o2'] }, orgRect);
    const upperEvents = availableEvents(RECTIFICATION_MACHINE, 'REPLIED', rectificationRoles({ ...who, upper: true }, orgRect));
    const reviewerEvents = availableEvents(RECTIFICATION_MACHINE, 'REPLIED', rectificationRoles({ ...who, personId: 'p_upper' }, orgRect));

    // Assert
    expect(target).toEqual(['TARGET']);
    expect(upperEvents).toEqual([]);
    expect(reviewerEvents).toEqual(['CONFIRM', 'SEND_BACK']);
  });
});
