/**
 * Campaign (创先争优活动) settings that drive cycles and deadlines (DOMAIN §3), and the stored
 * snapshot of a progress report (DOMAIN §7, [003 附件1]) that the next report adds to.
 */
import * as z from 'zod/mini';
import { CstDateSchema, IdSchema, InstantSchema, nameText, ReviewRuleSchema, type ReviewRule } from './review';

/** How often a rule's reviews fall due: a calendar period, or each of the campaign's named stages [002]. */
export const FrequencySchema = z.enum(['MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY', 'STAGE']);
export type Frequency = z.infer<typeof FrequencySchema>;

export const FREQUENCY_LABELS: Record<Frequency, string> = {
  MONTHLY: '每月',
  QUARTERLY: '每季度',
  HALF_YEARLY: '每半年',
  YEARLY: '每年',
  STAGE: '每阶段',
};

/** The most stages a campaign may name: seed 002's campaign has a handful; a dozen is a month each. */
export const STAGES_MAX = 12;

/**
 * A campaign stage [002] (「领导点评原则上每阶段一次」): a named period with its own due date, the cycle of the
 * rules set to 每阶段. Its cycle key is `<start year>-S<n>`, n counting the stages from 1.
 */
export const CampaignStageSchema = z.object({
  name: nameText(20),
  start: CstDateSchema,
  end: CstDateSchema,
  /** The stage's reviews are due by the end of this day; its last day when absent. */
  due: z.optional(CstDateSchema),
});
export type CampaignStage = z.infer<typeof CampaignStageSchema>;

/** DOMAIN §3 defaults: half-yearly for R2–R5 and R7 [000][003], quarterly for R1/R6 [001]. */
export const DEFAULT_FREQUENCIES: Record<ReviewRule, Frequency> = {
  R1: 'QUARTERLY',
  R2: 'HALF_YEARLY',
  R3: 'HALF_YEARLY',
  R4: 'HALF_YEARLY',
  R5: 'HALF_YEARLY',
  R6: 'QUARTERLY',
  R7: 'HALF_YEARLY',
};

/** A cycle key: `2026`, `2026-H1`, `2026-Q2`, `2026-04`, or a stage's `2026-S2` (its start year, its place). */
export const CycleKeySchema = z.string().check(z.regex(/^\d{4}(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2])|-S([1-9]|1[0-2]))?$/));

/** DOMAIN §6.2: anonymous opinions on a target are shown once at least this many givers answered. */
export const DEFAULT_ANONYMITY_THRESHOLD = 3;
/** The anonymity threshold a campaign may set (1 shows every opinion at once; the default is 3). */
export const AnonymityThresholdSchema = z.int({ error: '匿名意见显示人数：请填写 1 到 50 之间的整数' }).check(
  z.gte(1, '匿名意见显示人数：请填写 1 到 50 之间的整数'),
  z.lte(50, '匿名意见显示人数：请填写 1 到 50 之间的整数'),
);

/**
 * Who a duty covers beyond the defaults (DOMAIN §2), each a campaign option in its seed's words; both
 * off unless the campaign says so, as the other seeds name the org and its secretary only.
 */
export const CoverageOptionsSchema = z.object({
  /** [004] 党委班子成员负责对联系点的党组织及班子成员进行点评: R5 also reviews the liaison org's 班子成员. */
  liaisonCommittee: z.optional(z.boolean()),
  /** [003] 总局党组协助地方党委，对各直属检验检疫局党组及其负责人…进行点评: R7 also reviews the assisted org's 负责人. */
  assistedLeader: z.optional(z.boolean()),
  /** [002] 领导小组成员负责对…所属党小组进行点评: R2 also reviews each 党小组 under a 党支部 as an organisation. */
  groups: z.optional(z.boolean()),
});
export type CoverageOptions = z.infer<typeof CoverageOptionsSchema>;

/** The options as the office reads them: the seeds' own words. */
export const COVERAGE_OPTION_LABELS: Record<keyof CoverageOptions, string> = {
  liaisonCommittee: '联系领导对联系点的党组织及班子成员进行点评',
  assistedLeader: '协助点评被协助的党组织及其负责人',
  groups: '对所属党小组进行点评',
};

