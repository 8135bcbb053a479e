/**
 * Sending due reminders, at most once per person per kind per day: each is claimed in the ledger
 * before the send (a second firing, or a retry, finds the claim and skips it), sent when the member
 * has a credit for its kind, and otherwise kept as an in-app reminder for 待办. A run stops at its
 * time budget; the next firing resumes where it stopped, because what was done is in the ledger.
 */
import { reminderMessage, type ReminderKind } from '../../../miniprogram/core/domain/reminders';
import type { Db } from '../../api/src/frame/db';
import { claimReminder, clearCredit, personsByIds, releaseReminder, reminderId, remindersOn, settleReminder, spendCredit, subscriptionsOf } from '../../api/src/repositories/reminders';
import type { DueReminder } from './due';

/** What the platform's subscribeMessage.send is given. */
export interface SendRequest {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

/** subscribeMessage.send; rejects with `{ errCode }` as wx-server-sdk does. */
export type Send = (request: SendRequest) => Promise<unknown>;

/** Tally of one run. */
export interface SendTally {
  due: number;
  sent: number;
  inApp: number;
  skipped: number;
  retryLater: number;
  /** True when the time budget ran out before every due reminder was handled. */
  more: boolean;
}

/** The platform's "no credit" answer: the member has no send left for this template (or refused it since). */
const NO_CREDIT = 43101;

/** Sends (or keeps in-app) each due reminder not yet handled today, until `outOfTime()`. */
export async function sendDue(db: Db, due: readonly DueReminder[], options: { day: string; at: number; templateIds: Record<ReminderKind, string>; send: Send; outOfTime: () => boolean }): Promise<SendTally> {
  const tally: SendTally = { due: due.length, sent: 0, inApp: 0, skipped: 0, retryLater: 0, more: false };
  const persons = await personsByIds(db, [...new Set(due.map((d) => d.personId))]);
  const openidOf = new Map(persons.filter((p) => p.openid && !p.left).map((p) => [p._id, p.openid as string]));
  const openids = [...new Set(openidOf.values())];
  // What is already in the ledger today is skipped without a write: a resumed run costs no more than what is left.
  const [done, subscriptions] = await Promise.all([remindersOn(db, openids, options.day), subscriptionsOf(db, openids)]);
  const handled = new Set(done.map((r) => r._id));
  const credits = new Map(subscriptions.map((s) => [s._id, s.credits]));

  // A stable order, so slices of a long run walk the same list.
  const ordered = [...due].sort((a, b) => (a.personId + a.facts.kind < b.personId + b.facts.kind ? -1 : 1));
  for (const item of ordered) {
    const openid = openidOf.get(item.personId);
    if (!openid) {
      tally.skipped++;
      continue;
    }
    const id = reminderId(openid, item.facts.kind, options.day);
    if (handled.has(id)) {
      tally.skipped++;
      continue;
    }
    if (options.outOfTime()) {
      tally.more = true;
      break;
    }
    const message = reminderMessage(item.facts);
    const hasCredit = (credits.get(openid)?.[message.kind] ?? 0) > 0;
    const claimed = await claimReminder(db, { _id: id, tenantId: item.tenantId, personId: item.personId, openid, kind: message.kind, day: options.day, status: hasCredit ? 'SENDING' : 'IN_APP', page: message.page, text: message.text, at: options.at });
    if (!claimed) {
      tally.skipped++;
      continue;
    }
    if (!hasCredit) {
      tally.inApp++;
      continue;
    }
    try {
      await options.send({ touser: openid, templateId: options.templateIds[message.kind], page: message.page, data: message.data });
      await Promise.all([settleReminder(db, id, 'SENT'), spendCredit(db, openid, message.kind)]);
      tally.sent++;
    } catch (err) {
      if ((err as { errCode?: number }).errCode === NO_CREDIT) {
        // The platform holds no credit after all: stop trying this kind, and show it in the app instead.
        await Promise.all([settleReminder(db, id, 'IN_APP'), clearCredit(db, openid, message.kind)]);
        tally.inApp++;
      } else {
        // Anything else (a timeout, a platform hiccup): give the claim back so a later run retries; the credit is kept.
        await releaseReminder(db, id);
        tally.retryLater++;
      }
    }
  }
  return tally;
}
