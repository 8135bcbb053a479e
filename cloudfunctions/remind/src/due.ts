/**
 * Who is due which reminder today: the due items of every running campaign, read by what is due
 * (cycles due in 7/3/1 days, rectifications due within 3 days, replies waiting, report, opinion and
 * progress-report deadlines, sessions nudged today from 汇报情况),
 * and turned into one reminder per person per kind. Only people who have not finished are asked.
 */
import { planHandInsDue, reportKey, reportsOwed, unitReported, type DueReminder } from '../../../miniprogram/core/domain/owed';
import { anonymityKeyOrNull, campaignOf, countersAskingBy, countersUnder, dueRectifications, listCounters, listOrgsByIds, nudgesOn, openRequirementsOfCycles, repliedRectifications, reviewDueOfDay, sessionsNudgedOn, sessionsWithReportDeadline, submittedReportsOf, tenantAdmins, type CampaignDoc, type Db } from '../../api/src/kernel';
import { cyclesOf, usedFrequencies } from '../../../miniprogram/core/domain/cycles';
import { addCstDays, cstDateOf } from '../../../miniprogram/core/domain/cst';
import {
  DEADLINE_REMINDER_DAYS,
  deadlineReminderDue,
  daysUntil,
  RECTIFICATION_SOON_DAYS,
  rectificationReminderDue,
  progressPeriodStart,
  reportDeadlineOf,
  reportReminderDue,
  reviewReminderDue,
  type ReminderFacts,
} from '../../../miniprogram/core/domain/reminders';
import { dueOpinionReminders } from './opinions';


