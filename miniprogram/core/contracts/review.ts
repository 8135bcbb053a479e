/**
 * Review (点评) and the primitives the review-work contracts share: ids, instants, CST calendar
 * dates, bounded texts, target references, modes. Types are inferred from the schemas.
 */
import * as z from 'zod/mini';

/** msgSecCheck v2 accepts at most 2500 characters, so no user text field may exceed that. */
export const MAX_CHECKED_TEXT = 2500;

export const IdSchema = z.string().check(z.minLength(1), z.maxLength(64));
/** Epoch milliseconds. */
export const InstantSchema = z.int().check(z.gte(0));
const CST_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `YYYY-MM-DD` names a day that exists on the calendar (no 2026-02-30, no month 13). */
export function isCalendarDay(date: string): boolean {
  const m = CST_DATE.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
}

const calendarDateSchemas = new WeakSet<object>();

/**
 * A China Standard Time calendar date, `YYYY-MM-DD`, that must exist; as a deadline it means "by
 * the end of that day". `label` names the field in messages (`截止日期 2026-02-30 不存在`). Every
 * date field of every contract is one of these, so a walk over the contracts finds them all.
 */
export function cstDate(label: string) {
  const schema = z.string({ error: `${label}：请按 2026-07-01 的格式填写日期` }).check(
    z.superRefine((value, ctx) => {
      if (!CST_DATE.test(value)) ctx.addIssue({ code: 'custom', message: `${label}：请按 2026-07-01 的格式填写日期`, input: value });
      else if (!isCalendarDay(value)) ctx.addIssue({ code: 'custom', message: `${label} ${value} 不存在`, input: value });
    }),
  );
  calendarDateSchemas.add(schema);
  // JSON Schema readers (docs/api.md) see a date named by its label.
  z.globalRegistry.add(schema, { format: 'date', title: label });
  return schema;
}

/** True for a schema made by `cstDate` (the contract walk's test of "is this a date field"). */
export function isCstDateSchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && calendarDateSchemas.has(schema);
}

/** A calendar date in a stored document (the action contracts name each field with `cstDate`). */
export const CstDateSchema = cstDate('日期');
/** Optimistic-concurrency counter carried by every editable entity. */
export const VersionSchema = z.int().check(z.gte(0));

const textSchemas = new WeakSet<object>();

// C0 and C1 controls; a multi-line text keeps tab, line feed and carriage return.
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CONTROL_LINE = /[\u0000-\u001f\u007f-\u009f]/;
// Format characters: zero-width spaces and joiners, bidi overrides (`\u202e管理员`), the BOM.
const FORMAT = /\p{Cf}/u;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// A character that shows: not a space, separator, control or format character.
const VISIBLE = /[^\s\p{Z}\p{C}]/u;

/**
 * The one text type of the contracts: NFC-normalised; refuses control characters (a multi-line text
 * keeps line breaks), format characters and unpaired surrogates; a name needs a visible character.
 * Every user text field of every contract is one of these (a walk over the contracts checks it).
 */
function textSchema(max: number, options: { multiline: boolean; required: boolean; visible: boolean; trim: boolean }) {
  const limit = Math.min(max, MAX_CHECKED_TEXT);
  const schema = z.string().check(
    z.normalize('NFC'),
    ...(options.trim ? [z.trim()] : []),
    z.maxLength(limit),
    z.superRefine((value, ctx) => {
      const bad = (message: string) => ctx.addIssue({ code: 'custom', message, input: value });
      if (LONE_SURROGATE.test(value)) bad('含有无法显示的字符，请删除后重新输入');
      else if ((options.multiline ? CONTROL_MULTILINE : CONTROL_LINE).test(value)) bad(options.multiline ? '含有控制字符，请删除后重新输入' : '不能换行，也不能含有控制字符，请改为一行');
      else if (FORMAT.test(value)) bad('含有看不见的格式字符（如零宽字符、文字方向控制符），请删除后重新输入');
      else if (options.visible && !VISIBLE.test(value)) bad('不能为空，请填写看得见的文字');
      else if (options.required && value.trim().length === 0) bad('不能为空');
    }),
  );
  textSchemas.add(schema);
  return schema;
}

