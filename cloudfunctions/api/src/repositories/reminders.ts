/**
 * Reminders (issue 13): the members' subscription credits, the reminder ledger, and the due items the
 * `remind` function reads. Each query is keyed by what is due (a cycle, a deadline window), so a run's
 * round trips grow with the due items, never with the tenant.
 */
import * as z from 'zod/mini';
import { ReminderKindSchema } from '../../../../miniprogram/core/contracts/api/reminders';
import { IdSchema, InstantSchema } from '../../../../miniprogram/core/contracts/review';
import type { ReminderKind } from '../../../../miniprogram/core/domain/reminders';
import type { Db } from '../frame/db';
import { isDuplicateKey } from '../frame/uow';
import { COL } from './collections';
import { CampaignDoc, PersonDoc } from './docs';
import { CounterDoc, RequirementDoc } from './progress-docs';
import { getById, parseDoc } from './read';
import { findAll, PAGE } from './store';
import { OpinionSlotDoc, RectificationDoc, ReportDoc, SessionDoc } from './work-docs';
import { UserDoc } from './users';

export const SubscriptionDoc = z.object({
  _id: z.string(),
  version: z.int(),
  tenantId: z.nullable(IdSchema),
  credits: z.partialRecord(ReminderKindSchema, z.int()),
  refused: z.partialRecord(ReminderKindSchema, z.boolean()),
  mainSwitchOff: z.boolean(),
  updatedAt: InstantSchema,
});
export type SubscriptionDoc = z.infer<typeof SubscriptionDoc>;

/** SEALED: a keyed row's end, whatever it was (sent or kept in-app): the outcome is inside `sealed`. */
export const ReminderStatusSchema = z.enum(['SENDING', 'SENT', 'IN_APP', 'SEALED']);

/**
 * One ledger row: claimed before the send (so a second run skips it), then SENT or IN_APP (no credit:
 * shown on 待办). A keyed row (OPINION_DUE, docs/anonymity.md) has an HMAC id, no person, no openid,
 * empty page and text, and keeps its message, recipient and outcome only `sealed` under the anonymity
 * key; every keyed row is claimed SENDING and ends SEALED, so its status says nothing either.
 */
export const ReminderDoc = z.object({
  _id: z.string(),
  tenantId: IdSchema,
  personId: z.nullable(IdSchema),
  openid: z.nullable(z.string()),
  kind: ReminderKindSchema,
  day: z.string(),
  status: ReminderStatusSchema,
  page: z.string(),
  text: z.string(),
  /** What the reminder is about (absent on rows written before it was kept): home shows it only while that is open. */
  facts: z.optional(z.looseObject({ kind: ReminderKindSchema })),
  sealed: z.optional(z.string()),
  at: InstantSchema,
});
export type ReminderDoc = z.infer<typeof ReminderDoc>;

/**
 * A nudge (汇报情况's 提醒未汇报的同志): the session's targets who have not reported are reminded on
 * `day` as on a report-deadline reminder day. One per session and day; it names the session, never who.
 */
export const NudgeDoc = z.object({
  _id: z.string(),
  tenantId: IdSchema,
  campaignId: IdSchema,
  sessionId: IdSchema,
  /**
   * An org's nudge (the dashboard's 提醒未完成的, `sessionId` = `org:<orgId>`): the reviewers with open
   * required reviews of these cycles in the org's subtree are reminded on `day`.
   */
  orgId: z.optional(IdSchema),
  cycleKeys: z.optional(z.array(z.string())),
  day: z.string(),
  at: InstantSchema,
  /** Who nudged (a person id, or the admin's openid). */
  by: z.string(),
});
export type NudgeDoc = z.infer<typeof NudgeDoc>;

/** The nudge of a session for one day, keyed so that a second nudge that day finds the first. */
export const nudgeId = (sessionId: string, day: string) => `${sessionId}|${day}`;

/** A session's nudge for one day, if any (one read). */
export const getNudge = (db: Db, sessionId: string, day: string) => getById(db, COL.nudges, NudgeDoc, nudgeId(sessionId, day));

/** The key of an org's nudge in the nudges ledger: one per org and day. */
export const orgNudgeKey = (orgId: string) => `org:${orgId}`;

