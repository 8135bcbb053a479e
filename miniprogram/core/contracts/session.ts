/** ReviewSession (发起点评): one reviewer, one mode, one or many targets (a meeting reviews many at once). */
import * as z from 'zod/mini';
import {
  CstDateSchema,
  IdSchema,
  InstantSchema,
  MeetingTypeSchema,
  PLACE_MAX,
  ReviewModeSchema,
  TargetKindSchema,
  TargetRefSchema,
  VersionSchema,
  text,
} from './review';

/** The algorithm tag stored with a sample so an audit re-runs exactly the same draw. */
export const SAMPLE_ALGORITHM = 'xmur3-mulberry32-fisher-yates-v1';

/** 随机点评: the stored seed and stated population from which the targets were drawn. */
export const RandomSampleSchema = z
  .object({
    algorithm: z.literal(SAMPLE_ALGORITHM),
    seed: z.string().check(z.minLength(1), z.maxLength(128)),
    targetKind: TargetKindSchema,
    population: z.array(IdSchema).check(z.minLength(1), z.maxLength(5000)),
    size: z.int().check(z.gte(1)),
  })
  .check(
    z.refine((s) => s.size <= s.population.length, { message: '抽样数量不能超过总数', path: ['size'] }),
    z.refine((s) => new Set(s.population).size === s.population.length, { message: '抽样总体有重复', path: ['population'] }),
  );
export type RandomSample = z.infer<typeof RandomSampleSchema>;

export const ReviewSessionSchema = z
  .object({
    id: IdSchema,
    tenantId: IdSchema,
    campaignId: IdSchema,
    cycleKey: z.string().check(z.minLength(1), z.maxLength(32)),
    /** The reviewer (a person of the tenant), or null for the tenant's named outside reviewer; the session's creator is `organiserId`. */
    reviewerId: z.nullable(IdSchema),
    organiserId: IdSchema,
    mode: ReviewModeSchema,
    meetingType: z.nullable(MeetingTypeSchema),
    topic: z.nullable(text(100)),
    targets: z.array(TargetRefSchema).check(z.minLength(1), z.maxLength(500)),
    randomSample: z.nullable(RandomSampleSchema),
    date: CstDateSchema,
    place: text(PLACE_MAX),
    /** Reports (汇报) are due by the end of this CST day. */
    reportDeadline: z.nullable(CstDateSchema),
    /** Opinions (征求意见) are accepted until the end of this CST day. */
    opinionDeadline: z.nullable(CstDateSchema),
    /** When true every opinion in this session is stored anonymously, whatever the giver chose. */
    opinionsAnonymous: z.boolean(),
    /** The campaign's anonymity threshold when the session opened (absent on older sessions: the default). */
    anonymityThreshold: z.optional(z.int().check(z.gte(1), z.lte(50))),
    /** Show anonymous opinions after the opinion deadline even when fewer than the threshold answered. */
    revealOpinionsAfterDeadline: z.optional(z.boolean()),
    /** When its reviews were first published: opinions are closed from then on (absent until published). */
    publishedAt: z.optional(InstantSchema),
    version: VersionSchema,
    createdAt: InstantSchema,
    updatedAt: InstantSchema,
  })
  .check(
    z.refine((s) => (s.mode === 'CENTRAL') === (s.meetingType !== null), {
      message: '集中点评须注明会议类型，其他方式不填会议类型',
      path: ['meetingType'],
    }),
    z.refine((s) => s.mode !== 'THEMATIC' || (s.topic !== null && s.topic.trim().length > 0), {
      message: '专题点评须注明专题名称',
      path: ['topic'],
    }),
    z.refine((s) => (s.mode === 'RANDOM') === (s.randomSample !== null), {
      message: '随机点评须保存抽样种子和总体，其他方式不填',
      path: ['randomSample'],
    }),
    z.refine((s) => s.reviewerId === null || s.targets.every((t) => t.personId !== s.reviewerId), {
      message: '不能点评自己',
      path: ['targets'],
    }),
    z.refine((s) => new Set(s.targets.map((t) => `${t.kind}:${t.personId ?? t.orgId}`)).size === s.targets.length, {
      message: '点评对象重复',
      path: ['targets'],
    }),
  );
export type ReviewSession = z.infer<typeof ReviewSessionSchema>;
