/**
 * One known-good call per action of the `api` function, for the frame tests (permission matrix,
 * round-trip budgets, audit rows): who may make it so that it succeeds, what it concerns, any setup
 * it needs, and its payload. Keyed by action, and the tests check the keys against PERMISSIONS, so a
 * new action fails those tests until it has a case here.
 */
import type { ActionName, Role } from '../../../miniprogram/core/domain/permissions';
import type { Data, District, Harness } from './harness';
import * as work from './work.support';

/** Openids that BOOTSTRAP_ADMINS must list for the frame tests (on top of the harness's defaults). */
export const FRAME_BOOTSTRAP = 't000=o-admin,t003=o-admin3,tother=o-other-admin,tnew=o-boot';

/**
 * What an action concerns, which decides the caller's roles:
 * - `org`: the branch 实验小学党支部 (xx1) of t000, named by the payload (directly or through a person/claim);
 * - `tenant`: the caller's own tenant (or no tenant at all), whatever the payload names;
 * - `own-org`: the org the caller is registered in.
 */
export type Concern = 'org' | 'tenant' | 'own-org';

export interface CaseContext {
  h: Harness;
  d: District;
  /** What `setup` returned. */
  s: Data;
}

export interface FrameCase {
  concerns: Concern;
  /** A user key of the district (or a raw openid) for whom the call succeeds. */
  caller: keyof District['users'] | `o-${string}`;
  /** Prepares what the call needs (run by the admin or others; not counted). */
  setup?: (h: Harness, d: District) => Promise<Data>;
  payload: (c: CaseContext) => Promise<unknown> | unknown;
}

const xx1 = (d: District) => d.org.xx1;
const orgVersion = async (h: Harness, d: District, key: string) => (await h.ok(d.users.admin, 'org.get', { orgId: d.org[key] })).org.version as number;
const personVersion = async (h: Harness, d: District, key: string) => {
  const person = (h.local.store.get('persons')?.docs.get(d.person[key]) as { version: number } | undefined) ?? null;
  if (!person) throw new Error(`person ${key} not stored`);
  return person.version;
};
const items = [{ content: '每月开展一次课后服务志愿活动', progress: 20, fulfilmentNotes: '已开展两次' }];

/** Creates an invitation to xx1 and a pending claim on s4 by `o-newcomer`. */
async function pendingClaim(h: Harness, d: District) {
  const invitation = await h.ok(d.users.admin, 'invitation.create', { orgId: xx1(d) });
  const claim = await h.ok('o-newcomer', 'claim.submit', { invitationId: invitation.invitationId, personId: d.person.s4 });
  return { invitationId: invitation.invitationId, claimId: claim.claimId };
}

