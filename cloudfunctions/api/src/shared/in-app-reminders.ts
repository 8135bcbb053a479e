/**
 * The in-app fallback on 待办 (issue 13): the reminders a member had no send credit for, from the last
 * few days, shown only while the work they name is still open. Keyed rows (OPINION_DUE,
 * docs/anonymity.md) are found by recomputing their HMAC ids from the caller's openid and unsealed
 * with the key; whether the caller still owes opinions is what home read from their own slots
 * (shared/opinion-slots.ts). Round trips: one for the rows, then one per progress org named, whatever the tenant.
 */
import { cstDateOf, DAY_MS } from '../../../../miniprogram/core/domain/cst';
import { KEYED_REMINDER_KINDS, progressPeriodStart, reminderStillOpen, type OpenWork, type ReminderFacts, type ReminderKind } from '../../../../miniprogram/core/domain/reminders';
import { unitReported } from '../../../../miniprogram/core/domain/owed';
import type { Db } from '../frame/db';
import type { CampaignDoc } from '../repositories/docs';
import { countersUnder, inAppReminders, type ReminderDoc } from '../repositories/reminders';
import { anonymityKeyOrNull, keyedReminderId, unsealValue } from './anonymity';

/** What a keyed reminder row keeps sealed: its message, its recipient, and how it ended (null while claimed). */
export interface SealedReminder {
  page: string;
  text: string;
  facts: ReminderFacts;
  openid?: string;
  outcome?: 'SENT' | 'IN_APP' | null;
}

/** In-app reminders stay on the home screen for this many days. */
export const IN_APP_DAYS = 3;

/** One in-app reminder as the home screen needs it. */
export interface InAppReminder {
  kind: ReminderKind;
  text: string;
  page: string;
  day: string;
  /** Absent on rows written before the facts were kept: those are shown as before. */
  facts: ReminderFacts | null;
}

/** The caller's in-app reminder rows of the last IN_APP_DAYS days, keyed ones unsealed (one query). */
export async function readInAppReminders(db: Db, openid: string, now: number, key: string | null = anonymityKeyOrNull()): Promise<InAppReminder[]> {
  const days = Array.from({ length: IN_APP_DAYS + 1 }, (_, i) => cstDateOf(now - i * DAY_MS));
  const keyedIds = key ? KEYED_REMINDER_KINDS.flatMap((kind) => days.map((day) => keyedReminderId(key, openid, kind, day))) : [];
  const rows = await inAppReminders(db, openid, days[days.length - 1], keyedIds);
  return rows.flatMap((r: ReminderDoc): InAppReminder[] => {
    if (r.sealed === undefined) return [{ kind: r.kind, text: r.text, page: r.page, day: r.day, facts: (r.facts as ReminderFacts | undefined) ?? null }];
    const opened = key ? (unsealValue(key, r.sealed) as SealedReminder | null) : null;
    // A settled keyed row says only inside its seal whether it was sent or kept in-app (rows from before carry their status).
    // eslint-disable-next-line no-restricted-syntax -- the send ledger's delivery outcome (sent or kept for 待办), not a workflow state
    const inApp = opened && (opened.outcome === undefined ? r.status === 'IN_APP' : opened.outcome === 'IN_APP');
    return opened && inApp ? [{ kind: r.kind, text: opened.text, page: opened.page, day: r.day, facts: opened.facts }] : [];
  });
}

/** What home already knows is open, plus what it must look up for the reminders at hand. */
export interface KnownOpen {
  reviewCampaigns: ReadonlySet<string>;
  reportSessions: ReadonlySet<string>;
  rectifications: ReadonlySet<string>;
  repliesToConfirm: number;
  /** The sessions in which the caller still owes an opinion on some target (their opinion deadline not passed). */
  opinionSessions: ReadonlySet<string>;
  /** Units (`campaignId|orgId`) the caller leads that still owe their 具体方案 (home's 上交具体方案). */
  planHandIns: ReadonlySet<string>;
  campaigns: readonly CampaignDoc[];
}

/** The latest in-app reminder of each kind whose work is still open. */
export async function openInAppReminders(
  db: Db,
  reminders: readonly InAppReminder[],
  known: KnownOpen,
): Promise<InAppReminder[]> {
  const named = (kind: ReminderKind) => reminders.flatMap((r) => (r.facts?.kind === kind ? [r.facts] : []));

  // Progress: the orgs named whose units have not all reported since the period began.
  const progress = named('PROGRESS_REPORT_DUE') as Array<Extract<ReminderFacts, { kind: 'PROGRESS_REPORT_DUE' }>>;
  const progressKeys = [...new Set(progress.map((f) => `${f.campaignId}|${f.orgId}`))];
  const campaignOf = new Map(known.campaigns.map((c) => [c._id, c]));

  const progressOpen = await Promise.all(
    progressKeys.map(async (k) => {
      const [campaignId, orgId] = k.split('|');
      const c = campaignOf.get(campaignId);
      const f = progress.find((x) => `${x.campaignId}|${x.orgId}` === k) as (typeof progress)[number];
      if (!c) return null;
      const since = progressPeriodStart(c.reportDeadlines ?? [], f.deadline, c.start);
      const units = await countersUnder(db, campaignId, orgId);
      return units.some((u) => !unitReported(u.lastReport, since)) ? k : null;
    }),
  );
  const open: OpenWork = {
    reviewCampaigns: known.reviewCampaigns,
    reportSessions: known.reportSessions,
    rectifications: known.rectifications,
    repliesToConfirm: known.repliesToConfirm,
    opinionSessions: known.opinionSessions,
    progressOrgs: new Set(progressOpen.filter((k): k is string => k !== null)),
    planHandIns: known.planHandIns,
  };
  const shown = reminders.filter((r) => r.facts === null || reminderStillOpen(r.facts, open));
  // Newest first already: keep the first of each kind.
  return shown.filter((r, i) => shown.findIndex((x) => x.kind === r.kind) === i);
}
