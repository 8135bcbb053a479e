/**
 * Sending due reminders, at most once per person per kind per day: each is claimed in the ledger
 * before the send (a second firing, or a retry, finds the claim and skips it), sent when the member
 * has a credit for its kind, and otherwise kept as an in-app reminder for 待办. A run stops at its
 * time budget; the next firing resumes where it stopped, because what was done is in the ledger.
 * A claim whose run died before settling it is taken over after CLAIM_LEASE_MS: sent on that day's next
 * firing, or kept in-app once its day is past. OPINION_DUE rows are keyed and sealed, spend no recorded
 * credit, and are all written the same way whatever happens to them (docs/anonymity.md).
 */
import { isKeyedKind, reminderMessage, type ReminderFacts, type ReminderKind } from '../../../miniprogram/core/domain/reminders';
import { anonymityKeyOrNull, claimReminder, claimReminders, clearCredit, keyedReminderId, personsByIds, releaseReminder, reminderId, remindersOn, sealValue, settleReminder, settleReminders, spendCredit, spendCredits, staleClaims, subscriptionsOf, takeOverClaim, unsealValue, type Db, type ReminderDoc, type SealedReminder, type SubscriptionDoc } from '../../api/src/kernel';
import type { DueReminder } from '../../../miniprogram/core/domain/owed';

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
  /** Abandoned claims taken over and settled (sent, or kept in-app). */
  recovered: number;
  /** True when the time budget ran out before every due reminder was handled. */
  more: boolean;
}

/** The platform's "no credit" answer: the member has no send left for this template (or refused it since). */
const NO_CREDIT = 43101;

/**
 * A claim still SENDING this long after it was made was abandoned (the function was killed between
 * claim and settle). Well over the function's 60 s timeout, so a live run's claim is never taken; under
 * the timer's 10-minute period, so the next firing recovers it.
 */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** One due reminder with its recipient and ledger id resolved. */
interface Ready {
  item: DueReminder;
  openid: string;
  id: string;
  keyed: boolean;
}

type Options = { day: string; at: number; templateIds: Record<ReminderKind, string>; send: Send; outOfTime: () => boolean; key?: string | null };

/** How one attempt ended: sent, kept in-app, or to be tried again by a later run. */
type Outcome = 'SENT' | 'IN_APP' | 'RETRY';

/**
 * Sends one claimed reminder and records how it ended. A keyed row always ends with the same one write
 * (SEALED, outcome inside), and never touches the member's subscription: a write that differed with the
 * outcome would tell who holds a credit and so who had not given. For the same reason a keyed send that
 * fails for another reason falls back to 待办 instead of being given back for a retry.
 */
async function deliverClaimed(db: Db, r: { id: string; openid: string; keyed: boolean; facts: ReminderFacts; hasCredit: boolean }, options: Options, key: string | null): Promise<Outcome> {
  const message = reminderMessage(r.facts);
  let outcome: Outcome = 'IN_APP';
  if (r.hasCredit) {
    try {
      await options.send({ touser: r.openid, templateId: options.templateIds[message.kind], page: message.page, data: message.data });
      outcome = 'SENT';
    } catch (err) {
      // 43101: the platform holds no credit after all; show it in the app. Anything else: retry later (plain rows only).
      const noCredit = (err as { errCode?: number }).errCode === NO_CREDIT;
      outcome = noCredit || r.keyed ? 'IN_APP' : 'RETRY';
      if (noCredit && !r.keyed) await clearCredit(db, r.openid, message.kind);
    }
  }
  if (r.keyed) {
    const sealed: SealedReminder = { page: message.page, text: message.text, facts: r.facts, openid: r.openid, outcome: outcome === 'SENT' ? 'SENT' : 'IN_APP' };
    await settleReminder(db, r.id, 'SEALED', sealValue(key as string, sealed));
  } else if (outcome === 'RETRY') {
    // Give the claim back so a later run retries; the credit is kept.
    await releaseReminder(db, r.id);
  } else {
    await Promise.all([settleReminder(db, r.id, outcome), ...(outcome === 'SENT' ? [spendCredit(db, r.openid, message.kind)] : [])]);
  }
  return outcome;
}

/** Sends (or keeps in-app) each due reminder not yet handled today, until `outOfTime()`; first recovers abandoned claims. */
export async function sendDue(db: Db, due: readonly DueReminder[], options: Options): Promise<SendTally> {
  const key = options.key === undefined ? anonymityKeyOrNull() : options.key;
  const tally: SendTally = { due: due.length, sent: 0, inApp: 0, skipped: 0, retryLater: 0, recovered: 0, more: false };
  const count = (o: Outcome) => (o === 'SENT' ? tally.sent++ : o === 'IN_APP' ? tally.inApp++ : tally.retryLater++);
  await recoverClaims(db, options, key, tally, count);

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

  const todo = ready.filter((r) => {
    if (!handled.has(r.id)) return true;
    tally.skipped++;
    return false;
  });
  // Plain rows are claimed a part at a time with one batch add, and settled with one write per outcome and kind;
  // keyed rows, each sealed differently and all written alike, keep one claim and one settle each.
  const plain = todo.filter((r) => !r.keyed);
  for (let i = 0; i < plain.length; i += LEDGER_PART) {
    if (options.outOfTime()) {
      tally.more = true;
      return tally;
    }
    await sendPart(db, plain.slice(i, i + LEDGER_PART), credits, options, tally, count);
  }
  for (const { item, openid, id } of todo.filter((r) => r.keyed)) {
    if (options.outOfTime()) {
      tally.more = true;
      break;
    }
    const message = reminderMessage(item.facts);
    // A keyed row names nobody: no person, no openid, its message, recipient and outcome only sealed (and
    // padded), and it is claimed SENDING whether or not its member holds a credit.
    const row = { status: 'SENDING' as const, personId: null, openid: null, page: '', text: '', sealed: sealValue(key as string, { page: message.page, text: message.text, facts: item.facts, openid, outcome: null } satisfies SealedReminder) };
    const claimed = await claimReminder(db, { _id: id, tenantId: item.tenantId, kind: message.kind, day: options.day, at: options.at, ...row });
    if (!claimed) {
      tally.skipped++;
      continue;
    }
    const hasCredit = (credits.get(openid)?.[message.kind] ?? 0) > 0;
    count(await deliverClaimed(db, { id, openid, keyed: true, facts: item.facts, hasCredit }, options, key));
  }
  return tally;
}