export const FRAME_CASES: Record<ActionName, FrameCase> = {
  me: { concerns: 'tenant', caller: 'member', payload: () => ({}) },
  'tenant.bootstrap': { concerns: 'tenant', caller: 'o-boot', payload: () => ({ tenantId: 'tnew', name: '新建单位' }) },
  'tenant.get': { concerns: 'tenant', caller: 'member', payload: () => ({}) },
  'tenant.update': {
    concerns: 'tenant',
    caller: 'admin',
    payload: async ({ h, d }) => ({ version: (await h.ok(d.users.admin, 'tenant.get', {})).version, name: '常州市新北区社会事业局（新）' }),
  },
  'tenant.addAdmin': { concerns: 'tenant', caller: 'admin', payload: ({ d }) => ({ personId: d.person.g4 }) },
  'org.tree': { concerns: 'tenant', caller: 'member', payload: () => ({}) },
  'org.get': { concerns: 'org', caller: 'member', payload: ({ d }) => ({ orgId: xx1(d) }) },
  'org.create': { concerns: 'tenant', caller: 'admin', payload: ({ d }) => ({ name: '新北区第二实验小学党支部', kind: 'BRANCH', parentId: d.org.gw }) },
  'org.update': { concerns: 'org', caller: 'admin', payload: async ({ h, d }) => ({ orgId: xx1(d), version: await orgVersion(h, d, 'xx1'), name: '新北区实验小学党支部（更名）' }) },
  'org.move': { concerns: 'org', caller: 'admin', payload: async ({ h, d }) => ({ orgId: xx1(d), version: await orgVersion(h, d, 'xx1'), parentId: d.org.zx }) },
  'org.retire': {
    concerns: 'org',
    caller: 'admin',
    // xx1 has people, so the allowed call is refused by the use case (ORG.HAS_PERSONS), not by the router.
    payload: async ({ h, d }) => ({ orgId: xx1(d), version: await orgVersion(h, d, 'xx1') }),
  },
  'org.assignSecretary': {
    concerns: 'org',
    caller: 'admin',
    payload: async ({ h, d }) => ({ orgId: xx1(d), version: await orgVersion(h, d, 'xx1'), personId: d.person.s2 }),
  },
  'org.setCommittee': {
    concerns: 'org',
    caller: 'admin',
    payload: async ({ h, d }) => ({ orgId: xx1(d), version: await orgVersion(h, d, 'xx1'), personIds: [d.person.s2, d.person.g2] }),
  },
  'org.bindGroup': { concerns: 'org', caller: 'branchSecretary', payload: ({ d }) => ({ orgId: xx1(d), group: { cloudID: 'cloud-id-xx1', data: { opengid: 'G-xx1' } } }) },
  'org.resolveGroup': {
    concerns: 'tenant',
    caller: 'member',
    setup: async (h, d) => h.ok(d.users.admin, 'org.bindGroup', { orgId: xx1(d), group: { cloudID: 'cloud-id-xx1', data: { opengid: 'G-xx1' } } }),
    payload: () => ({ group: { cloudID: 'cloud-id-xx1', data: { opengid: 'G-xx1' } } }),
  },
  'person.create': { concerns: 'org', caller: 'admin', payload: ({ d }) => ({ orgId: xx1(d), name: '新教师' }) },
  'person.update': { concerns: 'org', caller: 'admin', payload: async ({ h, d }) => ({ personId: d.person.s4, version: await personVersion(h, d, 's4'), unitAndPost: '数学教研组长' }) },
  'person.move': { concerns: 'org', caller: 'admin', payload: async ({ h, d }) => ({ personId: d.person.s4, version: await personVersion(h, d, 's4'), orgId: d.org.zb1 }) },
  'person.retire': { concerns: 'org', caller: 'admin', payload: async ({ h, d }) => ({ personId: d.person.s4, version: await personVersion(h, d, 's4') }) },
  'liaison.assign': { concerns: 'org', caller: 'admin', payload: ({ d }) => ({ leaderId: d.person.g4, orgId: xx1(d) }) },
  'liaison.remove': { concerns: 'org', caller: 'admin', payload: ({ d }) => ({ leaderId: d.person.g3, orgId: xx1(d) }) },
  'roster.import': {
    concerns: 'tenant',
    caller: 'admin',
    payload: ({ d }) => ({
      orgs: [{ key: 'n1', name: '新北区第三实验小学党支部', kind: 'BRANCH', parent: d.org.gw }],
      persons: [
        { name: '新书记', org: 'n1', secretaryOf: ['n1'] },
        { name: '新党员', org: 'n1' },
      ],
    }),
  },
  'invitation.create': { concerns: 'org', caller: 'branchSecretary', payload: ({ d }) => ({ orgId: xx1(d) }) },
  'invitation.open': {
    concerns: 'tenant',
    caller: 'stranger',
    setup: async (h, d) => h.ok(d.users.admin, 'invitation.create', { orgId: xx1(d) }),
    payload: ({ s }) => ({ invitationId: s.invitationId }),
  },
  'claim.submit': {
    concerns: 'tenant',
    caller: 'stranger',
    setup: async (h, d) => h.ok(d.users.admin, 'invitation.create', { orgId: xx1(d) }),
    payload: ({ d, s }) => ({ invitationId: s.invitationId, personId: d.person.s4 }),
  },
  'claim.list': { concerns: 'org', caller: 'branchSecretary', setup: pendingClaim, payload: ({ d }) => ({ orgId: xx1(d) }) },
  'claim.decide': { concerns: 'org', caller: 'branchSecretary', setup: pendingClaim, payload: ({ s }) => ({ claimId: s.claimId, approve: true }) },
  'campaign.create': {
    concerns: 'tenant',
    caller: 'admin',
    payload: () => ({ name: '2027年创先争优活动', start: '2027-01-01', end: '2027-12-31', frequencies: { R1: 'QUARTERLY' }, reportDeadlines: ['2027-07-15'] }),
  },
  'campaign.update': { concerns: 'tenant', caller: 'admin', payload: async ({ h, d }) => ({ campaignId: d.campaignId, version: (await h.ok(d.users.admin, 'campaign.get', { campaignId: d.campaignId })).version, name: '创先争优活动领导点评（修订）' }) },
  'campaign.list': { concerns: 'tenant', caller: 'member', payload: () => ({}) },
  'campaign.get': { concerns: 'tenant', caller: 'member', payload: ({ d }) => ({ campaignId: d.campaignId }) },
  'commitment.saveMine': { concerns: 'own-org', caller: 'member', payload: ({ d }) => ({ campaignId: d.campaignId, items, date: '2026-11-21' }) },
  'commitment.saveOrg': { concerns: 'org', caller: 'branchSecretary', payload: ({ d }) => ({ orgId: xx1(d), campaignId: d.campaignId, items, date: '2026-11-21' }) },
  'commitment.list': {
    concerns: 'org',
    caller: 'member',
    setup: async (h, d) => h.ok(d.users.member, 'commitment.saveMine', { campaignId: d.campaignId, items, date: '2026-11-20' }),
    payload: ({ d }) => ({ campaignId: d.campaignId, orgId: xx1(d) }),
  },
  'moderation.list': { concerns: 'tenant', caller: 'admin', payload: () => ({}) },
  'moderation.release': {
    concerns: 'tenant',
    caller: 'admin',
    setup: async (h, d) =>
      h.ok(d.users.member, 'commitment.saveMine', { campaignId: d.campaignId, items: [{ content: '课后加微信答疑 待审测试词', progress: 0 }], date: '2026-11-20' }),
    payload: ({ s }) => ({ collection: 'commitments', id: s.id, approve: true }),
  },
  'campaign.plan': { concerns: 'tenant', caller: 'admin', payload: ({ d }) => ({ campaignId: d.campaignId }) },
  'progress.get': { concerns: 'org', caller: 'branchSecretary', setup: (h, d) => h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId }), payload: ({ d }) => ({ campaignId: d.campaignId, orgId: xx1(d) }) },
  'requirement.list': { concerns: 'org', caller: 'committeeSecretary', setup: (h, d) => h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId }), payload: ({ d }) => ({ campaignId: d.campaignId, orgId: xx1(d) }) },
  'progress.gaps': { concerns: 'org', caller: 'branchSecretary', setup: (h, d) => h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId }), payload: ({ d }) => ({ campaignId: d.campaignId, orgId: xx1(d) }) },
  'progress.submit': { concerns: 'org', caller: 'branchSecretary', setup: (h, d) => h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId }), payload: ({ d }) => ({ campaignId: d.campaignId, orgId: xx1(d) }) },
  'progress.nudge': { concerns: 'org', caller: 'branchSecretary', setup: (h, d) => h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId }), payload: ({ d }) => ({ campaignId: d.campaignId, orgId: xx1(d) }) },
  'progress.history': { concerns: 'org', caller: 'branchSecretary', payload: ({ d }) => ({ campaignId: d.campaignId, orgId: xx1(d) }) },
  // 具体方案 at 实验小学党支部 (the matrix's org): it asks its 党小组 ([002] 具体安排), and hands in to the 工委, which asked.
  'handin.ask': {
    concerns: 'org',
    caller: 'branchSecretary',
    setup: async (h, d) => {
      await h.ok(d.users.admin, 'org.create', { name: '实验小学第一党小组', kind: 'GROUP', parentId: d.org.xx1 });
      return h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
    },
    payload: ({ d }) => ({ campaignId: d.campaignId, orgId: xx1(d), deadline: '2026-12-31' }),
  },
  'handin.submit': {
    concerns: 'org',
    caller: 'branchSecretary',
    setup: async (h, d) => {
      await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
      return h.ok(d.users.committeeSecretary, 'handin.ask', { campaignId: d.campaignId, orgId: d.org.gw, deadline: '2026-12-31' });
    },
    payload: ({ d }) => ({ campaignId: d.campaignId, orgId: xx1(d), text: '一、点评安排：12月底前完成对全体党员的点评。' }),
  },
  'handin.get': { concerns: 'org', caller: 'branchSecretary', setup: (h, d) => h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId }), payload: ({ d }) => ({ campaignId: d.campaignId, orgId: xx1(d) }) },
  'progress.assess': { concerns: 'org', caller: 'committeeSecretary', setup: (h, d) => h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId }), payload: ({ d }) => ({ campaignId: d.campaignId, orgId: xx1(d), text: '点评覆盖全体党员，问题指得具体。' }) },
  'progress.markWeak': { concerns: 'org', caller: 'committeeSecretary', setup: (h, d) => h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId }), payload: ({ d }) => ({ campaignId: d.campaignId, orgId: xx1(d), weak: true, note: '班子不齐，组织生活不经常' }) },
  'progress.attend': {
    concerns: 'org',
    caller: 'committeeSecretary',
    setup: async (h, d) => {
      await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
      await h.ok(d.users.admin, 'progress.markWeak', { campaignId: d.campaignId, orgId: xx1(d), weak: true });
    },
    payload: ({ d }) => ({ campaignId: d.campaignId, orgId: xx1(d), date: '2026-11-20', note: '参加支部点评会' }),
  },
  // Review work: sessions of 实验小学党支部's secretary over 李娜 (s3) and 钱军 (s4); see work.support.ts.
  'session.start': {
    concerns: 'org',
    caller: 'branchSecretary',
    payload: ({ d }) => ({ campaignId: d.campaignId, orgId: xx1(d), mode: 'INDIVIDUAL', targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s3 }] }, date: '2026-11-25', place: '党员活动室', opinionsAnonymous: false }),
  },
  'session.get': { concerns: 'org', caller: 'member', setup: work.startSession, payload: ({ s }) => ({ sessionId: s.sessionId }) },
  'session.list': { concerns: 'tenant', caller: 'branchSecretary', setup: work.startSession, payload: () => ({}) },
  'session.update': {
    concerns: 'org',
    caller: 'branchSecretary',
    setup: work.startSession,
    payload: ({ s }) => ({ sessionId: s.sessionId, version: 1, date: '2026-11-27', place: '学校会议室', reportDeadline: '2026-11-25', opinionDeadline: '2026-11-26' }),
  },
  'report.save': {
    concerns: 'org',
    caller: 'member',
    setup: work.startSession,
    payload: ({ d, s }) => ({ sessionId: s.sessionId, target: { kind: 'MEMBER', id: d.person.s3 }, fulfilment: '承诺每月开展课后服务，已完成', work: '', plans: '', submit: false }),
  },
  // 郑小雨 (s5) is an intern: her secretary enters the report she gave over the phone.
  'report.enter': {
    concerns: 'org',
    caller: 'branchSecretary',
    setup: (h, d) => work.startSession(h, d, { keys: ['s5'] }),
    payload: ({ d, s }) => ({ sessionId: s.sessionId, target: { kind: 'MEMBER', id: d.person.s5 }, way: 'PHONE', fulfilment: '承诺每周线上参加支部学习，已坚持', work: '', plans: '' }),
  },
  'report.status': { concerns: 'org', caller: 'branchSecretary', setup: work.startSession, payload: ({ s }) => ({ sessionId: s.sessionId }) },
  'session.nudge': { concerns: 'org', caller: 'branchSecretary', setup: work.startSession, payload: ({ s }) => ({ sessionId: s.sessionId }) },
  'session.card': { concerns: 'org', caller: 'branchSecretary', setup: work.startSession, payload: ({ s }) => ({ sessionId: s.sessionId }) },
  'opinion.submit': {
    concerns: 'org',
    caller: 'member',
    setup: work.startSession,
    payload: ({ d, s }) => ({ sessionId: s.sessionId, target: { kind: 'MEMBER', id: d.person.s4 }, giverKind: 'MEMBER', channel: 'ONLINE', content: '工作认真，希望多参加集体学习', anonymous: false }),
  },
  'opinion.invite': { concerns: 'org', caller: 'branchSecretary', setup: work.startSession, payload: ({ s }) => ({ sessionId: s.sessionId, giverKind: 'MASSES' }) },
  'opinion.openInvite': {
    concerns: 'tenant',
    caller: 'stranger',
    setup: async (h, d) => h.ok(d.users.branchSecretary, 'opinion.invite', { sessionId: (await work.startSession(h, d)).sessionId, giverKind: 'MASSES' }),
    payload: ({ s }) => ({ invitationId: s.invitationId }),
  },
  'opinion.submitByInvite': {
    concerns: 'tenant',
    caller: 'stranger',
    setup: async (h, d) => h.ok(d.users.branchSecretary, 'opinion.invite', { sessionId: (await work.startSession(h, d)).sessionId, giverKind: 'SERVICE_RECIPIENT' }),
    payload: ({ d, s }) => ({ invitationId: s.invitationId, target: { kind: 'MEMBER', id: d.person.s4 }, content: '钱老师辅导耐心', anonymous: false, giverName: '学生家长王女士' }),
  },
  'opinion.withdraw': {
    concerns: 'tenant',
    caller: 'member',
    setup: async (h, d) =>
      h.ok(d.users.member, 'opinion.submit', { sessionId: (await work.startSession(h, d)).sessionId, target: { kind: 'MEMBER', id: d.person.s4 }, giverKind: 'MEMBER', channel: 'ONLINE', content: '建议多参加集体学习', anonymous: false }),
    payload: ({ s }) => ({ opinionId: s.opinionId }),
  },
  'opinion.list': { concerns: 'org', caller: 'branchSecretary', setup: work.startSession, payload: ({ s }) => ({ sessionId: s.sessionId }) },
  'review.save': { concerns: 'org', caller: 'branchSecretary', setup: work.startSession, payload: ({ s }) => ({ reviewId: s.reviews?.s3, version: 1, achievements: '教学成绩突出' }) },
  'review.saveBatch': {
    concerns: 'org',
    caller: 'branchSecretary',
    setup: work.startSession,
    payload: ({ s }) => ({ sessionId: s.sessionId, submit: false, entries: [{ reviewId: s.reviews?.s3, version: 1, achievements: '教学成绩突出' }, { reviewId: s.reviews?.s4, version: 1, problems: '理论学习不够' }] }),
  },
  'review.get': { concerns: 'org', caller: 'branchSecretary', setup: work.startSession, payload: ({ s }) => ({ reviewId: s.reviews?.s3 }) },
  'review.exemplary': { concerns: 'tenant', caller: 'member', payload: () => ({}) },
  'review.received': { concerns: 'tenant', caller: 'member', payload: () => ({}) },
  'publication.draft': {
    concerns: 'org',
    caller: 'branchSecretary',
    setup: work.submittedSession,
    payload: ({ d, s }) => ({ sessionId: s.sessionId, title: '领导点评情况通报', summary: '本次点评总体情况良好。', scope: { kind: 'TARGET_ORG', orgId: xx1(d) } }),
  },
  'publication.preview': { concerns: 'org', caller: 'branchSecretary', setup: work.draftedPublication, payload: ({ d, s }) => ({ publicationId: s.publicationId, orgId: xx1(d) }) },
  'publication.publish': { concerns: 'org', caller: 'branchSecretary', setup: work.draftedPublication, payload: ({ s }) => ({ publicationId: s.publicationId, version: 1 }) },
  'publication.get': { concerns: 'org', caller: 'member', setup: work.publishedSession, payload: ({ s }) => ({ publicationId: s.publicationId }) },
  'publication.list': { concerns: 'tenant', caller: 'member', setup: work.publishedSession, payload: () => ({}) },
  'notice.sources': { concerns: 'tenant', caller: 'branchSecretary', setup: work.submittedSession, payload: () => ({}) },
  'notice.link': { concerns: 'org', caller: 'branchSecretary', setup: work.publishedSession, payload: ({ s }) => ({ publicationId: s.publicationId }) },
  'notice.revoke': {
    concerns: 'org',
    caller: 'branchSecretary',
    setup: async (h, d) => h.ok(d.users.branchSecretary, 'notice.link', { publicationId: (await work.publishedSession(h, d)).publicationId }),
    payload: ({ s }) => ({ linkId: s.linkId }),
  },
  'notice.open': {
    concerns: 'tenant',
    caller: 'stranger',
    setup: async (h, d) => h.ok(d.users.branchSecretary, 'notice.link', { publicationId: (await work.publishedSession(h, d)).publicationId }),
    payload: ({ s }) => ({ linkId: s.linkId }),
  },
  'rectification.act': { concerns: 'org', caller: 'member', setup: work.publishedSession, payload: ({ s }) => ({ event: 'PLAN', rectificationId: s.rectificationId, version: 1, plan: '每周学习两次党的理论' }) },
  'rectification.get': { concerns: 'org', caller: 'member', setup: work.publishedSession, payload: ({ s }) => ({ rectificationId: s.rectificationId }) },
  home: { concerns: 'tenant', caller: 'member', setup: work.publishedSession, payload: () => ({}) },
  'subscription.record': { concerns: 'tenant', caller: 'member', payload: () => ({ accepted: ['REVIEW_DUE'], rejected: ['REPORT_DUE'] }) },
  'subscription.get': { concerns: 'tenant', caller: 'member', payload: () => ({}) },
};

