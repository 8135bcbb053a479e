/**
 * Reply contracts of every action of the `api` function: what `data` holds when a call
 * succeeds. docs/api.md renders each action's reply from these, and the round-trip suite parses every
 * action's real reply with its contract, so the two cannot drift apart.
 */
import * as z from 'zod/mini';
import { CampaignStageSchema, CountsSchema, CoverageOptionsSchema, FrequencySchema } from '../campaign';
import { ReminderKindSchema } from './reminders';
import { SessionCardOutput } from './session-card';
import { FormSettingsSchema } from './export';
import { ClaimStatusSchema, PhoneCheckSchema } from './work';
import { CommitmentSchema } from '../commitment';
import { OpinionChannelSchema, OpinionGiverKindSchema, OpinionStatusSchema } from '../opinion';
import { AssistanceSchema, ExternalReviewerSchema, OrgKindSchema, PersonFlagsSchema } from '../org';
import { PublicationScopeSchema, PublicationStatusSchema } from '../publication';
import { RectificationStatusSchema } from '../rectification';
import { ReportSchema, ReportStatusSchema } from '../report';
import {
  AspectEntrySchema,
  IdSchema,
  InstantSchema,
  MeetingTypeSchema,
  RectificationRequirementSchema,
  ReviewHintSchema,
  ReviewModeSchema,
  ReviewRuleSchema,
  ReviewStatusSchema,
  ReviewTemplateSchema,
  TargetKindSchema,
  TargetRefSchema,
  TransitionRecordSchema,
  VersionSchema,
} from '../review';
import { RandomSampleSchema } from '../session';
import { QualityContextSchema, QualityCountsSchema } from './quality';

const nullable = <T extends z.ZodMiniType>(t: T) => z.nullable(t);
/** A rule and its Chinese explanation, e.g. `作为支部书记点评党员`. */
const RuleView = { rule: ReviewRuleSchema, ruleLabel: z.string() };
const Held = z.boolean();
/** The rectification status to show now: OVERDUE once the deadline's day has ended unreplied. */
const RectificationDisplayStatusSchema = z.enum([...RectificationStatusSchema.options, 'OVERDUE']);

export const CampaignPlanOutput = z.object({
  planId: z.string(),
  cycleKeys: z.array(z.string()),
  requirements: z.int(),
  done: z.int(),
  units: z.int(),
  orgs: z.int(),
  waived: z.int(),
  rules: z.array(z.object({ ...RuleView, requirements: z.int() })),
  vacancies: z.array(z.object({ reason: z.string(), label: z.string(), orgId: IdSchema, leaderId: z.optional(IdSchema) })),
  trips: z.int(),
  /** Present when the plan was too large to finish in this call: the timer finishes it. */
  updating: z.optional(z.object({ percent: z.int(), message: z.string() })),
});

const TableRow = z.object({
  orgId: IdSchema,
  name: z.string(),
  kind: OrgKindSchema,
  parentId: nullable(IdSchema),
  depth: z.int(),
  hasChildren: z.boolean(),
  required: CountsSchema,
  newlyCompleted: CountsSchema,
  cumulative: CountsSchema,
  completed: CountsSchema,
  ratio: z.object({ leaders: z.number(), orgs: z.number(), members: z.number() }),
  own: z.object({ required: CountsSchema, completed: CountsSchema }),
  /** Reviews submitted from this org and below, and how many carried each review-quality hint (issue 27). */
  quality: QualityCountsSchema,
  /** 评定 [003] of this unit's review work in the current round, by a unit above it; null when none yet. */
  assessment: z.optional(nullable(z.object({ text: z.string(), at: InstantSchema }))),
  /** 薄弱 [001]: this unit is marked weak, and whether its upper principal has taken part this round (child rows only). */
  weak: z.optional(
    nullable(
      z.object({
        state: z.enum(['REVIEWED', 'ATTENDED', 'OWED', 'NO_PRINCIPAL']),
        label: z.string(),
        /** Still a gap: the principal has not taken part this round (or there is none). */
        owed: z.boolean(),
        note: z.string(),
        attended: nullable(z.object({ date: z.string(), note: z.string() })),
      }),
    ),
  ),
  /** This lower unit's 具体方案 when the org above asked for one (child rows only): 已交/逾期补交/未交/逾期未交. */
  handIn: z.optional(nullable(z.object({ state: z.enum(['IN', 'LATE', 'OWED', 'OVERDUE']), stateLabel: z.string(), at: nullable(InstantSchema) }))),
});

