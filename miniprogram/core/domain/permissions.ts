/**
 * Who may call what: roles are always relative to the org an action concerns.
 * The router computes the caller's roles at that org and checks them against PERMISSIONS.
 */

export const ROLES = [
  'ANY_USER', // any WeChat user, bound or not (claiming an invitation, bootstrapping a tenant)
  'BOUND', // any user bound to a person or admin of the tenant concerned
  'MEMBER', // registered in the org concerned
  'SECRETARY', // secretary of the org concerned
  'COMMITTEE_MEMBER', // on the committee (班子成员/支委) of the org concerned
  'UPPER_SECRETARY', // secretary of an org above the org concerned
  'LIAISON_LEADER', // leader with the org concerned as a liaison point (联系点)
  'TENANT_ADMIN', // administrator of the tenant (campaign office)
] as const;

export type Role = (typeof ROLES)[number];

/** What the server knows of the caller, read from the users and persons collections. */
export interface CallerFacts {
  tenantId: string | null;
  personId: string | null;
  orgId: string | null;
  admin: boolean;
  secretaryOf: readonly string[];
  liaisonOf: readonly string[];
}

/** What the server knows of the org an action concerns. */
export interface OrgFacts {
  id: string;
  tenantId: string;
  /** Ancestors from the root down to the parent. */
  path: readonly string[];
  secretaryId: string | null;
  committeeMemberIds: readonly string[];
}

/** The caller's roles at an org (or at the tenant when the action concerns no org). */
export function rolesAt(caller: CallerFacts, org: OrgFacts | null, tenantId: string | null): Set<Role> {
  const roles = new Set<Role>(['ANY_USER']);
  const tenant = org?.tenantId ?? tenantId;
  if (!caller.tenantId || (tenant !== null && caller.tenantId !== tenant)) return roles;
  roles.add('BOUND');
  if (caller.admin) roles.add('TENANT_ADMIN');
  if (!org || !caller.personId) return roles;
  if (caller.orgId === org.id) roles.add('MEMBER');
  if (org.secretaryId === caller.personId) roles.add('SECRETARY');
  if (org.committeeMemberIds.includes(caller.personId)) roles.add('COMMITTEE_MEMBER');
  if (org.path.some((id) => caller.secretaryOf.includes(id))) roles.add('UPPER_SECRETARY');
  if (caller.liaisonOf.includes(org.id)) roles.add('LIAISON_LEADER');
  return roles;
}

/** True when any of the caller's roles is among those the action allows. */
export function isAllowed(allowed: readonly Role[], roles: ReadonlySet<Role>): boolean {
  return allowed.some((role) => roles.has(role));
}

const ADMIN = ['TENANT_ADMIN'] as const;
const ORG_LEADERS = ['SECRETARY', 'TENANT_ADMIN'] as const;
/** Everyone with a stake in an org: its members and committee, those above it, its liaison leaders. */
const ORG_READERS = ['MEMBER', 'SECRETARY', 'COMMITTEE_MEMBER', 'UPPER_SECRETARY', 'LIAISON_LEADER', 'TENANT_ADMIN'] as const;
/**
 * Who reviews from an org: its secretary (R1–R4, R6, R7) or its liaison leader (R5); and the office,
 * which enters reviews on behalf of reviewers who do not use the app (the use case checks which).
 */
const REVIEWERS = ['SECRETARY', 'LIAISON_LEADER', 'TENANT_ADMIN'] as const;
/** Who answers for a target at its org: the member themself, a committee member, or the org's secretary. */
const TARGETS = ['MEMBER', 'COMMITTEE_MEMBER', 'SECRETARY'] as const;
/** Who may run a session's steps at its org: the reviewer (secretary or liaison), secretaries above, the office. */
const SESSION_OFFICIALS = ['SECRETARY', 'LIAISON_LEADER', 'UPPER_SECRETARY', 'TENANT_ADMIN'] as const;
/** Who may give an opinion on a target of this org, or type one in for a representative. */
const OPINION_GIVERS = ['MEMBER', 'COMMITTEE_MEMBER', 'SECRETARY', 'UPPER_SECRETARY', 'LIAISON_LEADER'] as const;
/** The target at its org, the reviewer and those above at the reviewing org, the office. */
const RECTIFIERS = ORG_READERS;
/** Those who lead or oversee an org's review work: its progress table and gaps (not its plain members). */
const PROGRESS_READERS = ['SECRETARY', 'COMMITTEE_MEMBER', 'UPPER_SECRETARY', 'LIAISON_LEADER', 'TENANT_ADMIN'] as const;

/**
 * The one permission table: for each action of the `api` function, the roles (at the org the
 * action concerns, or at the caller's tenant) that may call it. Use cases add only ownership checks.
 */
