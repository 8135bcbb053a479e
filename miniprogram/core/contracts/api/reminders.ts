/** Inputs and replies of the subscription actions: what a member accepted of the reminder templates (issue 13). */
import * as z from 'zod/mini';
import { REMINDER_KINDS } from '../../domain/reminders';

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