export const ProgressGetOutput = z.object({
  campaign: z.object({ id: IdSchema, name: z.string() }),
  org: z.object({ id: IdSchema, name: z.string(), kind: OrgKindSchema }),
  asOf: InstantSchema,
  plan: z.object({ id: z.string(), cycleKeys: z.array(z.string()), plannedAt: InstantSchema }),
  stale: z.boolean(),
  staleReasons: z.array(z.object({ code: z.string(), message: z.string() })),
  /** While the plan is out of date: the timer's re-plan, how far it has got ("正在更新 n%"), and whether it stopped moving (also a stale reason, PLAN_STALLED). */
  updating: nullable(z.object({ percent: z.int(), stalled: z.boolean(), message: z.string() })),
  lastReport: nullable(z.object({ id: z.string(), asOf: InstantSchema })),
  rows: z.array(TableRow),
  /** The round a 评定 is made for (org reviews, R2), and whether the caller may write one for the child rows. */
  assessing: nullable(z.object({ cycleKey: z.string(), canAssess: z.boolean(), canAttend: z.optional(z.boolean()) })),
  /** The 具体方案 this org asked of its lower units: deadline, and 已交/未交 counted over the child rows; null when none asked. */
  handInCall: nullable(z.object({ deadline: z.string(), note: z.string(), handedIn: z.int(), owed: z.int() })),
  /** True when the caller may ask this org's lower units for a 具体方案 (handin.ask). */
  canAskHandIn: z.boolean(),
  /** The campaign's progress-report deadlines (CST dates), for "days to the next deadline". */
  reportDeadlines: z.array(z.string()),
  /** Coverage over time (all kinds together, percent): at each of this org's reports, oldest first, then now. */
  history: z.array(z.object({ asOf: InstantSchema, percent: z.int() })),
});

/** A weak mark as set or lifted. */
export const ProgressMarkWeakOutput = z.object({ orgId: IdSchema, weak: z.boolean() });
/** An attendance as recorded, for its round. */
export const ProgressAttendOutput = z.object({ orgId: IdSchema, cycleKey: z.string(), date: z.string() });

/** A 评定 as recorded. */
export const ProgressAssessOutput = z.object({ orgId: IdSchema, cycleKey: z.string(), text: z.string() });

/** What 提醒未完成的 did: SCHEDULED, ALREADY (nudged that day), NONE (nobody behind); `message` says it. */
export const ProgressNudgeOutput = z.object({ status: z.enum(['SCHEDULED', 'ALREADY', 'NONE']), behind: z.int(), sendsAt: nullable(InstantSchema), message: z.string() });

export const ProgressGapsOutput = z.object({
  plan: z.object({ id: z.string(), cycleKeys: z.array(z.string()) }),
  notReviewed: z.array(
    z.object({
      kind: z.enum(['MEMBER', 'ORG']),
      id: IdSchema,
      name: z.string(),
      orgId: IdSchema,
      orgName: z.string(),
      reason: z.enum(['NO_REVIEWER', 'NOT_DONE']),
      vacancies: z.array(z.object({ code: z.string(), label: z.string() })),
      reviewers: z.array(z.object({ id: nullable(IdSchema), name: z.string() })),
      rules: z.array(z.object(RuleView)),
    }),
  ),
  notReviewing: z.array(
    z.object({ personId: IdSchema, name: z.string(), orgId: IdSchema, orgName: z.string(), done: z.int(), total: z.int(), rules: z.array(z.object(RuleView)) }),
  ),
  nextCursor: nullable(z.string()),
});

/** One row of the 附件1 table as reported (also the stored form of a submitted report's rows). */
export const ReportRow = z.object({
  orgId: IdSchema,
  name: z.string(),
  kind: OrgKindSchema,
  depth: z.int(),
  required: CountsSchema,
  completed: CountsSchema,
  newlyCompleted: CountsSchema,
  cumulative: CountsSchema,
});

export const ProgressSubmitOutput = z.object({
  id: z.string(),
  tenantId: IdSchema,
  campaignId: IdSchema,
  orgId: IdSchema,
  orgName: z.string(),
  asOf: InstantSchema,
  planId: z.string(),
  cycleKeys: z.array(z.string()),
  submittedBy: nullable(IdSchema),
  previousId: nullable(z.string()),
  previousAsOf: nullable(InstantSchema),
  /** The written 总结 handed in with the figures; null when none was written. */
  writtenSummary: nullable(z.string()),
  rows: z.array(ReportRow),
});

export const ProgressHistoryOutput = z.object({
  reports: z.array(
    z.object({ id: z.string(), asOf: InstantSchema, orgName: z.string(), cycleKeys: z.array(z.string()), submittedBy: nullable(IdSchema), previousAsOf: nullable(InstantSchema), writtenSummary: nullable(z.string()), rows: z.array(ReportRow) }),
  ),
  nextBefore: nullable(InstantSchema),
});

