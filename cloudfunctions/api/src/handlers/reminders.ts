/**
 * Subscriptions (issue 13): after a tap, the mini program asks `wx.requestSubscribeMessage` for ≤ 3
 * reminder templates and records here what the member accepted. Each accepted template is one send
 * credit, spent only by the `remind` function's send; the 消息提醒 page reads the state per kind.
 */
import { SubscriptionRecordInput, SubscriptionStateOutput } from '../../../../miniprogram/core/contracts/api/reminders';
import { EmptyInput } from '../../../../miniprogram/core/contracts/api/common';
import { REMINDER_KINDS, REMINDER_LABELS } from '../../../../miniprogram/core/domain/reminders';
import { mutation } from '../frame/uow';
import { COL } from '../repositories/collections';
import { getSubscription, type SubscriptionDoc } from '../repositories/reminders';
import { defineAction, tenantScope } from '../shared/scope';

/** The 消息提醒 view of a subscription document (nothing recorded yet: no credits, nothing refused). */
function stateOf(doc: Omit<SubscriptionDoc, '_id' | 'version'> | null) {
  return {
    mainSwitchOff: doc?.mainSwitchOff ?? false,
    kinds: REMINDER_KINDS.map((kind) => ({ kind, label: REMINDER_LABELS[kind], credits: Math.max(0, doc?.credits[kind] ?? 0), refused: doc?.refused[kind] ?? false })),
  };
}

export const reminderActions = {
  'subscription.record': defineAction({
    input: SubscriptionRecordInput,
    output: SubscriptionStateOutput,
    mutating: true,
    scope: tenantScope,
    run: async ({ db, input, caller, now }) => {
      const old = await getSubscription(db, caller.openid);
      const credits = { ...(old?.credits ?? {}) };
      const refused = { ...(old?.refused ?? {}) };
      for (const kind of input.accepted) {
        credits[kind] = Math.max(0, credits[kind] ?? 0) + 1;
        refused[kind] = false;
      }
      for (const kind of input.rejected) refused[kind] = true;
      const doc = { tenantId: caller.tenantId, credits, refused, mainSwitchOff: input.mainSwitchOff ?? false, updatedAt: now };
      // Versioned, so two taps recorded at once cannot lose one's credit.
      return mutation(stateOf(doc), [
        old
          ? { kind: 'update', collection: COL.subscriptions, id: caller.openid, expectedVersion: old.version, patch: doc }
          : { kind: 'create', collection: COL.subscriptions, id: caller.openid, doc },
      ]);
    },
  }),

  'subscription.get': defineAction({
    input: EmptyInput,
    output: SubscriptionStateOutput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, caller }) => stateOf(await getSubscription(db, caller.openid)),
  }),
};
