/**
 * One full round of the review work per mode, through main(event) as the real roles of seed 000:
 * commitments → session → reports → opinions → reviews → publish → rectification → confirmed,
 * checking what each role sees after each step and the progress table's coverage.
 */
import type { ReviewMode } from '../../../miniprogram/core/contracts/review';
import { apiHarness, buildDistrict, freshState, type Data, type District } from './harness';
import { bind, completeContent } from './work.support';

const h = apiHarness();

/** Openids of bound persons by fixture key (the harness binds g1 g2 s1 s3 w3 z1; the rest are bound here). */
const OPENID: Record<string, string> = { g1: 'o-g1', g2: 'o-g2', s1: 'o-s1', s3: 'o-s3', w3: 'o-w3', z1: 'o-z1', s2: 'o-s2', s4: 'o-s4', s5: 'o-s5', w4: 'o-w4', w1: 'o-w1' };

async function district(): Promise<District> {
  return freshState(h, 'planned', async () => {
    const d = await buildDistrict(h);
    for (const key of ['s2', 's4', 's5', 'w4', 'w1']) await bind(h, d, key, OPENID[key]);
    await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
    return d;
  });
}

interface Round {
  mode: ReviewMode;
  /** Reviewer's fixture key and the org they review from. */
  reviewer: string;
  from: string;
  targets: (d: District) => unknown;
  /** Who gives an opinion (fixture key), chosen among those not reviewed. */
  giver: (targetKeys: string[]) => string;
  /** Publication scope anchor and kind, and someone outside it (fixture key or openid). */
  scope: { kind: string; org: string };
  outsider: string;
  /** The org whose progress row counts the completion. */
  progressOrg: string;
}

const member = (d: District, k: string) => ({ kind: 'MEMBER', id: d.person[k] });
const ROUNDS: Round[] = [
  { mode: 'CENTRAL', reviewer: 's1', from: 'xx1', targets: (d) => ({ by: 'PICKED', picks: [member(d, 's3'), member(d, 's4')] }), giver: () => 's2', scope: { kind: 'TARGET_ORG', org: 'xx1' }, outsider: 'o-w3', progressOrg: 'xx1' },
  { mode: 'INDIVIDUAL', reviewer: 'g1', from: 'gw', targets: (d) => ({ by: 'PICKED', picks: [{ kind: 'ORG', id: d.org.xx1 }] }), giver: () => 's3', scope: { kind: 'ORG_AND_UPPER', org: 'xx1' }, outsider: 'o-w3', progressOrg: 'gw' },
  { mode: 'ON_SITE', reviewer: 's1', from: 'xx1', targets: (d) => ({ by: 'PICKED', picks: [member(d, 's3')] }), giver: () => 's4', scope: { kind: 'TARGET_ORG', org: 'xx1' }, outsider: 'o-w3', progressOrg: 'xx1' },
  { mode: 'RANDOM', reviewer: 's1', from: 'xx1', targets: () => ({ by: 'RANDOM', targetKind: 'MEMBER', size: 2 }), giver: (t) => ['s2', 's3', 's4', 's5'].find((k) => !t.includes(k)) as string, scope: { kind: 'SUBTREE', org: 'gw' }, outsider: 'o-other-admin', progressOrg: 'xx1' },
  { mode: 'THEMATIC', reviewer: 's1', from: 'xx1', targets: (d) => ({ by: 'PICKED', picks: [member(d, 's3')] }), giver: () => 's4', scope: { kind: 'TARGET_ORG', org: 'xx1' }, outsider: 'o-w3', progressOrg: 'xx1' },
  { mode: 'TALK', reviewer: 'g2', from: 'wsy', targets: (d) => ({ by: 'PICKED', picks: [{ kind: 'ORG_LEADER', id: d.person.w1 }] }), giver: () => 'w3', scope: { kind: 'TARGET_ORG', org: 'wsy' }, outsider: 'o-s3', progressOrg: 'wsy' },
];

const keyOf = (d: District, personId: string | null) => Object.keys(d.person).find((k) => d.person[k] === personId) ?? '';
/** Who answers for a target: the person, or the secretary of a reviewed org. */
const answererOf = (d: District, t: { kind: string; personId: string | null; orgId: string }) => (t.kind === 'ORG' ? (t.orgId === d.org.xx1 ? 'o-s1' : '') : OPENID[keyOf(d, t.personId)]);
const completed = (row: { completed: { leaders: number; orgs: number; members: number } }) => row.completed.leaders + row.completed.orgs + row.completed.members;