/** A session target with the rule it is reviewed under (null on sessions started before rules were kept). */
const SessionTarget = z.object({ kind: TargetKindSchema, orgId: IdSchema, personId: nullable(IdSchema), name: z.string(), rule: nullable(ReviewRuleSchema), ruleLabel: nullable(z.string()) });

const SessionView = z.object({
  id: IdSchema,
  campaignId: IdSchema,
  cycleKey: z.string(),
  orgId: IdSchema,
  /** Null for the tenant's named outside reviewer. */
  reviewerId: nullable(IdSchema),
  reviewerName: z.string(),
  mode: ReviewModeSchema,
  meetingType: nullable(MeetingTypeSchema),
  topic: nullable(z.string()),
  date: z.string(),
  place: z.string(),
  targets: z.array(SessionTarget),
  randomSample: nullable(RandomSampleSchema),
  reportDeadline: nullable(z.string()),
  opinionDeadline: nullable(z.string()),
  opinionsAnonymous: z.boolean(),
  opinionsOpen: z.boolean(),
  /** Why opinions are closed (deadline passed, or the reviews published), in words; null while open. */
  opinionsClosed: nullable(z.string()),
  version: VersionSchema,
});

/** The session after 修改时间地点. */
export const SessionUpdateOutput = z.object({ sessionId: IdSchema, version: VersionSchema });
export const SessionStartOutput = z.object({
  sessionId: IdSchema,
  targets: z.array(z.object({ kind: TargetKindSchema, orgId: IdSchema, personId: nullable(IdSchema), name: z.string(), ...RuleView })),
  reviews: z.array(z.object({ reviewId: IdSchema, target: TargetRefSchema, version: VersionSchema })),
  randomSample: nullable(RandomSampleSchema),
  /** `personId` null for the tenant's named outside reviewer. */
  reviewer: z.object({ personId: nullable(IdSchema), name: z.string() }),
  /** 录入人 when the reviews are entered on the reviewer's behalf. */
  enteredBy: nullable(z.object({ name: z.string() })),
});

const ReportView = z.object({
  id: IdSchema,
  target: TargetRefSchema,
  status: ReportStatusSchema,
  submittedAt: nullable(InstantSchema),
  late: z.boolean(),
  held: Held,
  fulfilment: z.string(),
  work: z.string(),
  plans: z.string(),
  version: VersionSchema,
  /** 「何平上门走访后代为录入」 when the session's reviewer or organiser entered it for the member; null otherwise. */
  entered: z.optional(nullable(z.string())),
});

/** What a review says: its aspects, the three sections, the rectification asked for, and 典型. */
const ReviewContent = {
  aspects: z.array(AspectEntrySchema),
  achievements: z.string(),
  problems: z.string(),
  direction: z.string(),
  rectification: RectificationRequirementSchema,
  exemplary: z.boolean(),
  exemplaryNote: z.string(),
};

const SessionStepSchema = z.enum(['REPORTS', 'OPINIONS', 'ENTER', 'PUBLISH', 'NOTICE']);
/** A session's stage as the core decides it: its words, the primary next step and every step open now. */
export const SessionStageSchema = z.object({
  stage: z.enum(['REPORTING', 'OPINIONS', 'ENTERING', 'PUBLISHING', 'PUBLISHED']),
  label: z.string(),
  next: z.object({ step: SessionStepSchema, label: z.string() }),
  steps: z.array(SessionStepSchema),
});

