/**
 * Sending due reminders, at most once per person per kind per day: each is claimed in the ledger
 * before the send (a second firing, or a retry, finds the claim and skips it), sent when the member
 * has a credit for its kind, and otherwise kept as an in-app reminder for 待办. A run stops at its
 * time budget; the next firing resumes where it stopped, because what was done is in the ledger.
 * OPINION_DUE rows are keyed and sealed and spend no recorded credit (docs/anonymity.md).
 */
import { isKeyedKind, reminderMessage, type ReminderKind } from '../../../miniprogram/core/domain/reminders';
import type { Db } from '../../api/src/frame/db';
import { claimReminder, clearCredit, personsByIds, releaseReminder, reminderId, remindersOn, settleReminder, spendCredit, subscriptionsOf } from '../../api/src/repositories/reminders';
import { anonymityKeyOrNull, keyedReminderId, sealValue } from '../../api/src/shared/anonymity';
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

/** One due reminder with its recipient and ledger id resolved. */
interface Ready {
  item: DueReminder;
  openid: string;
  id: string;
  keyed: boolean;
}

/** Sends (or keeps in-app) each due reminder not yet handled today, until `outOfTime()`. */
export async function sendDue(
  db: Db,
  due: readonly DueReminder[],
  options: { day: string; at: number; templateIds: Record<ReminderKind, string>; send: Send; outOfTime: () => boolean; key?: string | null },
): Promise<SendTally> {
  const key = options.key === undefined ? anonymityKeyOrNull() : options.key;
  const tally: SendTally = { due: due.length, sent: 0, inApp: 0, skipped: 0, retryLater: 0, more: false };
  const persons = await personsByIds(db, [...new Set(due.flatMap((d) => (d.personId && !d.openid ? [d.personId] : [])))]);
  const openidOf = new Map(persons.filter((p) => p.openid && !p.left).map((p) => [p._id, p.openid as string]));

  // Recipients and ledger ids. Keyed kinds (OPINION_DUE) get an HMAC id and go last, in the order of
  // their ids: interleaved with the others in person order, a row's place would tell whose it is.
  const ready: Ready[] = [];
  for (const item of due) {
    const openid = item.openid ?? (item.personId ? openidOf.get(item.personId) : undefined);
    const keyed = isKeyedKind(item.facts.kind);
    if (!openid || (keyed && !key)) {
      tally.skipped++;
      continue;
    }
    ready.push({ item, openid, keyed, id: keyed ? keyedReminderId(key as string, openid, item.facts.kind, options.day) : reminderId(openid, item.facts.kind, options.day) });
  }
  const order = (r: Ready) => (r.keyed ? `1|${r.id}` : `0|${r.item.personId ?? r.openid}|${r.item.facts.kind}`);
  ready.sort((a, b) => (order(a) < order(b) ? -1 : 1));

  const openids = [...new Set(ready.filter((r) => !r.keyed).map((r) => r.openid))];
  // What is already in the ledger today is skipped without a write: a resumed run costs no more than what is left.
  const [done, subscriptions] = await Promise.all([
    remindersOn(db, openids, options.day, ready.filter((r) => r.keyed).map((r) => r.id)),
    subscriptionsOf(db, [...new Set(ready.map((r) => r.openid))]),
  ]);
  const handled = new Set(done.map((r) => r._id));
  const credits = new Map(subscriptions.map((s) => [s._id, s.credits]));

  for (const { item, openid, id, keyed } of ready) {
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
    const status = hasCredit ? 'SENDING' : 'IN_APP';
    // A keyed row names nobody: no person, no openid, and its message and facts only sealed under the key.
    const row = keyed
      ? { personId: null, openid: null, page: '', text: '', sealed: sealValue(key as string, { page: message.page, text: message.text, facts: item.facts }) }
      : { personId: item.personId, openid, page: message.page, text: message.text, facts: item.facts };
    const claimed = await claimReminder(db, { _id: id, tenantId: item.tenantId, kind: message.kind, day: options.day, status, at: options.at, ...row });
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
      // A keyed kind's credit is not counted down here: a write to the member's subscription now would
      // tell who was reminded, so who had not given. The platform keeps the true count and says 43101.
      await Promise.all([settleReminder(db, id, 'SENT'), ...(keyed ? [] : [spendCredit(db, openid, message.kind)])]);
      tally.sent++;
    } catch (err) {
      if ((err as { errCode?: number }).errCode === NO_CREDIT) {
        // The platform holds no credit after all: stop trying this kind, and show it in the app instead.
        await Promise.all([settleReminder(db, id, 'IN_APP'), ...(keyed ? [] : [clearCredit(db, openid, message.kind)])]);
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
