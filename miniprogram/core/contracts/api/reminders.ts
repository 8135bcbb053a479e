/** Inputs and replies of the subscription actions: what a member accepted of the reminder templates (issue 13). */
import * as z from 'zod/mini';
import { NUDGE_STATUSES, NUDGE_WHEN, REMINDER_KINDS } from '../../domain/reminders';
import { IdSchema, InstantSchema } from '../review';

export const ReminderKindSchema = z.enum(REMINDER_KINDS);

/**
 * What `wx.requestSubscribeMessage` answered after a tap: the kinds accepted (one send credit each)
 * and refused; `mainSwitchOff` when it failed with 20004 (the user's main switch is off).
 */
export const SubscriptionRecordInput = z.object({
  accepted: z.array(ReminderKindSchema).check(z.maxLength(3)),
  rejected: z.array(ReminderKindSchema).check(z.maxLength(3)),
  mainSwitchOff: z.optional(z.boolean()),
});

/** Per kind: the sends the member has left, and whether their last answer was a refusal. */
export const SubscriptionStateOutput = z.object({
  mainSwitchOff: z.boolean(),
  kinds: z.array(z.object({ kind: ReminderKindSchema, label: z.string(), credits: z.int(), refused: z.boolean() })),
});

/** 提醒未汇报的同志: the session whose targets who have not reported are reminded (汇报情况). */
export const SessionNudgeInput = z.object({ sessionId: IdSchema });

/**
 * What a nudge did: SCHEDULED (recorded; the `remind` timer sends at `sendsAt`), ALREADY (the session
 * was nudged for that day already: nothing more is sent) or NONE (everyone has reported); with how many
 * targets have not reported, the day the reminders go out and how to say when.
 */
export const SessionNudgeOutput = z.object({
  status: z.enum(NUDGE_STATUSES),
  notReported: z.int().check(z.gte(0)),
  day: z.nullable(z.string()),
  sendsAt: z.nullable(InstantSchema),
  when: z.nullable(z.enum(NUDGE_WHEN)),
});