export const SessionGetOutput = z.object({
  session: SessionView,
  me: z.object({ official: z.boolean(), targets: z.array(TargetRefSchema), reports: z.array(z.object({ ...ReportSchema.shape, late: z.boolean() })), canGiveOpinion: z.boolean(), /** True when the caller may tap 修改时间地点 (session.update). */ canEditPlan: z.optional(z.boolean()), /** True when the caller may share the card with its progress (session.card): its reviewer or organiser, before publication. */ canShareCard: z.optional(z.boolean()) }),
  group: nullable(z.object({ orgId: IdSchema, name: z.string() })),
  /** The session's reviews with their text and version, for its reviewer (the batch entry); empty for anyone else. */
  reviews: z.array(
    z.object({
      id: IdSchema,
      target: TargetRefSchema,
      rule: nullable(ReviewRuleSchema),
      ruleLabel: nullable(z.string()),
      status: ReviewStatusSchema,
      version: VersionSchema,
      ...ReviewContent,
      enteredBy: nullable(z.object({ id: IdSchema, name: z.string() })),
      /** How to review this member [001] (an intern remotely, an elderly member flexibly), in words; null when nothing special. */
      hintLabel: nullable(z.string()),
    }),
  ),
  /** The campaign's template for each kind of target in the session (the reviewer's only). */
  templates: z.record(z.string(), ReviewTemplateSchema),
  /** What the review-quality hints compare with, for the reviewer only (null for anyone else). */
  quality: nullable(QualityContextSchema),
  /**
   * What the reviewer reads before writing, per target (the reviewer's only; empty for anyone else): the
   * target's commitments and how far they are kept, their submitted report, and the opinions the reviewer may see.
   */
  context: z.optional(
    z.array(
      z.object({
        target: TargetRefSchema,
        commitments: z.array(z.object({ content: z.string(), progress: z.int(), fulfilmentNotes: z.string() })),
        report: nullable(z.object({ fulfilment: z.string(), work: z.string(), plans: z.string() })),
        opinions: z.array(z.object({ giverKind: z.string(), content: z.string(), name: nullable(z.string()) })),
        /** Why anonymous opinions are not shown yet (fewer givers than the threshold), or null. */
        opinionsPending: nullable(z.string()),
      }),
    ),
  ),
  /**
   * The targets marked 年老体弱 or 外出 (its reviewer's and organiser's only; empty for anyone else): the mark,
   * their report's state and who entered it, and whether 代为录入汇报 is offered (core reportEntryRefusal).
   */
  entries: z.optional(
    z.array(
      z.object({
        target: TargetRefSchema,
        mark: z.string(),
        reported: z.boolean(),
        /** Who entered the report for the member (录入人), and how they heard it (上门走访, 电话, 谈话); null when not entered. */
        enteredBy: nullable(z.string()),
        way: nullable(z.string()),
        canEnter: z.boolean(),
      }),
    ),
  ),
  /** Where the session stands and its next step (core sessionStage), for its reviewer only (null for anyone else). */
  stage: nullable(SessionStageSchema),
  /** The session's live card to share again (its reviewer or organiser only): wx.updateShareMenu's arguments. */
  card: z.optional(nullable(SessionCardOutput)),
});

export const SessionListOutput = z.object({ sessions: z.array(SessionView) });

export const ReportSaveOutput = z.object({ reportId: IdSchema, status: ReportStatusSchema, late: z.boolean(), held: Held, version: VersionSchema });

const ReportStatusRow = z.object({ target: TargetRefSchema, status: z.enum(['NONE', 'DRAFT', 'SUBMITTED']), report: nullable(ReportView) });
export const ReportStatusOutput = z.object({
  reported: z.array(ReportStatusRow),
  notReported: z.array(ReportStatusRow),
  counts: z.object({ targets: z.int(), submitted: z.int(), drafts: z.int() }),
  reportDeadline: nullable(z.string()),
  /** The caller may nudge those who have not reported (session.nudge): the reviewer, the organiser, an admin. */
  canNudge: z.boolean(),
});

/** An anonymous opinion has no id the giver could be traced by; a named one does. */
export const OpinionGivenOutput = z.union([
  z.object({ anonymous: z.literal(true), withdrawable: z.boolean(), held: Held }),
  z.object({ anonymous: z.literal(false), opinionId: IdSchema, held: Held }),
]);
export const OpinionInviteOutput = z.object({ invitationId: IdSchema, expiresAt: InstantSchema });
export const OpinionOpenInviteOutput = z.object({
  giverKind: OpinionGiverKindSchema,
  expiresAt: InstantSchema,
  mode: ReviewModeSchema,
  topic: nullable(z.string()),
  date: z.string(),
  anonymous: z.boolean(),
  /** Why opinions are no longer taken (deadline passed, or the reviews published), in words; null while open. */
  closed: nullable(z.string()),
  /** Each target with its org and post (「新北区实验小学党支部 实习教师」), so the masses can tell who is who. */
  targets: z.array(z.object({ kind: TargetKindSchema, id: IdSchema, name: z.string(), unit: z.string() })),
});
export const OpinionWithdrawOutput = z.object({ withdrawn: z.boolean() });

const OpinionView = z.object({
  id: IdSchema,
  sessionId: IdSchema,
  target: TargetRefSchema,
  giverKind: OpinionGiverKindSchema,
  channel: OpinionChannelSchema,
  content: z.string(),
  status: OpinionStatusSchema,
  submittedAt: InstantSchema,
  anonymous: z.boolean(),
  /** Named opinions only. */
  author: z.optional(z.object({ personId: nullable(IdSchema), name: z.string() })),
  /** 录入人: who typed it in on the giver's behalf. */
  enteredBy: z.optional(z.object({ name: z.string() })),
});
export const OpinionListOutput = z.object({
  official: z.boolean(),
  anonymous: z.boolean(),
  /** The session's anonymity threshold. */
  threshold: z.int(),
  targets: z.array(
    z.object({
      target: TargetRefSchema,
      count: z.int(),
      byGiverKind: z.partialRecord(OpinionGiverKindSchema, z.int()),
      held: z.int(),
      opinions: z.array(OpinionView),
      /** "已收到 2 条，满 3 人后显示" while the anonymous opinions are fewer than the threshold; the rule while none stand shown. */
      pending: nullable(z.string()),
    }),
  ),
});