export const CampaignSchema = z
  .object({
    id: IdSchema,
    tenantId: IdSchema,
    name: z.string().check(z.minLength(1), z.maxLength(100)),
    /** First and last day of the campaign, CST calendar dates, both inclusive. */
    start: CstDateSchema,
    end: CstDateSchema,
    /** Per-rule frequency; a rule left out takes DEFAULT_FREQUENCIES. */
    frequencies: z.optional(z.partialRecord(ReviewRuleSchema, FrequencySchema)),
    /** A cycle's due date when it is not the cycle's last day, e.g. `{ '2010-H2': '2011-01-28' }` [000]. */
    cycleDueDates: z.optional(z.record(CycleKeySchema, CstDateSchema)),
    /** Days by which units send the progress report upwards (e.g. 1月28日 [000], 10月15日 [001]). */
    reportDeadlines: z.optional(z.array(CstDateSchema)),
    /** Anonymous opinions on a target stay hidden until this many givers answered (default 3). */
    anonymityThreshold: z.optional(AnonymityThresholdSchema),
    /** Who the liaison (R5) and assistance (R7) duties cover beyond the org and its secretary. */
    coverage: z.optional(CoverageOptionsSchema),
    /** Named stages [002], in order, the cycles of the rules set to 每阶段. */
    stages: z.optional(z.array(CampaignStageSchema).check(z.maxLength(STAGES_MAX, `活动阶段最多${STAGES_MAX}个`))),
  })
  .check(
    z.refine((c) => c.start <= c.end, { message: '活动结束日期不能早于开始日期', path: ['end'] }),
    z.superRefine((c, ctx) => {
      for (const issue of stageIssues(c)) ctx.addIssue({ code: 'custom', input: c, ...issue });
    }),
  );
export type Campaign = z.infer<typeof CampaignSchema>;

/**
 * What is wrong with a campaign's stages, each beside its field: a stage must lie in the campaign, end on
 * or after its start, be due on or after its start, and begin after the one before ends; a rule set to
 * 每阶段 needs at least one stage.
 */
export function stageIssues(c: {
  start: string;
  end: string;
  stages?: CampaignStage[];
  frequencies?: Partial<Record<ReviewRule, Frequency>>;
}): Array<{ path: Array<string | number>; message: string }> {
  const stages = c.stages ?? [];
  const out: Array<{ path: Array<string | number>; message: string }> = [];
  const staged = Object.entries(c.frequencies ?? {}).filter(([, f]) => f === 'STAGE');
  if (staged.length && !stages.length) out.push({ path: ['stages'], message: '点评频次选了「每阶段」，请先添加活动阶段' });
  stages.forEach((s, i) => {
    const at = (field: string, message: string) => out.push({ path: ['stages', i, field], message: `第${i + 1}阶段：${message}` });
    if (s.start < c.start || s.end > c.end) at('start', '阶段日期须在活动期内');
    if (s.end < s.start) at('end', '阶段结束日期不能早于开始日期');
    if (s.due !== undefined && s.due < s.start) at('due', '阶段截止日期不能早于开始日期');
    if (i > 0 && s.start <= stages[i - 1].end) at('start', '须在上一阶段结束之后开始');
  });
  return out;
}

/** Leaders, orgs and members — the three columns of the progress report. */
export const CountsSchema = z.object({
  leaders: z.int().check(z.gte(0)),
  orgs: z.int().check(z.gte(0)),
  members: z.int().check(z.gte(0)),
});
export type Counts = z.infer<typeof CountsSchema>;

/**
 * What the next progress report needs from this one: when it was taken and each org's OWN
 * cumulative counts (not rolled up, so that moving an org between reports keeps the sums right).
 */
export const ProgressSnapshotSchema = z.object({
  tenantId: IdSchema,
  campaignId: IdSchema,
  asOf: InstantSchema,
  ownCumulative: z.record(IdSchema, CountsSchema),
});
export type ProgressSnapshot = z.infer<typeof ProgressSnapshotSchema>;
