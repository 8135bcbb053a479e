/**
 * The session card in the group chat (docs/updatable-card.md): the stored card, what `session.card` answers
 * and what the page hands to `wx.updateShareMenu({ isUpdatableMessage, activityId, templateInfo })`.
 */
import * as z from 'zod/mini';
import { IdSchema, InstantSchema } from '../review';

/** A session's card as kept on the session: WeChat's activity, when it ends, the last state sent. */
export const SessionCardSchema = z.object({
  activityId: z.string().check(z.minLength(1)),
  expiresAt: InstantSchema,
  createdAt: InstantSchema,
  state: z.union([z.literal(0), z.literal(1)]),
});

/** wx.updateShareMenu's templateInfo: WeChat's template id and the state-0 parameters. */
export const CardTemplateInfoSchema = z.object({
  templateId: z.string(),
  parameterList: z.array(z.object({ name: z.enum(['member_count', 'room_limit']), value: z.string() })),
});

/** 发到微信群 with progress: the session whose card is shared. */
export const SessionCardInput = z.object({ sessionId: IdSchema });

/** The activity to share the card with, its end, and the template info for wx.updateShareMenu. */
export const SessionCardOutput = z.object({
  activityId: z.string(),
  expiresAt: InstantSchema,
  templateInfo: CardTemplateInfoSchema,
  /** True when a live card was handed out again rather than made anew. */
  reused: z.boolean(),
});