export const ReviewSaveOutput = z.object({ reviewId: IdSchema, status: ReviewStatusSchema, version: VersionSchema, held: Held });
export const ReviewSaveBatchOutput = z.object({ reviews: z.array(z.object({ reviewId: IdSchema, status: ReviewStatusSchema, version: VersionSchema })), held: Held });

const PublicReview = {
  id: IdSchema,
  campaignId: IdSchema,
  cycleKey: z.string(),
  target: TargetRefSchema,
  reviewer: z.object({ name: z.string(), unitAndPost: z.string() }),
  /** 录入人, when entered on the reviewer's behalf. */
  enteredBy: nullable(z.object({ name: z.string() })),
  rule: nullable(ReviewRuleSchema),
  ruleLabel: nullable(z.string()),
  mode: ReviewModeSchema,
  meetingType: nullable(MeetingTypeSchema),
  topic: nullable(z.string()),
  place: z.string(),
  reviewedAt: InstantSchema,
  ...ReviewContent,
  status: ReviewStatusSchema,
  publishedAt: nullable(InstantSchema),
};
const PublicReviewView = z.object({ visibility: z.literal('PUBLIC'), ...PublicReview });
/** The reviewer's (or the 录入人's) own view: private notes and the history too. */
const ReviewView = z.union([
  PublicReviewView,
  z.object({ visibility: z.literal('OWN'), ...PublicReview, hint: nullable(z.object({ kind: ReviewHintSchema, label: z.string() })), privateNotes: z.string(), history: z.array(TransitionRecordSchema), version: VersionSchema }),
]);
const EntityRoleSchema = z.enum(['TARGET', 'REVIEWER', 'SUPERIOR', 'ORGANISER', 'AUTHOR']);
/** `rect`: the rectification the review opened, with the reader's roles towards it (null when none, or none of theirs). */
export const ReviewGetOutput = z.object({
  review: ReviewView,
  rect: nullable(z.object({ id: IdSchema, status: RectificationStatusSchema, roles: z.array(EntityRoleSchema) })),
});
export const ReviewExemplaryOutput = z.object({ reviews: z.array(ReviewView) });
/** 我收到的点评: every review the caller received, as its target reads it, newest first. */
/** `rectificationId`: the rectification a published review opened, for the target to act on (null when none). */
export const ReviewReceivedOutput = z.object({ reviews: z.array(z.object({ ...PublicReviewView.shape, rectificationId: nullable(IdSchema), rectificationStatus: nullable(RectificationStatusSchema) })) });

const PublicationView = z.object({
  id: IdSchema,
  title: z.string(),
  summary: z.string(),
  scope: PublicationScopeSchema,
  scopeLabel: z.string(),
  publishedAt: nullable(InstantSchema),
  reviews: z.array(PublicReviewView),
});
export const PublicationDraftOutput = z.object({ publicationId: IdSchema, version: VersionSchema, reviewIds: z.array(IdSchema) });
export const PublicationPreviewOutput = z.object({ orgId: IdSchema, visible: z.boolean(), view: nullable(PublicationView) });
/** `remaining`: reviews still to publish in later calls (0 once the notice is public: status PUBLISHED). */
export const PublicationPublishOutput = z.object({ publicationId: IdSchema, status: PublicationStatusSchema, version: VersionSchema, rectificationIds: z.array(IdSchema), remaining: z.int() });
export const PublicationGetOutput = z.object({ publication: z.object({ ...PublicationView.shape, status: PublicationStatusSchema, version: VersionSchema }) });
export const PublicationListOutput = z.object({
  publications: z.array(
    z.object({ id: IdSchema, sessionId: IdSchema, title: z.string(), scope: PublicationScopeSchema, status: PublicationStatusSchema, publishedAt: nullable(InstantSchema), reviewCount: z.int(), version: VersionSchema }),
  ),
});