/** Everything due today across these campaigns, one per person and kind (the most urgent item of a kind wins). */
export async function dueReminders(db: Db, campaigns: readonly CampaignDoc[], today: string, key: string | null = anonymityKeyOrNull(), at: number = Date.parse(`${today}T09:00:00+08:00`)): Promise<DueReminder[]> {
  const ids = campaigns.map((c) => c._id);
  const tenantOf = new Map(campaigns.map((c) => [c._id, c.tenantId]));
  const out = new Map<string, DueReminder>();
  const put = (r: DueReminder, wins: (old: ReminderFacts) => boolean = () => false) => {
    const who = `${r.personId ?? r.openid}|${r.facts.kind}`;
    const old = out.get(who);
    if (!old || wins(old.facts)) out.set(who, r);
  };

  // Reviewers with open required reviews of a cycle due in 7, 3 or 1 days.
  for (const c of campaigns) {
    const campaign = campaignOf(c);
    const due = usedFrequencies(campaign).flatMap((f) => cyclesOf(campaign, f)).filter((cy) => reviewReminderDue(today, cy.dueDate));
    if (!due.length) continue;
    const dueDateOf = new Map(due.map((cy) => [cy.key, cy.dueDate]));
    // Grouped by the database and kept for the day: later firings of the day read the groups, not the requirements.
    const groups = await reviewDueOfDay(db, c._id, today, [...dueDateOf.keys()], at);
    const byReviewer = new Map<string, { open: number; dueDate: string }>();
    for (const r of groups) {
      const dueDate = dueDateOf.get(r.cycleKey) as string;
      const g = byReviewer.get(r.reviewerId) ?? { open: 0, dueDate };
      g.open += r.open;
      if (dueDate < g.dueDate) g.dueDate = dueDate;
      byReviewer.set(r.reviewerId, g);
    }
    for (const [personId, g] of byReviewer) put({ tenantId: c.tenantId, personId, facts: { kind: 'REVIEW_DUE', campaignId: c._id, campaignName: c.name, open: g.open, dueDate: g.dueDate } });
  }

  // Reviewers behind in an org nudged today from the dashboard (提醒未完成的): their open reviews of the planned cycles there.
  const nudges = await nudgesOn(db, ids, today);
  for (const n of nudges.filter((x) => x.orgId)) {
    const c = campaigns.find((x) => x._id === n.campaignId);
    if (!c || !n.orgId) continue;
    const dueDateOf = new Map(usedFrequencies(campaignOf(c)).flatMap((f) => cyclesOf(campaignOf(c), f)).map((cy) => [cy.key, cy.dueDate]));
    const open = (await openRequirementsOfCycles(db, c._id, n.cycleKeys ?? [])).filter((r) => r.orgPath.includes(n.orgId as string) && !r.superseded && r.reviewerId !== null);
    const byReviewer = new Map<string, { open: number; dueDate: string }>();
    for (const r of open) {
      const dueDate = dueDateOf.get(r.cycleKey) ?? today;
      const g = byReviewer.get(r.reviewerId as string) ?? { open: 0, dueDate };
      g.open += 1;
      if (dueDate < g.dueDate) g.dueDate = dueDate;
      byReviewer.set(r.reviewerId as string, g);
    }
    for (const [personId, g] of byReviewer) put({ tenantId: c.tenantId, personId, facts: { kind: 'REVIEW_DUE', campaignId: c._id, campaignName: c.name, open: g.open, dueDate: g.dueDate } });
  }

  // Rectifications due within 3 days, overdue or imposed: to the target (a person, or an org's secretary).
  const [rects, replied, byDeadline, nudged] = await Promise.all([
    dueRectifications(db, ids, addCstDays(today, RECTIFICATION_SOON_DAYS)),
    repliedRectifications(db, ids),
    sessionsWithReportDeadline(db, ids, DEADLINE_REMINDER_DAYS.map((d) => addCstDays(today, d))),
    sessionsNudgedOn(db, ids, today, nudges),
  ]);
  // A session nudged today is reminded as on a deadline day (while its reports are still due); once per session.
  const nudgedIds = new Set(nudged.map((s) => s._id));
  const sessions = [...new Map([...byDeadline, ...nudged].map((s) => [s._id, s])).values()].filter((s) => reportReminderDue(today, s, nudgedIds.has(s._id)));
  const reports = await submittedReportsOf(db, sessions.map((s) => s._id));
  const reported = new Set(reports.map((r) => reportKey(r.sessionId, { kind: r.target.kind, id: r.targetKey })));
  const owedReports = reportsOwed(sessions.map((s) => ({ ...s, id: s._id })), reported, today).map(({ session, target }) => ({ s: session, t: target }));
  const orgTargets = [...new Set([...rects.filter((r) => r.target.personId === null).map((r) => r.target.orgId), ...owedReports.filter(({ t }) => t.personId === null).map(({ t }) => t.orgId)])];
  const secretaryOf = new Map(orgTargets.length ? (await listOrgsByIds(db, orgTargets)).map((o) => [o._id, o.secretaryId]) : []);
  const answerer = (t: { personId: string | null; orgId: string }) => t.personId ?? secretaryOf.get(t.orgId) ?? null;

  for (const r of rects) {
    const personId = answerer(r.target);
    if (!personId || !rectificationReminderDue(today, r.deadline, r.imposed)) continue;
    const facts: ReminderFacts = { kind: 'RECTIFICATION_DUE', rectificationId: r._id, requirement: r.requirement, deadline: r.deadline, imposed: r.imposed, overdue: daysUntil(today, r.deadline) < 0 };
    put({ tenantId: tenantOf.get(r.campaignId) as string, personId, facts }, (old) => old.kind === 'RECTIFICATION_DUE' && r.deadline < old.deadline);
  }

  // Reviewers with replies to confirm.
  const replies = new Map<string, { tenantId: string; first: (typeof replied)[number]; count: number }>();
  for (const r of replied) {
    if (!r.reviewerId) continue;
    const g = replies.get(r.reviewerId) ?? { tenantId: tenantOf.get(r.campaignId) as string, first: r, count: 0 };
    g.count += 1;
    if ((r.repliedAt ?? 0) < (g.first.repliedAt ?? 0)) g.first = r;
    replies.set(r.reviewerId, g);
  }
  for (const [personId, g] of replies) put({ tenantId: g.tenantId, personId, facts: { kind: 'REPLY_TO_CONFIRM', rectificationId: g.first._id, count: g.count, repliedOn: cstDateOf(g.first.repliedAt ?? g.first.updatedAt) } });

  // Targets who have not reported by a report deadline 3 or 1 days away, or of a session nudged today.
  for (const { s, t } of owedReports) {
    const personId = answerer(t);
    if (!personId) continue;
    const deadline = reportDeadlineOf(s);
    put({ tenantId: s.tenantId, personId, facts: { kind: 'REPORT_DUE', reviewerName: s.reviewerName, sessionId: s._id, deadline } }, (old) => old.kind === 'REPORT_DUE' && deadline < old.deadline);
  }
  // Members asked for opinions who have not given one on every target, before the opinion deadline (keyed: see opinions.ts).
  for (const r of await dueOpinionReminders(db, campaigns, DEADLINE_REMINDER_DAYS.map((d) => addCstDays(today, d)), key)) {
    const deadline = r.facts.kind === 'OPINION_DUE' ? r.facts.deadline : '';
    put(r, (old) => old.kind === 'OPINION_DUE' && deadline < old.deadline);
  }

  // Upper secretaries before a progress-report deadline 3 or 1 days away, with their units not yet reported;
  // and the office (the tenant's administrators, on the roster or not), with the root's units.
  for (const c of campaigns) {
    const deadlines = [...(c.reportDeadlines ?? [])].sort();
    for (const deadline of deadlines.filter((d) => deadlineReminderDue(today, d))) {
      const since = progressPeriodStart(deadlines, deadline, c.start);
      const counters = await listCounters(db, c._id);
      const missing = new Map<string, string[]>();
      for (const x of counters) if (x.parentId && !unitReported(x.lastReport, since)) missing.set(x.parentId, [...(missing.get(x.parentId) ?? []), x.name]);
      const progress = (orgId: string): ReminderFacts => ({ kind: 'PROGRESS_REPORT_DUE', campaignId: c._id, campaignName: c.name, orgId, units: (missing.get(orgId) ?? []).sort(), deadline });
      const uppers = [...missing.keys()];
      for (let i = 0; i < uppers.length; i += 1000) {
        for (const org of await listOrgsByIds(db, uppers.slice(i, i + 1000))) {
          if (!org.secretaryId) continue;
          put({ tenantId: c.tenantId, personId: org.secretaryId, facts: progress(org._id) });
        }
      }
      const roots = counters.filter((x) => x.parentId === null && missing.has(x.orgId));
      if (!roots.length) continue;
      for (const admin of await tenantAdmins(db, c.tenantId)) {
        for (const root of roots) put({ tenantId: c.tenantId, personId: admin.personId, openid: admin.openid, facts: progress(root.orgId) });
      }
    }
  }
  // Secretaries of lower units that have not handed in the 具体方案 their upper unit asked for, 3 and 1 days before its deadline.
  for (const upper of await countersAskingBy(db, ids, DEADLINE_REMINDER_DAYS.map((d) => addCstDays(today, d)))) {
    const call = upper.handInCall;
    if (!call) continue;
    const owing = planHandInsDue(today, call, (await countersUnder(db, upper.campaignId, upper.orgId)).map((c) => ({ orgId: c.orgId, handIn: c.handIn ?? null })));
    if (!owing.length) continue;
    for (const org of await listOrgsByIds(db, owing.map((u) => u.orgId))) {
      if (!org.secretaryId) continue;
      const facts: ReminderFacts = { kind: 'PLAN_HAND_IN_DUE', campaignId: upper.campaignId, orgId: org._id, upperOrgName: upper.name, deadline: call.deadline };
      put({ tenantId: upper.tenantId, personId: org.secretaryId, facts }, (old) => old.kind === 'PLAN_HAND_IN_DUE' && call.deadline < old.deadline);
    }
  }
  return [...out.values()];
}