/** Every nudge (sessions' and orgs') of these campaigns for `day`: one read, shared by both kinds. */
export const nudgesOn = async (db: Db, campaignIds: readonly string[], day: string) =>
  campaignIds.length ? findAll(db, COL.nudges, NudgeDoc, { day, campaignId: db.command.in([...campaignIds]) }) : [];

/** Sessions of these campaigns nudged for `day`: one read for the nudges, one per 1,000 nudged sessions. */
export async function sessionsNudgedOn(db: Db, campaignIds: readonly string[], day: string, read?: readonly NudgeDoc[]): Promise<SessionDoc[]> {
  if (!campaignIds.length) return [];
  const nudges = read ?? (await nudgesOn(db, campaignIds, day));
  const ids = [...new Set(nudges.filter((n) => !n.orgId).map((n) => n.sessionId))];
  const pages = [];
  for (let i = 0; i < ids.length; i += 1000) pages.push(findAll(db, COL.sessions, SessionDoc, { _id: db.command.in(ids.slice(i, i + 1000)) }));
  return (await Promise.all(pages)).flat();
}

export const reminderId = (openid: string, kind: ReminderKind, day: string) => `${openid}|${kind}|${day}`;

export const getSubscription = (db: Db, openid: string) => getById(db, COL.subscriptions, SubscriptionDoc, openid);

/**
 * Claims a ledger row before sending: `add` with the row's `_id` fails for a second claimer, so two
 * firings at once (or a retry) send at most once. False when it was already claimed.
 */
