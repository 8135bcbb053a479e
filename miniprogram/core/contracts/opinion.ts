/**
 * Opinion (征求意见) from members, masses' representatives and service recipients [001][003].
 *
 * Anonymity is structural: the stored shape of an anonymous opinion has no author field at all, so
 * nobody — reviewer and admins included — can learn who wrote it. The server must build the stored
 * document with `toStoredOpinion` (domain/visibility.ts) before writing; never store the submission as is.
 */
import * as z from 'zod/mini';
import { IdSchema, InstantSchema, NAME_MAX, TargetRefSchema, VersionSchema, nameText, requiredText, text } from './review';

export const OpinionStatusSchema = z.enum(['SUBMITTED', 'WITHDRAWN']);
export type OpinionStatus = z.infer<typeof OpinionStatusSchema>;

/** MEMBER: a party member; MASSES: 群众代表; SERVICE_RECIPIENT: 服务对象; UNIT: 主管部门/相关单位 [003]. */
export const OpinionGiverKindSchema = z.enum(['MEMBER', 'MASSES', 'SERVICE_RECIPIENT', 'UNIT']);
export type OpinionGiverKind = z.infer<typeof OpinionGiverKindSchema>;

/** 座谈会, 征求意见表, 意见函, or typed into the mini program. */
export const OpinionChannelSchema = z.enum(['MEETING', 'FORM', 'LETTER', 'ONLINE']);
export type OpinionChannel = z.infer<typeof OpinionChannelSchema>;

/** What a giver (or the organiser on a representative's behalf) sends. The caller is known to the server. */
export const OpinionSubmissionSchema = z.object({
  sessionId: IdSchema,
  target: TargetRefSchema,
  giverKind: OpinionGiverKindSchema,
  channel: OpinionChannelSchema,
  content: requiredText(2000),
  anonymous: z.boolean(),
  /** Only for a named non-member whose opinion the organiser enters (e.g. 群众代表 at a meeting). */
  giverName: z.optional(nameText(NAME_MAX)),
});
export type OpinionSubmission = z.infer<typeof OpinionSubmissionSchema>;

const storedBase = {
  id: IdSchema,
  tenantId: IdSchema,
  sessionId: IdSchema,
  target: TargetRefSchema,
  giverKind: OpinionGiverKindSchema,
  channel: OpinionChannelSchema,
  content: text(2000),
  status: OpinionStatusSchema,
  /** Day granularity (CST midnight) for anonymous opinions so timing does not point at the giver. */
  submittedAt: InstantSchema,
  withdrawnAt: z.nullable(InstantSchema),
  version: VersionSchema,
};

/** Strict: an anonymous stored opinion that carries any author field fails to parse. */
export const AnonymousStoredOpinionSchema = z.strictObject({
  ...storedBase,
  anonymous: z.literal(true),
  /**
   * Hash of a random secret returned once to the giver's device so it alone can withdraw. The server
   * must draw the secret at random; never derive it from openid or person id (that would re-identify).
   */
  withdrawKeyHash: z.nullable(z.string().check(z.minLength(16), z.maxLength(128))),
  /** 录入人: set only when a reviewer or organiser typed in a representative's opinion (never for a member's own). */
  enteredByName: z.optional(z.string().check(z.minLength(1), z.maxLength(NAME_MAX))),
});

export const NamedStoredOpinionSchema = z.strictObject({
  ...storedBase,
  anonymous: z.literal(false),
  /** The giver's person id; null for a non-member without an account. */
  authorId: z.nullable(IdSchema),
  authorName: z.string().check(z.minLength(1), z.maxLength(NAME_MAX)),
  /** Who typed it in: the giver, or the organiser for a representative. */
  enteredById: IdSchema,
  /** 录入人: the enterer's name when it is not the giver, shown with the opinion. */
  enteredByName: z.optional(z.string().check(z.minLength(1), z.maxLength(NAME_MAX))),
});

export const StoredOpinionSchema = z.discriminatedUnion('anonymous', [AnonymousStoredOpinionSchema, NamedStoredOpinionSchema]);
export type StoredOpinion = z.infer<typeof StoredOpinionSchema>;
export type AnonymousStoredOpinion = z.infer<typeof AnonymousStoredOpinionSchema>;
export type NamedStoredOpinion = z.infer<typeof NamedStoredOpinionSchema>;

/**
 * What a giver is told before choosing to be anonymous — shown word for word by every screen that offers
 * it. docs/anonymity.md fixes this text: it must stay true to what is stored (no name or WeChat identity
 * with the opinion, day-granular times, a device-held key, the threshold) and say what cannot be hidden
 * (the content check sends the text with the sender's WeChat identity to WeChat).
 */
export const ANONYMITY_NOTICE =
  '匿名提交时，意见里不保存您的姓名和微信身份，点评人、书记、管理员和数据库管理者都无法从系统数据知道意见是谁提的；提交和撤回时间只记到日期；同一对象收到的匿名意见不足规定人数（一般为 3 人）时暂不显示，显示时顺序打乱。请注意：为审核内容是否合规，提交时微信会收到意见文字和您的微信身份；意见内容本身若能看出是谁写的，系统无法替您隐藏。每个对象只能提一条意见，撤回或修改只能在本手机上进行，次日起生效。';

/**
 * The one line a giver reads before the full notice (issue 22): the whole of ANONYMITY_NOTICE is one tap
 * away (「了解更多」), so a 60-year-old at the largest text is not met by a 15-line paragraph.
 */
export const ANONYMITY_NOTICE_SHORT = '匿名提交，点评人看不到您是谁';

/**
 * What a reader is told of a target's anonymous opinions that are not shown: how many stood this morning
 * while fewer than the threshold, or (none standing) that they show once enough answered and from the next
 * day, which is true whether or not one arrived today and so says nothing of when one did.
 */
export function anonymityPendingText(threshold: number, received: number): string {
  return received > 0 ? `已收到 ${received} 条，满 ${threshold} 人后显示` : `匿名意见满 ${threshold} 人后显示，当天提交的次日起显示`;
}