/**
 * Plain ledger rows claimed per part: LEDGER_PART rows in one batch add (kept in-app at once when the member holds
 * no credit, SENDING otherwise), then the sends, then one write per outcome settling the part and one per kind
 * spending the credits: 19,000 reminders of which a quarter are sent are about 1,150 write requests instead of 28,500.
 */
export const LEDGER_PART = 50;

async function sendPart(db: Db, part: readonly Ready[], credits: Map<string, SubscriptionDoc['credits']>, options: Options, tally: SendTally, count: (o: Outcome) => void): Promise<void> {
  const rows = part.map(({ item, openid, id }) => {
    const message = reminderMessage(item.facts);
    const hasCredit = (credits.get(openid)?.[message.kind] ?? 0) > 0;
    const doc: ReminderDoc = { _id: id, tenantId: item.tenantId, kind: message.kind, day: options.day, at: options.at, status: hasCredit ? 'SENDING' : 'IN_APP', personId: item.personId, openid, page: message.page, text: message.text, facts: item.facts };
    return { doc, item, openid, hasCredit, message };
  });
  let claimed = rows;
  if (!(await claimReminders(db, rows.map((r) => r.doc)))) {
    // Another firing claimed some of these meanwhile: claim them one by one. Should the cloud have kept the rows
    // before the taken one, their claims fail here and those still SENDING are taken over after CLAIM_LEASE_MS.
    const one = await Promise.all(rows.map((r) => claimReminder(db, r.doc)));
    claimed = rows.filter((_r, i) => one[i]);
    tally.skipped += rows.length - claimed.length;
  }
  const sending = claimed.filter((r) => r.hasCredit);
  tally.inApp += claimed.length - sending.length;
  const settled: Record<'SENT' | 'IN_APP', string[]> = { SENT: [], IN_APP: [] };
  const spent = new Map<ReminderKind, string[]>();
  for (const r of sending) {
    try {
      await options.send({ touser: r.openid, templateId: options.templateIds[r.message.kind], page: r.message.page, data: r.message.data });
      settled.SENT.push(r.doc._id);
      spent.set(r.message.kind, [...(spent.get(r.message.kind) ?? []), r.openid]);
      count('SENT');
    } catch (err) {
      // 43101: the platform holds no credit after all; show it in the app. Anything else: give the claim back for a retry.
      if ((err as { errCode?: number }).errCode === NO_CREDIT) {
        await clearCredit(db, r.openid, r.message.kind);
        settled.IN_APP.push(r.doc._id);
        count('IN_APP');
      } else {
        await releaseReminder(db, r.doc._id);
        count('RETRY');
      }
    }
  }
  await Promise.all([
    ...(['SENT', 'IN_APP'] as const).filter((s) => settled[s].length).map((s) => settleReminders(db, settled[s], s)),
    ...[...spent].map(([kind, openids]) => spendCredits(db, openids, kind)),
  ]);
}

/**
 * Claims left SENDING by a run that died (older than the lease) are taken over, one firing each: a claim
 * of today is sent now when its member holds a credit, else kept in-app; one of an earlier day is kept
 * in-app (its day's reminder is past, and today's run reminds anew if the work is still open).
 */
async function recoverClaims(db: Db, options: Options, key: string | null, tally: SendTally, count: (o: Outcome) => void): Promise<void> {
  const stale = await staleClaims(db, options.at - CLAIM_LEASE_MS);
  const opened = stale.flatMap((row): Array<{ row: ReminderDoc; openid: string; facts: ReminderFacts }> => {
    if (row.sealed === undefined) return row.openid && row.facts ? [{ row, openid: row.openid, facts: row.facts as ReminderFacts }] : [];
    // A keyed claim can be recovered only with the key it was sealed under.
    const s = key ? (unsealValue(key, row.sealed) as SealedReminder | null) : null;
    return s?.openid ? [{ row, openid: s.openid, facts: s.facts }] : [];
  });
  if (!opened.length) return;
  const subscriptions = await subscriptionsOf(db, [...new Set(opened.map((o) => o.openid))]);
  const credits = new Map(subscriptions.map((s) => [s._id, s.credits]));
  for (const { row, openid, facts } of opened) {
    if (options.outOfTime()) {
      tally.more = true;
      return;
    }
    if (!(await takeOverClaim(db, row._id, row.at, options.at))) continue;
    const hasCredit = row.day === options.day && (credits.get(openid)?.[row.kind] ?? 0) > 0;
    count(await deliverClaimed(db, { id: row._id, openid, keyed: row.sealed !== undefined, facts, hasCredit }, options, key));
    tally.recovered++;
  }
}