/** True for a schema made by `text`, `requiredText` or `nameText` (the contract walk's test). */
export function isTextSchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && textSchemas.has(schema);
}

/** A bounded multi-line text; empty allowed (drafts), completeness is checked separately. */
export const text = (max: number) => textSchema(max, { multiline: true, required: false, visible: false, trim: false });
/** A required non-blank multi-line text up to `max` characters. */
export const requiredText = (max: number) => textSchema(max, { multiline: true, required: true, visible: true, trim: false });
/** A name or title: one line, trimmed, with at least one visible character. */
export const nameText = (max: number) => textSchema(max, { multiline: false, required: true, visible: true, trim: true });
/** A short optional line (a post, a heading): one line, trimmed, may be empty. */
export const lineText = (max: number) => textSchema(max, { multiline: false, required: false, visible: false, trim: true });

export const NAME_MAX = 64;
export const PLACE_MAX = 100;
export const SECTION_MAX = 2000;

/** Who or what is reviewed (DOMAIN §2 target kinds). */
export const TargetKindSchema = z.enum(['ORG', 'MEMBER', 'ORG_LEADER', 'COMMITTEE_MEMBER']);
export type TargetKind = z.infer<typeof TargetKindSchema>;

/** The rule of DOMAIN §2 that required a review. */
export const ReviewRuleSchema = z.enum(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7']);
export type ReviewRule = z.infer<typeof ReviewRuleSchema>;

/**
 * A review target. `orgId` is always the org the target belongs to for scoping: the org itself for
 * ORG, the person's registered org for people. `personId` is null exactly for ORG targets.
 */
export const TargetRefSchema = z
  .object({
    kind: TargetKindSchema,
    orgId: IdSchema,
    personId: z.nullable(IdSchema),
    name: z.string().check(z.minLength(1), z.maxLength(NAME_MAX)),
  })
  .check(
    z.refine((t) => (t.kind === 'ORG') === (t.personId === null), {
      message: '党组织对象不填人员，个人对象必须填人员',
      path: ['personId'],
    }),
  );
export type TargetRef = z.infer<typeof TargetRefSchema>;

/** The id a target is known by in samples and coverage: the person for people, else the org. */
export function targetId(t: Pick<TargetRef, 'orgId' | 'personId'>): string {
  return t.personId ?? t.orgId;
}

/** 点评方式 (DOMAIN §5). */
export const ReviewModeSchema = z.enum(['CENTRAL', 'INDIVIDUAL', 'ON_SITE', 'RANDOM', 'THEMATIC', 'TALK']);
export type ReviewMode = z.infer<typeof ReviewModeSchema>;
export const REVIEW_MODE_LABELS: Record<ReviewMode, string> = {
  CENTRAL: '集中点评',
  INDIVIDUAL: '个别点评',
  ON_SITE: '现场点评',
  RANDOM: '随机点评',
  THEMATIC: '专题点评',
  TALK: '谈话点评',
};

/** Meeting kinds for 集中点评 (DOMAIN §5; [003] adds 党组会/党委会 for a 党组 or a 党委/工委). */
/** [001] 对外出实习的学生党员…灵活的方法; 对年老体弱的党员…灵活方式: a member's review is shaped by who they are. */
export const ReviewHintSchema = z.enum(['REMOTE', 'FLEXIBLE']);
export type ReviewHint = z.infer<typeof ReviewHintSchema>;
/** What the reviewer reads beside such a member, in the seed's words. */
export const REVIEW_HINT_LABELS: Record<ReviewHint, string> = {
  REMOTE: '外出实习的党员：采取切实可行的措施和灵活的方法点评，可远程或书面进行',
  FLEXIBLE: '年老体弱的党员：根据具体情况，采取灵活方式点评，如上门或电话',
};

export const MeetingTypeSchema = z.enum([
  'PARTY_MEMBERS_MEETING',
  'BRANCH_COMMITTEE',
  'DEMOCRATIC_LIFE',
  'ORGANISATIONAL_LIFE',
  'SECRETARIES_MEETING',
  'LEADING_GROUP_MEETING',
  'COMMITTEE_MEETING',
  // The seeds' other occasions for a 集中点评 (DOMAIN §5): [001] 中心组学习, 专题会/推进会, 三会一课, 党员活动日;
  // [004] 工作推进会, 专题会, 集中学习, 工作例会, 三会一课, 党员活动日; issue 24 adds 调度会 and 碰头会.
  'CENTRAL_GROUP_STUDY',
  'THEMATIC_MEETING',
  'PROGRESS_MEETING',
  'DISPATCH_MEETING',
  'REGULAR_WORK_MEETING',
  'BRIEFING_MEETING',
  'GROUP_STUDY',
  'THREE_MEETINGS_ONE_LESSON',
  'PARTY_DAY',
]);
export type MeetingType = z.infer<typeof MeetingTypeSchema>;
export const MEETING_TYPE_LABELS: Record<MeetingType, string> = {
  PARTY_MEMBERS_MEETING: '支部党员大会',
  BRANCH_COMMITTEE: '支委会',
  DEMOCRATIC_LIFE: '民主生活会',
  ORGANISATIONAL_LIFE: '组织生活会',
  SECRETARIES_MEETING: '书记会议',
  LEADING_GROUP_MEETING: '党组会',
  COMMITTEE_MEETING: '党委会',
  CENTRAL_GROUP_STUDY: '中心组学习',
  THEMATIC_MEETING: '专题会',
  PROGRESS_MEETING: '推进会',
  DISPATCH_MEETING: '调度会',
  REGULAR_WORK_MEETING: '工作例会',
  BRIEFING_MEETING: '碰头会',
  GROUP_STUDY: '集中学习',
  THREE_MEETINGS_ONE_LESSON: '三会一课',
  PARTY_DAY: '党员活动日',
};

/**
 * The reviewer as recorded on the form. `personId` is null only for the tenant's top secretary's
 * reviewer, an upper leader outside the tenant whom the admin names (DOMAIN §2).
 */
export const ReviewerSchema = z.object({
  personId: z.nullable(IdSchema),
  name: z.string().check(z.minLength(1), z.maxLength(NAME_MAX)),
  unitAndPost: text(100),
});
export type Reviewer = z.infer<typeof ReviewerSchema>;

/** One state change kept for the audit trail (reopen reasons, send-back reasons). */
export const TransitionRecordSchema = z.object({
  event: z.string().check(z.minLength(1), z.maxLength(32)),
  from: z.string().check(z.minLength(1), z.maxLength(32)),
  to: z.string().check(z.minLength(1), z.maxLength(32)),
  at: InstantSchema,
  by: IdSchema,
  reason: z.optional(text(500)),
});
export type TransitionRecord = z.infer<typeof TransitionRecordSchema>;

export const ReviewStatusSchema = z.enum(['DRAFT', 'SUBMITTED', 'PUBLISHED']);
export type ReviewStatus = z.infer<typeof ReviewStatusSchema>;

/** A template aspect's text as written by the reviewer. */
export const AspectEntrySchema = z.object({ key: z.string().check(z.minLength(1), z.maxLength(40)), text: text(SECTION_MAX) });
export type AspectEntry = z.infer<typeof AspectEntrySchema>;

/**
 * 整改要求. `requirement` is always written (DOMAIN §4: every review records it); `required` means a
 * tracked rectification is opened and the target must reply in writing, so it needs a `deadline`.
 * `imposed` is 责令限期整改 for a weak target [002][004] and implies `required`.
 */
export const RectificationRequirementSchema = z
  .object({
    required: z.boolean(),
    requirement: text(1000),
    deadline: z.nullable(cstDate('整改期限')),
    imposed: z.boolean(),
  })
  .check(z.refine((r) => !r.imposed || r.required, { message: '限期整改必须要求整改', path: ['imposed'] }));
export type RectificationRequirement = z.infer<typeof RectificationRequirementSchema>;

/** Template field names the completeness check and forms speak of. */
export const ReviewSectionSchema = z.enum(['achievements', 'problems', 'direction']);
export type ReviewSection = z.infer<typeof ReviewSectionSchema>;

export const TemplateAspectSchema = z.object({
  key: z.string().check(z.minLength(1), z.maxLength(40)),
  title: nameText(100),
  hint: text(500),
  /** When set, the aspect is written in these structured sections rather than in its own text. */
  filledBy: z.optional(z.array(ReviewSectionSchema)),
});
export type TemplateAspect = z.infer<typeof TemplateAspectSchema>;

/** An aspect template per campaign and target kind (DOMAIN §4). */
export const ReviewTemplateSchema = z.object({
  id: IdSchema,
  targetKind: TargetKindSchema,
  name: nameText(100),
  aspects: z.array(TemplateAspectSchema).check(
    z.minLength(1),
    z.maxLength(12),
    z.refine((aspects) => new Set(aspects.map((a) => a.key)).size === aspects.length, { message: '点评要点：编号有重复，每个要点的编号须不同' }),
  ),
});
export type ReviewTemplate = z.infer<typeof ReviewTemplateSchema>;

/** 点评 as stored. `privateNotes` is the reviewer's own and never leaves the reviewer's side. */
export const ReviewSchema = z
  .object({
    id: IdSchema,
    tenantId: IdSchema,
    campaignId: IdSchema,
    cycleKey: z.string().check(z.minLength(1), z.maxLength(32)),
    sessionId: z.nullable(IdSchema),
    rule: z.nullable(ReviewRuleSchema),
    reviewer: ReviewerSchema,
    /** 录入人: who entered a review given by someone who does not use the app; absent when the reviewer entered it. */
    enteredBy: z.optional(z.nullable(z.object({ id: IdSchema, name: z.string().check(z.minLength(1), z.maxLength(NAME_MAX)) }))),
    /** A review allowed but not required (the outflow secretary's home visit): never counted for coverage. */
    additional: z.optional(z.boolean()),
    /** How to review this member [001]: an intern remotely, an elderly member flexibly; kept from the plan. */
    hint: z.optional(ReviewHintSchema),
    target: TargetRefSchema,
    mode: ReviewModeSchema,
    meetingType: z.nullable(MeetingTypeSchema),
    topic: z.nullable(text(100)),
    place: text(PLACE_MAX),
    reviewedAt: InstantSchema,
    templateId: IdSchema,
    aspects: z.array(AspectEntrySchema).check(z.maxLength(12)),
    achievements: text(SECTION_MAX),
    problems: text(SECTION_MAX),
    direction: text(SECTION_MAX),
    rectification: RectificationRequirementSchema,
    exemplary: z.boolean(),
    exemplaryNote: text(500),
    privateNotes: text(SECTION_MAX),
    status: ReviewStatusSchema,
    submittedAt: z.nullable(InstantSchema),
    publishedAt: z.nullable(InstantSchema),
    history: z.array(TransitionRecordSchema).check(z.maxLength(200)),
    version: VersionSchema,
    createdAt: InstantSchema,
    updatedAt: InstantSchema,
  })
  .check(
    z.refine((r) => (r.mode === 'CENTRAL') === (r.meetingType !== null), {
      message: '集中点评须注明会议类型，其他方式不填会议类型',
      path: ['meetingType'],
    }),
    z.refine((r) => r.mode !== 'THEMATIC' || (r.topic !== null && r.topic.trim().length > 0), {
      message: '专题点评须注明专题名称',
      path: ['topic'],
    }),
    z.refine((r) => r.reviewer.personId === null || r.reviewer.personId !== r.target.personId, {
      message: '不能点评自己',
      path: ['target', 'personId'],
    }),
  );
export type Review = z.infer<typeof ReviewSchema>;