export const PERMISSIONS = {
  me: ['ANY_USER'],
  'tenant.bootstrap': ['ANY_USER'],
  'tenant.get': ['BOUND'],
  'tenant.update': ADMIN,
  'tenant.addAdmin': ADMIN,
  'org.tree': ['BOUND'],
  'org.get': ORG_READERS,
  'org.create': ADMIN,
  'org.update': ADMIN,
  'org.move': ADMIN,
  'org.retire': ADMIN,
  'org.assignSecretary': ADMIN,
  'org.setCommittee': ADMIN,
  'org.bindGroup': ORG_LEADERS,
  'org.resolveGroup': ['BOUND'],
  'person.create': ADMIN,
  'person.update': ADMIN,
  'person.move': ADMIN,
  'person.retire': ADMIN,
  'liaison.assign': ADMIN,
  'liaison.remove': ADMIN,
  'roster.import': ADMIN,
  'invitation.create': ORG_LEADERS,
  'invitation.open': ['ANY_USER'],
  'claim.submit': ['ANY_USER'],
  'claim.list': ORG_LEADERS,
  'claim.decide': ORG_LEADERS,
  'campaign.create': ADMIN,
  'campaign.update': ADMIN,
  'campaign.list': ['BOUND'],
  'campaign.get': ['BOUND'],
  'commitment.saveMine': ['MEMBER'],
  'commitment.saveOrg': ['SECRETARY'],
  'commitment.list': ORG_READERS,
  'moderation.list': ADMIN,
  'moderation.release': ADMIN,
  'campaign.plan': ADMIN,
  'progress.get': PROGRESS_READERS,
  'progress.gaps': PROGRESS_READERS,
  'progress.submit': ORG_LEADERS,
  'progress.nudge': PROGRESS_READERS,
  'progress.history': PROGRESS_READERS,
  // 评定 [003]: a unit above the assessed org (its secretaries) or the office.
  'progress.assess': ['UPPER_SECRETARY', 'TENANT_ADMIN'],
  // 薄弱 [001]: marked by a unit above; attendance is the upper principal's own (attendanceRefusal narrows it).
  'progress.markWeak': ['UPPER_SECRETARY', 'TENANT_ADMIN'],
  'progress.attend': ['UPPER_SECRETARY', 'TENANT_ADMIN'],
  // 具体方案 [001][002]: a unit asks its own lower units (its secretary, a secretary above for the subtree, or the office);
  // the lower unit's secretary hands in; the unit and those above it read it.
  'handin.ask': ['SECRETARY', 'UPPER_SECRETARY', 'TENANT_ADMIN'],
  'handin.submit': ['SECRETARY'],
  'handin.get': ['SECRETARY', 'UPPER_SECRETARY', 'TENANT_ADMIN'],
  // The office's view of the plan of a subtree: who must review whom (issue 9).
  // A liaison leader starts reviews from his liaison point (R5), so he reads what is owed there, as he reads its progress.
  'requirement.list': ['SECRETARY', 'UPPER_SECRETARY', 'LIAISON_LEADER', 'TENANT_ADMIN'],
  // Review work (issue 5): use cases add the caller's relation to the session, review or rectification.
  'session.start': REVIEWERS,
  'session.get': ['BOUND'],
  'session.list': ['BOUND'],
  // 修改时间地点: the use case admits the session's reviewer, its organiser and the office (sessionPlanEditable).
  'session.update': REVIEWERS,
  // 提醒未汇报的同志 on 汇报情况: the use case admits only the session's reviewer, its organiser and the office.
  'session.nudge': REVIEWERS,
  // 发到微信群 with progress: the use case admits the session's reviewer and its organiser.
  'session.card': REVIEWERS,
  'report.save': TARGETS,
  // At the member's org: its secretary, or the office; the rule (reportEntryRefusal) narrows it to the session's reviewer or organiser.
  'report.enter': SESSION_OFFICIALS,
  'report.status': SESSION_OFFICIALS,
  'opinion.submit': OPINION_GIVERS,
  'opinion.invite': SESSION_OFFICIALS,
  'opinion.openInvite': ['ANY_USER'],
  'opinion.submitByInvite': ['ANY_USER'],
  'opinion.withdraw': ['ANY_USER'],
  'opinion.list': ORG_READERS,
  'review.save': REVIEWERS,
  'review.saveBatch': REVIEWERS,
  'review.get': ['BOUND'],
  'review.exemplary': ['BOUND'],
  'review.received': ['BOUND'],
  'publication.draft': SESSION_OFFICIALS,
  'publication.preview': SESSION_OFFICIALS,
  'publication.publish': SESSION_OFFICIALS,
  'publication.get': ['BOUND'],
  'publication.list': ['BOUND'],
  // The use case keeps to sessions the caller reviews in or organised (the office: every session of the unit).
  'notice.sources': ['BOUND'],
  // At the publication's org; the use case keeps it to the notice's organiser and the office.
  'notice.link': SESSION_OFFICIALS,
  'notice.revoke': SESSION_OFFICIALS,
  // The masses are on no roster: the link id is the only key, and it opens that one notice.
  'notice.open': ['ANY_USER'],
  'rectification.act': RECTIFIERS,
  'rectification.get': RECTIFIERS,
  home: ['BOUND'],
  'subscription.record': ['BOUND'],
  'subscription.get': ['BOUND'],
} as const satisfies Record<string, readonly Role[]>;

export type ActionName = keyof typeof PERMISSIONS;

/**
 * Whether a caller may see an org's bound group id (opengid): only those who bind it — the office and
 * the org's own secretary. To anyone else it is a handle on a chat they may not be in.
 */
export function mayKnowGroupOf(caller: Pick<CallerFacts, 'admin' | 'secretaryOf'>, orgId: string): boolean {
  return caller.admin || caller.secretaryOf.includes(orgId);
}