export async function claimReminder(db: Db, doc: ReminderDoc): Promise<boolean> {
  try {
    const { _id, ...rest } = doc;
    await db.collection(COL.reminders).add({ data: { _id, ...rest } });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/**
 * Claims many ledger rows with one batch add: all or none (a taken `_id` fails the whole batch, as it does in
 * the cloud). False when one of them was already claimed: the caller then claims them one by one.
 */
export async function claimReminders(db: Db, docs: readonly ReminderDoc[]): Promise<boolean> {
  if (!docs.length) return true;
  try {
    await db.collection(COL.reminders).add({ data: docs.map((d) => ({ ...d })) });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** Settles many claimed plain rows that ended alike, with one write. */
export async function settleReminders(db: Db, ids: readonly string[], status: 'SENT' | 'IN_APP'): Promise<void> {
  await db.collection(COL.reminders).where({ _id: db.command.in([...ids]), status: 'SENDING' }).update({ data: { status } });
}

/** Spends one credit of a kind from each of these members (one send each went through), with one write. */
export async function spendCredits(db: Db, openids: readonly string[], kind: ReminderKind): Promise<void> {
  await db.collection(COL.subscriptions).where({ _id: db.command.in([...openids]) }).update({ data: { [`credits.${kind}`]: db.command.inc(-1), version: db.command.inc(1) } });
}

/** Records how a claimed reminder ended (a keyed row: SEALED with its outcome sealed anew). */
export async function settleReminder(db: Db, id: string, status: 'SENT' | 'IN_APP' | 'SEALED', sealed?: string): Promise<void> {
  await db.collection(COL.reminders).doc(id).update({ data: { status, ...(sealed === undefined ? {} : { sealed }) } });
}

/** Claims still SENDING that were made before `before`: their run died between claim and settle. */
export const staleClaims = (db: Db, before: number) => findAll(db, COL.reminders, ReminderDoc, { status: 'SENDING', at: db.command.lt(before) });

/**
 * Takes over an abandoned claim: moves its `at` on only if nobody else did since it was read, so of two
 * firings recovering it at once exactly one goes on. True when this caller now holds it.
 */
export async function takeOverClaim(db: Db, id: string, claimedAt: number, at: number): Promise<boolean> {
  const res = (await db.collection(COL.reminders).where({ _id: id, status: 'SENDING', at: claimedAt }).update({ data: { at } })) as { stats?: { updated?: number } };
  return (res.stats?.updated ?? 0) === 1;
}

/** Gives a claim back after a send failed for a reason other than the credit, so a later run retries it. */
export async function releaseReminder(db: Db, id: string): Promise<void> {
  await db.collection(COL.reminders).doc(id).remove();
}

/** Spends one credit of a kind after a send went through. */
export async function spendCredit(db: Db, openid: string, kind: ReminderKind): Promise<void> {
  // The version moves too, so a subscription.record read before this send conflicts instead of restoring the spent credit.
  await db.collection(COL.subscriptions).doc(openid).update({ data: { [`credits.${kind}`]: db.command.inc(-1), version: db.command.inc(1) } });
}

/** Clears a kind's credits: the platform said 43101 (no credit, or the member refused since). */
export async function clearCredit(db: Db, openid: string, kind: ReminderKind): Promise<void> {
  await db.collection(COL.subscriptions).doc(openid).update({ data: { [`credits.${kind}`]: 0, version: db.command.inc(1) } });
}

/** Subscription documents of these openids (one page of 1,000 per 1,000 recipients). */
export const subscriptionsOf = (db: Db, openids: readonly string[]) =>
  openids.length ? findAll(db, COL.subscriptions, SubscriptionDoc, { _id: db.command.in([...openids]) }) : Promise.resolve([]);

/** Ledger rows of these openids on one day, and the keyed rows of these ids (what was already done today). */
export async function remindersOn(db: Db, openids: readonly string[], day: string, keyedIds: readonly string[] = []): Promise<ReminderDoc[]> {
  const reads = openids.length ? [findAll(db, COL.reminders, ReminderDoc, { openid: db.command.in([...openids]), day })] : [];
  for (let i = 0; i < keyedIds.length; i += 1000) reads.push(findAll(db, COL.reminders, ReminderDoc, { _id: db.command.in(keyedIds.slice(i, i + 1000)) }));
  return (await Promise.all(reads)).flat();
}

/**
 * A member's in-app reminders from `sinceDay` on, by openid, and their own keyed rows by id (settled:
 * whether one was kept in-app is sealed inside it), newest first.
 */
export const inAppReminders = (db: Db, openid: string, sinceDay: string, keyedIds: readonly string[] = []) => {
  const _ = db.command;
  return findAll(
    db,
    COL.reminders,
    ReminderDoc,
    _.or([{ status: 'IN_APP', openid, day: _.gte(sinceDay) }, ...(keyedIds.length ? [{ _id: _.in([...keyedIds]), status: _.in(['IN_APP', 'SEALED']) }] : [])]),
    [['day', 'desc']],
  );
};

/** How long after its end a campaign still gets reminders (the year-end progress report is due after it, e.g. 1月28日). */
export const AFTER_END_DAYS = 45;

/** Campaigns of every tenant that have started by `today` and ended no more than AFTER_END_DAYS before it. */
export const runningCampaigns = (db: Db, today: string, endedSince: string) => findAll(db, COL.campaigns, CampaignDoc, { end: db.command.gte(endedSince), start: db.command.lte(today) });

/** Open required reviews with a reviewer in the tenant, of these cycles of a campaign. */
export const openRequirementsOfCycles = (db: Db, campaignId: string, cycleKeys: readonly string[]) =>
  cycleKeys.length ? findAll(db, COL.requirements, RequirementDoc, { campaignId, cycleKey: db.command.in([...cycleKeys]), done: false, reviewerId: db.command.neq(null) }) : Promise.resolve([]);

/** One reviewer's open required reviews of one cycle, as the database groups them. */
export const OpenReviewGroup = z.object({ reviewerId: IdSchema, cycleKey: z.string(), open: z.int() });
export type OpenReviewGroup = z.infer<typeof OpenReviewGroup>;
const AggregatedGroup = z.object({ _id: z.object({ reviewerId: IdSchema, cycleKey: z.string() }), open: z.int() });

/**
 * Open required reviews with a reviewer, of these cycles of a campaign, counted per reviewer and cycle by the
 * database's own grouping: one request per 1,000 groups (reviewers × due cycles), whatever the number of requirements.
 */
export async function openReviewsByReviewer(db: Db, campaignId: string, cycleKeys: readonly string[]): Promise<OpenReviewGroup[]> {
  if (!cycleKeys.length) return [];
  const _ = db.command;
  const out: OpenReviewGroup[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const res = (await db
      .collection(COL.requirements)
      .aggregate()
      .match({ campaignId, cycleKey: _.in([...cycleKeys]), done: false, reviewerId: _.neq(null), superseded: _.neq(true) })
      .group({ _id: { reviewerId: '$reviewerId', cycleKey: '$cycleKey' }, open: _.aggregate.sum(1) })
      // Without $limit the cloud answers 20 groups; sorted so that the pages neither repeat nor skip a group.
      .sort({ _id: 1 })
      .skip(skip)
      .limit(PAGE)
      .end()) as { list: unknown[] };
    for (const raw of res.list) {
      const g = parseDoc(AggregatedGroup, COL.requirements, raw);
      out.push({ reviewerId: g._id.reviewerId, cycleKey: g._id.cycleKey, open: g.open });
    }
    if (res.list.length < PAGE) return out;
  }
}

/** Groups kept per remindDays document (about 60 bytes each: far under a document's size limit). */
export const REMIND_DAY_PART = 2000;

/** Part of a reminder day's grouping of one campaign; part 0 also says how many parts there are and of which cycles. */
export const RemindDayDoc = z.object({
  _id: z.string(),
  campaignId: IdSchema,
  day: z.string(),
  part: z.int(),
  parts: z.int(),
  cycleKeys: z.array(z.string()),
  groups: z.array(OpenReviewGroup),
  at: InstantSchema,
});
export type RemindDayDoc = z.infer<typeof RemindDayDoc>;

const remindDayId = (campaignId: string, day: string, part: number) => `${campaignId}|${day}|${part}`;

/**
 * The day's open reviews per reviewer and cycle of a campaign: aggregated at the day's first firing and kept
 * (remindDays), so that the day's later firings, which resume the sending, read the kept parts (one read per
 * 2,000 reviewers) instead of grouping the requirements again. Part 0 is written last: a firing that died while
 * keeping them leaves no part 0, and the next firing aggregates anew. Earlier days' parts are removed then.
 */
export async function reviewDueOfDay(db: Db, campaignId: string, day: string, cycleKeys: readonly string[], at: number): Promise<OpenReviewGroup[]> {
  const first = await getById(db, COL.remindDays, RemindDayDoc, remindDayId(campaignId, day, 0));
  const same = first && first.cycleKeys.length === cycleKeys.length && first.cycleKeys.every((k) => cycleKeys.includes(k));
  if (first && same) {
    const ids = Array.from({ length: first.parts - 1 }, (_x, i) => remindDayId(campaignId, day, i + 1));
    const rest = ids.length ? await findAll(db, COL.remindDays, RemindDayDoc, { _id: db.command.in(ids) }) : [];
    if (rest.length === ids.length) return [first, ...rest.sort((a, b) => a.part - b.part)].flatMap((p) => p.groups);
  }
  const groups = await openReviewsByReviewer(db, campaignId, cycleKeys);
  const parts = Math.max(1, Math.ceil(groups.length / REMIND_DAY_PART));
  const doc = (part: number): RemindDayDoc => ({ _id: remindDayId(campaignId, day, part), campaignId, day, part, parts, cycleKeys: [...cycleKeys], groups: groups.slice(part * REMIND_DAY_PART, (part + 1) * REMIND_DAY_PART), at });
  const write = (d: RemindDayDoc) => {
    const { _id, ...rest } = d;
    return db.collection(COL.remindDays).doc(_id).set({ data: rest });
  };
  await Promise.all(Array.from({ length: parts - 1 }, (_x, i) => write(doc(i + 1))));
  await write(doc(0));
  // Earlier days' groups are never read again: one write a day keeps the collection at one day per campaign.
  await db.collection(COL.remindDays).where({ campaignId, day: db.command.lt(day) }).remove();
  return groups;
}

/** Rectifications not yet replied to, of these campaigns, due by `lastDay` or imposed (限期整改). */
export const dueRectifications = (db: Db, campaignIds: readonly string[], lastDay: string) => {
  const _ = db.command;
  return campaignIds.length
    ? findAll(db, COL.rectifications, RectificationDoc, _.and([{ campaignId: _.in([...campaignIds]), status: _.in(['REQUIRED', 'PLANNED']) }, _.or([{ deadline: _.lte(lastDay) }, { imposed: true }])]))
    : Promise.resolve([]);
};

/** Rectifications replied to and waiting for their reviewer's confirmation, of these campaigns. */
export const repliedRectifications = (db: Db, campaignIds: readonly string[]) =>
  campaignIds.length ? findAll(db, COL.rectifications, RectificationDoc, { campaignId: db.command.in([...campaignIds]), status: 'REPLIED' }) : Promise.resolve([]);

/** Sessions of these campaigns whose report deadline is one of `days`. */
export const sessionsWithReportDeadline = (db: Db, campaignIds: readonly string[], days: readonly string[]) =>
  campaignIds.length && days.length ? findAll(db, COL.sessions, SessionDoc, { campaignId: db.command.in([...campaignIds]), reportDeadline: db.command.in([...days]) }) : Promise.resolve([]);

/** Sessions of these campaigns whose last opinion day (the opinion deadline, else the session's date) is one of `days`. */
export const sessionsWithOpinionDeadline = (db: Db, campaignIds: readonly string[], days: readonly string[]) => {
  const _ = db.command;
  return campaignIds.length && days.length
    ? findAll(db, COL.sessions, SessionDoc, _.or([{ campaignId: _.in([...campaignIds]), opinionDeadline: _.in([...days]) }, { campaignId: _.in([...campaignIds]), opinionDeadline: null, date: _.in([...days]) }]))
    : Promise.resolve([]);
};

/** Bound roster people registered in these orgs of a tenant (who may be asked for opinions there). */
export const boundPersonsInOrgs = (db: Db, tenantId: string, orgIds: readonly string[]) =>
  orgIds.length ? findAll(db, COL.persons, PersonDoc, { tenantId, orgId: db.command.in([...orgIds]), openid: db.command.neq(null) }) : Promise.resolve([]);

/** The ids among these opinion slots that are taken (read in pages of 1,000 ids). */
export async function takenSlotIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const pages = [];
  for (let i = 0; i < ids.length; i += 1000) pages.push(findAll(db, COL.opinionSlots, OpinionSlotDoc, { _id: db.command.in(ids.slice(i, i + 1000)), taken: true }));
  return new Set((await Promise.all(pages)).flat().map((s) => s._id));
}

/** The office: openids of a tenant's administrators, whether on the roster (persons) or not (users only). */
export async function tenantAdmins(db: Db, tenantId: string): Promise<Array<{ openid: string; personId: string | null }>> {
  const [users, persons] = await Promise.all([
    findAll(db, COL.users, UserDoc, { tenantId, admin: true }),
    findAll(db, COL.persons, PersonDoc, { tenantId, admin: true, openid: db.command.neq(null) }),
  ]);
  const out = new Map<string, { openid: string; personId: string | null }>();
  for (const u of users) out.set(u._id, { openid: u._id, personId: u.personId });
  for (const p of persons) if (!p.left) out.set(p.openid as string, { openid: p.openid as string, personId: p._id });
  return [...out.values()];
}

/** Counters of units that asked their lower units for a 具体方案 due on one of these days (the 3- and 1-day reminders). */
export const countersAskingBy = (db: Db, campaignIds: readonly string[], deadlines: readonly string[]) =>
  campaignIds.length ? findAll(db, COL.counters, CounterDoc, { campaignId: db.command.in([...campaignIds]), 'handInCall.deadline': db.command.in([...deadlines]) }) : Promise.resolve([]);

/** Counters of the units directly under one org in a campaign (whether they reported this period). */
export const countersUnder = (db: Db, campaignId: string, parentId: string) => findAll(db, COL.counters, CounterDoc, { campaignId, parentId });

/** Submitted reports of these sessions. */
export const submittedReportsOf = (db: Db, sessionIds: readonly string[]) =>
  sessionIds.length ? findAll(db, COL.reports, ReportDoc, { sessionId: db.command.in([...sessionIds]), status: 'SUBMITTED' }) : Promise.resolve([]);

/** Persons by id (recipients: their openid, the orgs they are secretary of). */
export const personsByIds = (db: Db, ids: readonly string[]) => (ids.length ? findAll(db, COL.persons, PersonDoc, { _id: db.command.in([...ids]) }) : Promise.resolve([]));