describe('one full round per mode', () => {
  it.each(ROUNDS)('when a $mode round is walked from commitments to confirmed rectification, then every role sees what the step allows', async (round) => {
    const d = await district();
    const reviewer = OPENID[round.reviewer];

    // Commitments: the member makes one; an org target's secretary makes the org's.
    await h.ok('o-s3', 'commitment.saveMine', { campaignId: d.campaignId, items: [{ content: '每月开展一次课后服务', progress: 60 }], date: '2026-11-01' });
    await h.ok('o-s1', 'commitment.saveOrg', { orgId: d.org.xx1, campaignId: d.campaignId, items: [{ content: '建设书香校园', progress: 40 }], date: '2026-11-01' });
    const progressBefore = await h.ok(reviewer, 'progress.get', { campaignId: d.campaignId, orgId: d.org[round.progressOrg] });

    // Session.
    const started = await h.ok(reviewer, 'session.start', {
      campaignId: d.campaignId,
      orgId: d.org[round.from],
      mode: round.mode,
      meetingType: round.mode === 'CENTRAL' ? 'PARTY_MEMBERS_MEETING' : null,
      topic: round.mode === 'THEMATIC' ? '师德师风专题' : null,
      targets: round.targets(d),
      date: '2026-11-25',
      place: '党员活动室',
      reportDeadline: '2026-11-24',
      opinionDeadline: '2026-11-24',
      opinionsAnonymous: false,
    });
    const sessionId: string = started.sessionId;
    const targets: Array<{ kind: string; personId: string | null; orgId: string; name: string }> = started.targets;
    if (round.mode === 'RANDOM') {
      expect(started.randomSample).toMatchObject({ seed: sessionId, size: 2, targetKind: 'MEMBER' });
      expect(started.randomSample.population.length).toBeGreaterThanOrEqual(5);
    }
    const targetKeys = targets.map((t) => keyOf(d, t.personId));
    const answerers = targets.map((t) => answererOf(d, t));
    expect(answerers.every((o) => !!o)).toBe(true);
    const giver = OPENID[round.giver(targetKeys)];
    expect((await h.ok(answerers[0], 'home')).reportsToGive.map((r: Data) => r.sessionId)).toContain(sessionId);
    expect((await h.ok(giver, 'home')).opinionsToGive.map((r: Data) => r.sessionId)).toContain(sessionId);
    expect((await h.ok(reviewer, 'home')).reviewsToWrite.inSessions.map((r: Data) => r.sessionId)).toContain(sessionId);

    // Reports: a draft is kept, then submitted; the reviewer sees who has reported.
    const pick = (t: (typeof targets)[number]) => ({ kind: t.kind, id: t.personId ?? t.orgId });
    const draft = await h.ok(answerers[0], 'report.save', { sessionId, target: pick(targets[0]), fulfilment: '', work: '参加课后服务', plans: '', submit: false });
    let status = await h.ok(reviewer, 'report.status', { sessionId });
    expect(status.notReported.map((r: Data) => r.status)).toContain('DRAFT');
    expect(status.counts.submitted).toBe(0);
    expect((await h.ok(answerers[0], 'session.get', { sessionId })).me.reports[0].work).toBe('参加课后服务');
    for (const [i, t] of targets.entries()) {
      const version = i === 0 ? draft.version : undefined;
      await h.ok(answerers[i], 'report.save', { sessionId, target: pick(t), fulfilment: '承诺事项均已按期兑现', work: '参加课后服务', plans: '下阶段继续', submit: true, ...(version ? { version } : {}) });
    }
    status = await h.ok(reviewer, 'report.status', { sessionId });
    expect(status.counts).toMatchObject({ targets: targets.length, submitted: targets.length });
    expect(status.reported[0].report.fulfilment).toBe('承诺事项均已按期兑现');
    expect((await h.ok(answerers[0], 'home')).reportsToGive.map((r: Data) => r.sessionId)).not.toContain(sessionId);

    // Opinions: a named one from a member of the target's org; the reviewer reads them per target.
    await h.ok(giver, 'opinion.submit', { sessionId, target: pick(targets[0]), giverKind: 'MEMBER', channel: 'ONLINE', content: '工作踏实，希望加强学习', anonymous: false });
    const opinions = await h.ok(reviewer, 'opinion.list', { sessionId });
    expect(opinions.targets[0]).toMatchObject({ count: 1, byGiverKind: { MEMBER: 1 } });
    expect(opinions.targets[0].opinions[0].author.name).toBeTruthy();

    // Reviews: a draft is saved, then submitted complete (a meeting enters all targets in one call).
    const reviews: Array<{ reviewId: string; target: { kind: string } }> = started.reviews;
    const content = (kind: string) => completeContent(kind as 'MEMBER');
    if (round.mode === 'CENTRAL') {
      const saved = await h.ok(reviewer, 'review.saveBatch', { sessionId, submit: false, entries: reviews.map((r) => ({ reviewId: r.reviewId, version: 1, achievements: '成绩突出' })) });
      await h.ok(reviewer, 'review.saveBatch', { sessionId, submit: true, entries: reviews.map((r, i) => ({ reviewId: r.reviewId, version: saved.reviews[i].version, ...content(r.target.kind), exemplary: i === 0 })) });
    } else {
      for (const r of reviews) {
        const saved = await h.ok(reviewer, 'review.save', { reviewId: r.reviewId, version: 1, achievements: '成绩突出', privateNotes: '仅点评人可见的备注' });
        await h.ok(reviewer, 'review.save', { reviewId: r.reviewId, version: saved.version, ...content(r.target.kind), submit: true });
      }
    }
    expect((await h.ok(reviewer, 'home')).reviewsToWrite.inSessions.map((r: Data) => r.sessionId)).not.toContain(sessionId);
    const seenByTarget = await h.ok(answerers[0], 'review.get', { reviewId: reviews[0].reviewId });
    expect(seenByTarget.review).toMatchObject({ visibility: 'PUBLIC', status: 'SUBMITTED' });
    expect(seenByTarget.review.privateNotes).toBeUndefined();
    expect(await h.call(round.outsider, 'review.get', { reviewId: reviews[0].reviewId })).toMatchObject({ ok: false });
    const progressAfter = await h.ok(reviewer, 'progress.get', { campaignId: d.campaignId, orgId: d.org[round.progressOrg] });
    expect(completed(progressAfter.rows[0])).toBeGreaterThan(completed(progressBefore.rows[0]));

    // Publish: preview as the anchor org and as one outside, then publish; only the audience reads it.
    const pub = await h.ok(reviewer, 'publication.draft', { sessionId, title: '领导点评情况通报', summary: '本次点评总体情况良好。', scope: { kind: round.scope.kind, orgId: d.org[round.scope.org] } });
    expect((await h.ok(reviewer, 'publication.preview', { publicationId: pub.publicationId, orgId: d.org[round.scope.org] })).visible).toBe(true);
    if (round.scope.kind !== 'SUBTREE') {
      expect((await h.ok(reviewer, 'publication.preview', { publicationId: pub.publicationId, orgId: d.org.zb2 })).visible).toBe(false);
    }
    expect(await h.call(giver, 'publication.get', { publicationId: pub.publicationId })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    const published = await h.ok(reviewer, 'publication.publish', { publicationId: pub.publicationId, version: pub.version });
    expect(published.rectificationIds).toHaveLength(targets.length);
    const read = await h.ok(giver, 'publication.get', { publicationId: pub.publicationId });
    expect(read.publication.reviews).toHaveLength(targets.length);
    expect(JSON.stringify(read)).not.toContain('仅点评人可见的备注');
    expect((await h.ok(giver, 'publication.list', {})).publications.map((p: Data) => p.id)).toContain(pub.publicationId);
    const outside = await h.call(round.outsider, 'publication.get', { publicationId: pub.publicationId });
    expect(outside).toMatchObject({ ok: false, error: { code: round.outsider === 'o-other-admin' ? 'AUTH.OTHER_TENANT' : 'SCOPE.FORBIDDEN' } });

    // Rectification: the target plans and replies; the reviewer sends back once (in a meeting), then confirms.
    for (const [i, rectificationId] of (published.rectificationIds as string[]).entries()) {
      const target = answerers[i];
      expect((await h.ok(target, 'home')).rectificationsToDo.map((r: Data) => r.id)).toContain(rectificationId);
      // 我收到的点评 leads from the review to this rectification.
      expect((await h.ok(target, 'review.received')).reviews.map((r: Data) => r.rectificationId)).toContain(rectificationId);
      let r = await h.ok(target, 'rectification.act', { event: 'PLAN', rectificationId, version: 1, plan: '每周学习两次' });
      r = await h.ok(target, 'rectification.act', { event: 'REPLY', rectificationId, version: r.version, reply: '已按计划完成学习' });
      expect((await h.ok(reviewer, 'home')).rectificationsToConfirm.map((x: Data) => x.id)).toContain(rectificationId);
      // Each side is told its part, so the screen offers the target the reply and the reviewer the confirmation.
      expect((await h.ok(reviewer, 'rectification.get', { rectificationId })).roles).toContain('REVIEWER');
      expect((await h.ok(target, 'rectification.get', { rectificationId })).roles).toEqual(['TARGET']);
      if (round.mode === 'CENTRAL') {
        r = await h.ok(reviewer, 'rectification.act', { event: 'SEND_BACK', rectificationId, version: r.version, reason: '学习记录不完整' });
        expect(r.status).toBe('PLANNED');
        r = await h.ok(target, 'rectification.act', { event: 'REPLY', rectificationId, version: r.version, reply: '已补充学习记录' });
      }
      r = await h.ok(reviewer, 'rectification.act', { event: 'CONFIRM', rectificationId, version: r.version });
      expect(r.status).toBe('CONFIRMED');
      expect((await h.ok(target, 'rectification.get', { rectificationId })).rectification).toMatchObject({ status: 'CONFIRMED', displayStatus: 'CONFIRMED' });
    }
    // The target's home now shows the review received and nothing left to do for this session.
    const home = await h.ok(answerers[0], 'home');
    expect(home.latestReviews.map((r: Data) => r.id)).toContain(reviews[0].reviewId);
    expect(home.rectificationsToDo).toEqual([]);
    if (round.mode === 'CENTRAL') {
      expect((await h.ok(giver, 'review.exemplary', {})).reviews.map((r: Data) => r.id)).toEqual([reviews[0].reviewId]);
    }
  });
});
