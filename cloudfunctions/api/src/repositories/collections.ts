/** The one registry of collection names: every read, write and audit row names its collection from here. */
export const COL = {
  tenants: 'tenants',
  users: 'users',
  orgs: 'orgs',
  persons: 'persons',
  invitations: 'invitations',
  claims: 'claims',
  campaigns: 'campaigns',
  commitments: 'commitments',
  sessions: 'sessions',
  reports: 'reports',
  opinions: 'opinions',
  opinionInvitations: 'opinionInvitations',
  noticeLinks: 'noticeLinks',
  /** One per giver per target per session, keyed by an HMAC that only the function's secret can compute (docs/anonymity.md). */
  opinionSlots: 'opinionSlots',
  reviews: 'reviews',
  publications: 'publications',
  rectifications: 'rectifications',
  plans: 'plans',
  requirements: 'requirements',
  units: 'units',
  counters: 'counters',
  progressReports: 'progressReports',
  /** Per openid: the reminder sends the member has left per kind (one-time subscribe credits they accepted). */
  subscriptions: 'subscriptions',
  /** The reminder ledger: one per person, kind and CST day (`_id` = `${openid}|${kind}|${day}`), so nothing is sent twice. */
  reminders: 'reminders',
  /**
   * A reminder day's grouping of open required reviews by reviewer, per campaign (`_id` = `${campaignId}|${day}|${part}`):
   * aggregated once, at the day's first sending firing, and read by its later firings instead of aggregating again.
   */
  remindDays: 'remindDays',
  /** 提醒未汇报的同志: one per session and day it was nudged (`_id` = `${sessionId}|${day}`), read by the remind timer that day. */
  nudges: 'nudges',
  /** What drives the `remind` work where no timer trigger exists (云函数 V2): `_id` = `remind`, the one chain of delayed tasks and its lease. */
  schedules: 'schedules',
  /** The export function's jobs (台帐 archives). */
  exportJobs: 'exportJobs',
  /** The audit log: one row per committed request, keyed by a one-way hash of `<openid>:<requestId>`, holding the reply for retries. */
  audit: 'audit',
} as const;

export type CollectionName = (typeof COL)[keyof typeof COL];