/** Openids of the matrix columns, with the roles each holds at what an action concerns. */
export const COLUMNS = ['stranger', 'otherTenantAdmin', 'boundElsewhere', 'member', 'branchSecretary', 'committeeMember', 'upperSecretary', 'liaisonLeader', 'admin'] as const;
export type Column = (typeof COLUMNS)[number];

/** The openid behind each column (after `arrangeColumns`). */
export const COLUMN_OPENID: Record<Column, string> = {
  stranger: 'o-stranger',
  otherTenantAdmin: 'o-other-admin',
  boundElsewhere: 'o-w3', // 罗德福, member of 卫生院党支部: bound, no role at xx1
  member: 'o-s3', // 李娜, member of xx1
  branchSecretary: 'o-s1', // 吴敏, secretary (and member) of xx1
  committeeMember: 'o-g2', // 陈立, put on xx1's committee; registered in 局机关
  upperSecretary: 'o-g1', // 周建国, secretary of the 工委 above xx1 (his xx1 liaison is removed)
  liaisonLeader: 'o-g3', // 刘芳, liaison leader of xx1; secretary of 局机关
  admin: 'o-admin',
};

/** The roles each column holds, by what the action concerns (written out by hand from seed 000). */
export const COLUMN_ROLES: Record<Concern, Record<Column, Role[]>> = {
  org: {
    stranger: ['ANY_USER'],
    otherTenantAdmin: ['ANY_USER'],
    boundElsewhere: ['ANY_USER', 'BOUND'],
    member: ['ANY_USER', 'BOUND', 'MEMBER'],
    branchSecretary: ['ANY_USER', 'BOUND', 'MEMBER', 'SECRETARY'],
    committeeMember: ['ANY_USER', 'BOUND', 'COMMITTEE_MEMBER'],
    upperSecretary: ['ANY_USER', 'BOUND', 'UPPER_SECRETARY'],
    liaisonLeader: ['ANY_USER', 'BOUND', 'LIAISON_LEADER'],
    admin: ['ANY_USER', 'BOUND', 'TENANT_ADMIN'],
  },
  tenant: {
    stranger: ['ANY_USER'],
    otherTenantAdmin: ['ANY_USER', 'BOUND', 'TENANT_ADMIN'],
    boundElsewhere: ['ANY_USER', 'BOUND'],
    member: ['ANY_USER', 'BOUND'],
    branchSecretary: ['ANY_USER', 'BOUND'],
    committeeMember: ['ANY_USER', 'BOUND'],
    upperSecretary: ['ANY_USER', 'BOUND'],
    liaisonLeader: ['ANY_USER', 'BOUND'],
    admin: ['ANY_USER', 'BOUND', 'TENANT_ADMIN'],
  },
  'own-org': {
    stranger: ['ANY_USER'],
    otherTenantAdmin: ['ANY_USER', 'BOUND', 'TENANT_ADMIN'], // no person, so no org of their own
    boundElsewhere: ['ANY_USER', 'BOUND', 'MEMBER'], // at 卫生院
    member: ['ANY_USER', 'BOUND', 'MEMBER'],
    branchSecretary: ['ANY_USER', 'BOUND', 'MEMBER', 'SECRETARY'],
    committeeMember: ['ANY_USER', 'BOUND', 'MEMBER'], // at 局机关
    upperSecretary: ['ANY_USER', 'BOUND', 'MEMBER', 'UPPER_SECRETARY'], // at 局机关, under his 工委
    liaisonLeader: ['ANY_USER', 'BOUND', 'MEMBER', 'SECRETARY', 'COMMITTEE_MEMBER'], // at 局机关
    admin: ['ANY_USER', 'BOUND', 'TENANT_ADMIN'], // no person, so no org of their own
  },
};

