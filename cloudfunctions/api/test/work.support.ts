import type { ActionName } from '../../../miniprogram/core/domain/permissions';
/**
 * Steps of the review work on the seed-000 district, for the work tests and the frame cases: a
 * session of 实验小学党支部's secretary over two members, a complete review, a publication.
 */
import type { ReviewMode } from '../../../miniprogram/core/contracts/review';
import type { Data, District, Harness } from './harness';

/** Complete content for a review of `kind` under the default templates. */
export function completeContent(kind: 'MEMBER' | 'ORG' | 'ORG_LEADER' | 'COMMITTEE_MEMBER', rectification = true) {
  const aspects: Record<string, string[]> = {
    MEMBER: ['roleModel', 'commitments', 'service'],
    ORG: ['progress', 'commitments', 'service', 'building'],
    ORG_LEADER: ['leadByExample', 'organise', 'commitments'],
    COMMITTEE_MEMBER: ['leadByExample', 'organise', 'commitments'],
  };
  return {
    aspects: aspects[kind].map((key) => ({ key, text: `${key}方面表现良好，带头作用明显` })),
    achievements: '教学成绩突出，积极参加志愿服务',
    problems: '理论学习不够系统',
    direction: '加强理论学习，发挥先锋模范作用',
    rectification: rectification
      ? { required: true, requirement: '制定个人学习计划并按月落实', deadline: '2026-12-31', imposed: false }
      : { required: false, requirement: '继续保持', deadline: null, imposed: false },
  };
}

export interface SessionSetup {
  sessionId: string;
  /** Review ids by fixture key of the target person. */
  reviews: Record<string, string>;
}

/** 吴敏 (secretary of xx1) starts a session over 李娜 (s3, bound) and 钱军 (s4). */
/** Sets the campaign's anonymity threshold (sessions started afterwards keep it). */
export async function setAnonymityThreshold(h: Harness, d: District, threshold: number): Promise<void> {
  const campaign = await h.ok(d.users.admin, 'campaign.get', { campaignId: d.campaignId });
  await h.ok(d.users.admin, 'campaign.update', { campaignId: d.campaignId, version: campaign.version, anonymityThreshold: threshold });
}

export async function startSession(h: Harness, d: District, options: { mode?: ReviewMode; anonymous?: boolean; keys?: string[] } = {}): Promise<SessionSetup> {
  const mode = options.mode ?? 'INDIVIDUAL';
  const keys = options.keys ?? ['s3', 's4'];
  const started = await h.ok(d.users.branchSecretary, 'session.start', {
    campaignId: d.campaignId,
    orgId: d.org.xx1,
    mode,
    meetingType: mode === 'CENTRAL' ? 'PARTY_MEMBERS_MEETING' : null,
    topic: mode === 'THEMATIC' ? '师德师风专题' : null,
    targets: { by: 'PICKED', picks: keys.map((k) => ({ kind: 'MEMBER', id: d.person[k] })) },
    date: '2026-11-25',
    place: '实验小学党员活动室',
    reportDeadline: '2026-11-24',
    opinionDeadline: '2026-11-24',
    opinionsAnonymous: options.anonymous ?? false,
  });
  const reviews: Record<string, string> = {};
  for (const r of started.reviews as Array<{ reviewId: string; target: { personId: string } }>) {
    const key = Object.keys(d.person).find((k) => d.person[k] === r.target.personId) as string;
    reviews[key] = r.reviewId;
  }
  return { sessionId: started.sessionId, reviews };
}

/** The session with 李娜's review submitted complete (rectification required). */
export async function submittedSession(h: Harness, d: District): Promise<SessionSetup> {
  const s = await startSession(h, d);
  await h.ok(d.users.branchSecretary, 'review.save', { reviewId: s.reviews.s3, version: 1, ...completeContent('MEMBER'), submit: true });
  return s;
}

/** …and compiled into a draft publication for 实验小学党支部. */
export async function draftedPublication(h: Harness, d: District): Promise<SessionSetup & { publicationId: string }> {
  const s = await submittedSession(h, d);
  const pub = await h.ok(d.users.branchSecretary, 'publication.draft', {
    sessionId: s.sessionId,
    title: '实验小学党支部领导点评情况通报',
    summary: '本次点评共点评党员一名，总体情况良好。',
    scope: { kind: 'TARGET_ORG', orgId: d.org.xx1 },
  });
  return { ...s, publicationId: pub.publicationId };
}

/** …and published: 李娜's rectification is open. */
export async function publishedSession(h: Harness, d: District): Promise<SessionSetup & { publicationId: string; rectificationId: string }> {
  const s = await draftedPublication(h, d);
  const published: Data = await h.ok(d.users.branchSecretary, 'publication.publish', { publicationId: s.publicationId, version: 1 });
  return { ...s, rectificationId: published.rectificationIds[0] };
}

/** Binds a roster person to an openid through invitation, claim and approval. */
export async function bind(h: Harness, d: District, key: string, openid: string): Promise<void> {
  const person = h.local.store.get('persons')?.docs.get(d.person[key]) as { orgId: string } | undefined;
  if (!person) throw new Error(`person ${key} not stored`);
  const invitation = await h.ok(d.users.admin, 'invitation.create', { orgId: person.orgId });
  const claim = await h.ok(openid, 'claim.submit', { invitationId: invitation.invitationId, personId: d.person[key] });
  await h.ok(d.users.admin, 'claim.decide', { claimId: claim.claimId, approve: true });
}

/** Every action of the review work (issue 5), for the cost and fuzz suites. */
export const WORK_ACTIONS: ActionName[] = [
  'session.start',
  'session.get',
  'session.list',
  'session.update',
  'report.save',
  'report.status',
  'session.nudge',
  'opinion.submit',
  'opinion.invite',
  'opinion.openInvite',
  'opinion.submitByInvite',
  'opinion.withdraw',
  'opinion.list',
  'review.save',
  'review.saveBatch',
  'review.get',
  'review.exemplary',
  'review.received',
  'publication.draft',
  'publication.preview',
  'publication.publish',
  'publication.get',
  'publication.list',
  'notice.sources',
  'notice.link',
  'notice.revoke',
  'notice.open',
  'rectification.act',
  'rectification.get',
  'home',
];