const RectificationView = z.object({
  id: IdSchema,
  reviewId: IdSchema,
  sessionId: nullable(IdSchema),
  target: TargetRefSchema,
  requirement: z.string(),
  deadline: nullable(z.string()),
  imposed: z.boolean(),
  plan: z.string(),
  reply: z.string(),
  repliedAt: nullable(InstantSchema),
  confirmedAt: nullable(InstantSchema),
  status: RectificationStatusSchema,
  displayStatus: RectificationDisplayStatusSchema,
  held: Held,
  history: z.array(TransitionRecordSchema),
  version: VersionSchema,
});
export const RectificationActOutput = z.object({ rectificationId: IdSchema, status: RectificationStatusSchema, displayStatus: RectificationDisplayStatusSchema, version: VersionSchema });
/** `roles`: the caller's part in it (TARGET replies, REVIEWER confirms), so the screen offers the right actions. */
export const RectificationGetOutput = z.object({ rectification: RectificationView, roles: z.array(EntityRoleSchema) });

export const HomeOutput = z.object({
  /** 发起点评 for each org the caller starts reviews for (core reviewPostsOf), with the post in words. */
  startFor: z.array(z.object({ orgId: IdSchema, orgName: z.string(), as: z.enum(['SECRETARY', 'LIAISON']), asLabel: z.string() })),
  /** 我组织的点评: the caller's sessions in the active campaigns, newest first, each with its stage and next step. */
  mySessions: z.array(
    z.object({
      sessionId: IdSchema,
      orgId: IdSchema,
      orgName: nullable(z.string()),
      mode: ReviewModeSchema,
      meetingType: nullable(MeetingTypeSchema),
      date: z.string(),
      targets: z.int(),
      stage: SessionStageSchema,
      /** Targets still to review marked 年老体弱 or 外出 (their review's hint): whose report may be entered for them. */
      flexible: z.optional(z.array(z.object({ name: z.string(), mark: z.string() }))),
    }),
  ),
  reviewsToWrite: z.object({
    inSessions: z.array(
      z.object({ reviewId: IdSchema, sessionId: nullable(IdSchema), target: TargetRefSchema, mode: ReviewModeSchema, cycleKey: z.string(), rule: nullable(ReviewRuleSchema), ruleLabel: nullable(z.string()), dueDate: nullable(z.string()), version: VersionSchema }),
    ),
    /** Planned requirements not yet in a session, by cycle, rule and target kind. */
    planned: z.array(z.object({ campaignId: IdSchema, cycleKey: z.string(), ...RuleView, targetKind: TargetKindSchema, fromOrgId: nullable(IdSchema), fromOrgName: nullable(z.string()), dueDate: nullable(z.string()), count: z.int(), targetIds: z.array(IdSchema) })),
  }),
  reportsToGive: z.array(z.object({ sessionId: IdSchema, target: TargetRefSchema, reviewerName: z.string(), date: z.string(), reportDeadline: nullable(z.string()) })),
  /** The caller's reports someone entered for them (代为录入), in sessions not yet published: who, and how they heard it. */
  reportsEntered: z.optional(z.array(z.object({ sessionId: IdSchema, target: TargetRefSchema, enteredByName: z.string(), way: nullable(z.string()) }))),
  opinionsToGive: z.array(z.object({ sessionId: IdSchema, reviewerName: z.string(), date: z.string(), opinionDeadline: nullable(z.string()), anonymous: z.boolean(), targets: z.array(TargetRefSchema) })),
  rectificationsToDo: z.array(RectificationView),
  /** 上交具体方案: units the caller is secretary of whose upper unit asked for a plan they have not handed in yet. */
  handInsToGive: z.array(z.object({ campaignId: IdSchema, orgId: IdSchema, orgName: z.string(), upperOrgName: z.string(), deadline: z.string(), note: z.string(), overdue: z.boolean() })),
  rectificationsToConfirm: z.array(RectificationView),
  claimsToApprove: z.array(z.object({ claimId: IdSchema, orgId: IdSchema, personId: IdSchema, createdAt: InstantSchema, version: VersionSchema })),
  latestReviews: z.array(PublicReviewView),
  commitments: z.array(z.object({ id: IdSchema, campaignId: IdSchema, owner: CommitmentSchema.shape.owner, items: CommitmentSchema.shape.items, date: z.string(), version: VersionSchema })),
  campaigns: z.array(z.object({ id: IdSchema, name: z.string(), start: z.string(), end: z.string() })),
  /** Reminders the member had no subscribe-message credit for: shown on 待办 instead (latest per kind). */
  reminders: z.array(z.object({ kind: ReminderKindSchema, label: z.string(), text: z.string(), page: z.string(), day: z.string() })),
});

// ---- tenant, orgs, persons, roster, joining, campaigns, commitments, moderation -------------------