/** Binds a roster person of the district to an openid through invitation, claim and approval. */
export async function bindPerson(h: Harness, d: District, key: string, openid: string): Promise<void> {
  const person = h.local.store.get('persons')?.docs.get(d.person[key]) as { orgId: string } | undefined;
  if (!person) throw new Error(`person ${key} not stored`);
  const invitation = await h.ok(d.users.admin, 'invitation.create', { orgId: person.orgId });
  const claim = await h.ok(openid, 'claim.submit', { invitationId: invitation.invitationId, personId: d.person[key] });
  await h.ok(d.users.admin, 'claim.decide', { claimId: claim.claimId, approve: true });
}

/** Makes each column hold exactly the roles COLUMN_ROLES.org says at xx1. */
export async function arrangeColumns(h: Harness, d: District): Promise<void> {
  await bindPerson(h, d, 'g3', COLUMN_OPENID.liaisonLeader);
  await h.ok(d.users.admin, 'liaison.remove', { leaderId: d.person.g1, orgId: d.org.xx1 });
  await h.ok(d.users.admin, 'org.setCommittee', { orgId: d.org.xx1, version: await orgVersion(h, d, 'xx1'), personIds: [d.person.s2, d.person.g2] });
}

/** The openid of a case's caller. */
export function callerOf(c: FrameCase, d: District): string {
  return c.caller.startsWith('o-') ? c.caller : d.users[c.caller as keyof District['users']];
}

/** Every document of every collection, in a stable order: two equal digests mean nothing was written. */
export function digest(h: Harness): string {
  const out: Array<[string, Array<[string, unknown]>]> = [];
  for (const name of h.local.store.names().sort()) {
    const docs = h.local.store.get(name)?.docs ?? new Map<string, unknown>();
    out.push([name, [...docs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
  }
  return JSON.stringify(out);
}