/** An org as stored, with its id: ancestors (`path`), the bound WeChat group, its version. */
const OrgView = z.object({
  id: IdSchema,
  tenantId: IdSchema,
  name: z.string(),
  kind: OrgKindSchema,
  parentId: nullable(IdSchema),
  secretaryId: nullable(IdSchema),
  committeeMemberIds: z.array(IdSchema),
  retired: z.optional(z.boolean()),
  path: z.array(IdSchema),
  opengid: z.optional(nullable(z.string())),
  version: VersionSchema,
});
const OrgBrief = z.object({ id: IdSchema, name: z.string(), kind: OrgKindSchema });
const Edited = z.object({ id: IdSchema, version: VersionSchema });

export const MeOutput = z.union([
  z.object({
    bound: z.literal(false),
    openid: z.string(),
    /** The latest claim made from this openid: how joining stands (等待审核 / 未通过 / 已关闭). */
    claim: nullable(z.object({ claimId: IdSchema, status: ClaimStatusSchema, decidedAt: nullable(InstantSchema) })),
    /** Units deployment configuration (BOOTSTRAP_ADMINS) lets this user create and that do not exist yet: 「创建我的单位」. */
    founds: z.optional(z.array(IdSchema)),
  }),
  z.object({
    bound: z.literal(true),
    openid: z.string(),
    tenant: nullable(z.object({ id: IdSchema, name: z.string() })),
    person: nullable(z.object({ id: IdSchema, name: z.string(), unitAndPost: z.optional(z.string()), isMember: z.boolean(), flags: z.optional(PersonFlagsSchema) })),
    org: nullable(OrgBrief),
    /** officeOf: for the office (admin), the tenant's top org, whose dashboard is the whole tree. */
    roles: z.object({ admin: z.boolean(), secretaryOf: z.array(OrgBrief), committeeOf: z.array(OrgBrief), liaisonOf: z.array(OrgBrief), officeOf: z.optional(nullable(OrgBrief)) }),
    campaigns: z.array(z.object({ id: IdSchema, name: z.string(), start: z.string(), end: z.string() })),
  }),
]);
export const TenantBootstrapOutput = z.object({ tenantId: IdSchema });
/** The tenant document as stored (`_id`). */
export const TenantGetOutput = z.object({
  _id: IdSchema,
  name: z.string(),
  topReviewer: z.optional(nullable(ExternalReviewerSchema)),
  assistances: z.optional(z.array(AssistanceSchema)),
  version: VersionSchema,
  createdAt: InstantSchema,
});
export const TenantUpdateOutput = z.object({ tenantId: IdSchema, version: VersionSchema });
export const TenantAddAdminOutput = z.object({ personId: IdSchema, admin: z.literal(true) });
export const OrgTreeOutput = z.object({ orgs: z.array(OrgView) });
export const OrgGetOutput = z.object({
  org: OrgView,
  children: z.array(OrgView),
  /** `version` for edits; `inflowOrgName`: a mobile member's inflow org (流入党组织). */
  persons: z.array(z.object({ id: IdSchema, version: VersionSchema, name: z.string(), unitAndPost: z.optional(z.string()), isMember: z.boolean(), flags: z.optional(PersonFlagsSchema), inflowOrgName: z.optional(z.string()), left: z.boolean(), bound: z.boolean() })),
  /** Leaders of upper orgs who have this org as a liaison point (联系点). */
  liaisons: z.array(z.object({ id: IdSchema, name: z.string(), unitAndPost: z.optional(z.string()) })),
  /** Who holds the org's posts (书记, 班子成员), wherever they are registered (often in another org of the tenant). */
  holders: z.optional(z.array(z.object({ id: IdSchema, name: z.string() }))),
  /** The parent's kind (null: a top org), so the edit screen offers only the kinds allowed where the org sits. */
  parentKind: nullable(OrgKindSchema),
});
export const EditedOutput = Edited;
export const OrgMoveOutput = z.object({ id: IdSchema, version: VersionSchema, movedDescendants: z.int() });
export const OrgBindGroupOutput = z.object({ id: IdSchema, opengid: z.string() });
export const OrgResolveGroupOutput = z.object({ org: OrgBrief });
export const LiaisonOutput = z.object({ leaderId: IdSchema, orgId: IdSchema });
export const RosterImportOutput = z.object({
  orgs: z.int(),
  persons: z.int(),
  /** Org id by the row's `key`. */
  orgIds: z.record(z.string(), IdSchema),
  /** Person ids in row order. */
  personIds: z.array(IdSchema),
});
/** `code`: the invitation's mini program code (scene = the invitation id), or null when it could not be made. */
export const InvitationCreateOutput = z.object({
  invitationId: IdSchema,
  expiresAt: InstantSchema,
  orgName: z.string(),
  code: z.nullable(z.object({ fileID: z.string(), url: z.string(), scene: z.string() })),
});
/** The invited org only: no roster names, so the link is not a list of who has yet to join. */
export const InvitationOpenOutput = z.object({ org: z.object({ id: IdSchema, name: z.string() }), expiresAt: InstantSchema });
export const ClaimSubmitOutput = z.object({ claimId: IdSchema, status: z.literal('PENDING') });
/**
 * Pending claims with what the secretary can check the claimant by: the name and phone tail they typed,
 * and how that tail compares with the roster (`phoneCheck`; null for claims made before the check).
 */
export const ClaimListOutput = z.object({
  claims: z.array(
    z.object({
      claimId: IdSchema,
      personId: IdSchema,
      personName: z.string(),
      createdAt: InstantSchema,
      version: VersionSchema,
      enteredName: nullable(z.string()),
      enteredPhoneTail: nullable(z.string()),
      phoneCheck: nullable(PhoneCheckSchema),
    }),
  ),
});
export const ClaimDecideOutput = z.object({ claimId: IdSchema, status: z.enum(['APPROVED', 'REJECTED']), personId: z.optional(IdSchema) });
export const CampaignListOutput = z.object({ campaigns: z.array(z.object({ id: IdSchema, name: z.string(), start: z.string(), end: z.string(), version: VersionSchema })) });
/** The campaign with its effective frequencies and templates, and every cycle with its status now. */
export const CampaignGetOutput = z.object({
  id: IdSchema,
  tenantId: IdSchema,
  name: z.string(),
  start: z.string(),
  end: z.string(),
  reportDeadlines: z.optional(z.array(z.string())),
  cycleDueDates: z.optional(z.record(z.string(), z.string())),
  version: VersionSchema,
  createdAt: InstantSchema,
  /** Anonymous opinions on a target stay hidden until this many givers answered. */
  anonymityThreshold: z.int(),
  /** The frequency of every rule, R1…R7. */
  frequencies: z.record(z.string(), FrequencySchema),
  /** The template of every target kind. */
  templates: z.record(z.string(), ReviewTemplateSchema),
  /** [003]-style aspects added to the default templates: 廉洁自律 and window-unit service quality. */
  templateOptions: z.optional(z.object({ integrity: z.optional(z.boolean()), windowService: z.optional(z.boolean()) })),
  /** Who the liaison (R5), assistance (R7) and branch (R2) duties cover beyond the defaults [002][003][004]. */
  coverage: z.optional(CoverageOptionsSchema),
  /** Which registration forms the campaign hands in (SIMPLE [000] unless set). */
  forms: z.optional(FormSettingsSchema),
  /** Named stages [002], the cycles of the rules set to 每阶段. */
  stages: z.optional(z.array(CampaignStageSchema)),
  /** `label`: how the cycle reads (a stage by its name). */
  cycles: z.array(z.object({ key: z.string(), label: z.string(), frequency: FrequencySchema, start: InstantSchema, end: InstantSchema, due: InstantSchema, dueDate: z.string(), status: z.string() })),
});
export const CommitmentSaveOutput = z.object({ id: IdSchema, version: VersionSchema, moderation: z.enum(['PASS', 'HELD']) });
export const CommitmentListOutput = z.object({
  /** `ownerName`: the member's or the org's name, as the branch's list shows who promised what. */
  commitments: z.array(z.object({ id: IdSchema, owner: CommitmentSchema.shape.owner, ownerName: z.string(), date: z.string(), version: VersionSchema, updatedAt: InstantSchema, held: Held, items: CommitmentSchema.shape.items })),
});
const HeldItem = { id: IdSchema, version: VersionSchema };
/** Everything held for human review, by collection (up to 50 of each). */
export const ModerationListOutput = z.object({
  commitments: z.array(z.object({ ...HeldItem, owner: CommitmentSchema.shape.owner, items: CommitmentSchema.shape.items })),
  reports: z.array(z.object({ ...HeldItem, sessionId: IdSchema, target: TargetRefSchema, fulfilment: z.string(), work: z.string(), plans: z.string() })),
  opinions: z.array(z.object({ ...HeldItem, sessionId: IdSchema, target: TargetRefSchema, content: z.string() })),
  reviews: z.array(z.object({ ...HeldItem, target: TargetRefSchema, aspects: z.array(AspectEntrySchema), achievements: z.string(), problems: z.string(), direction: z.string(), rectification: RectificationRequirementSchema })),
  rectifications: z.array(z.object({ ...HeldItem, target: TargetRefSchema, plan: z.string(), reply: z.string() })),
});
export const ModerationReleaseOutput = z.object({ id: IdSchema, released: z.boolean() });
