/**
 * Home (to-do): in one call, everything the caller must do now across all their roles — reviews to
 * write with due dates, reports and opinions to give, rectifications to draft, reply to or confirm,
 * claims to approve — plus the latest reviews they received and their commitments. A fixed set of
 * indexed queries keyed by the caller: the cost never depends on the tenant's size.
 */
import { HomeOutput, ReviewReceivedOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { EmptyInput } from '../../../../miniprogram/core/contracts/api/common';
import { targetId, type ReviewRule, type TargetKind } from '../../../../miniprogram/core/contracts/review';
import { ruleView } from '../../../../miniprogram/core/domain/reach';
import { cstDateOf, cyclesOf, DAY_MS, usedFrequencies } from '../../../../miniprogram/core/domain/cycles';
import { REMINDER_LABELS } from '../../../../miniprogram/core/domain/reminders';
import { answersFor, publicReviewView } from '../../../../miniprogram/core/domain/scope';
import { cstEndOfDay } from '../../../../miniprogram/core/domain/workflow';
import { campaignOf } from '../repositories/docs';
import { listHomeClaims, listHomeCommitments, listHomeRectifications, listHomeReviews, listHomeSessions, listMySubmittedReports, listReceivedReviews, type HomeCaller } from '../repositories/home';
import { inAppReminders } from '../repositories/reminders';
import { listCampaigns } from '../repositories/store';
import { listOpenRequirements } from '../repositories/work';
import { rectificationId } from '../shared/publications';
import { rectificationView } from '../shared/rectifications';
import { defineAction, tenantScope } from '../shared/scope';
import { actorId, reviewOf } from '../shared/work';

/** In-app reminders stay on the home screen for this many days. */
const IN_APP_DAYS = 3;

/** How many received reviews the home screen shows. */
const LATEST = 5;

export const homeActions = {
  home: defineAction({
    input: EmptyInput,
    output: HomeOutput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, caller, now }) => {
      const tenantId = caller.tenantId;
      const me = caller.personId;
      const today = cstDateOf(now);
      // What the caller answers for as a target: themself, and the orgs they are secretary of.
      const keys = [...(me ? [me] : []), ...caller.secretaryOf];

      const who: HomeCaller = { tenantId, personId: me, keys, orgId: caller.orgId, secretaryOf: caller.secretaryOf };
      const [campaigns, reviews, sessions, rects, claims, commitments, reminders] = await Promise.all([
        listCampaigns(db, tenantId ?? ''),
        listHomeReviews(db, who),
        listHomeSessions(db, who),
        listHomeRectifications(db, who),
        listHomeClaims(db, who),
        listHomeCommitments(db, who),
        me ? inAppReminders(db, me, cstDateOf(now - IN_APP_DAYS * DAY_MS)) : Promise.resolve([]),
      ]);

      const active = campaigns.filter((c) => c.end >= today);
      const [requirements, reports] = await Promise.all([
        me ? listOpenRequirements(db, active.map((c) => c._id), me) : Promise.resolve([]),
        listMySubmittedReports(db, sessions.map((s) => s._id), me),
      ]);

      // Due dates of every cycle of the active campaigns, by campaign and cycle key.
      const due = new Map<string, string>();
      for (const c of active) for (const f of usedFrequencies(campaignOf(c))) for (const cy of cyclesOf(campaignOf(c), f)) due.set(`${c._id}|${cy.key}`, cy.dueDate);

      const drafts = reviews.filter((r) => r.status === 'DRAFT' && r.reviewerId === me);
      const drafted = new Set(drafts.map((r) => `${r.campaignId}|${r.cycleKey}|${r.target.kind}|${r.targetKey}`));
      // Planned requirements not yet in a session, grouped by cycle and kind (the session start picks them up by "DUE").
      const planned = new Map<string, { campaignId: string; cycleKey: string; rule: ReviewRule; ruleLabel: string; targetKind: TargetKind; dueDate: string | null; count: number; targetIds: string[] }>();
      for (const r of requirements) {
        if (drafted.has(`${r.campaignId}|${r.cycleKey}|${r.targetKind}|${r.targetId}`)) continue;
        const k = `${r.campaignId}|${r.cycleKey}|${r.rule}|${r.targetKind}`;
        const g = planned.get(k) ?? { campaignId: r.campaignId, cycleKey: r.cycleKey, ...ruleView(r.rule), targetKind: r.targetKind, dueDate: due.get(`${r.campaignId}|${r.cycleKey}`) ?? null, count: 0, targetIds: [] };
        g.count += 1;
        g.targetIds.push(r.targetId);
        planned.set(k, g);
      }

      const reported = new Set(reports.map((r) => `${r.sessionId}|${r.target.kind}|${r.targetKey}`));
      const reportsToGive = sessions.flatMap((s) =>
        s.targets
          .filter((t) => answersFor(caller, t) && !reported.has(`${s._id}|${t.kind}|${targetId(t)}`))
          .filter(() => (s.reportDeadline ?? s.date) >= today)
          .map((t) => ({ sessionId: s._id, target: t, reviewerName: s.reviewerName, date: s.date, reportDeadline: s.reportDeadline })),
      );
      const opinionsToGive = sessions
        .filter((s) => caller.orgId !== null && s.opinionOrgIds.includes(caller.orgId))
        .filter((s) => s.reviewerId !== actorId(caller) && s.organiserId !== actorId(caller))
        .filter((s) => now <= cstEndOfDay(s.opinionDeadline ?? s.date))
        .map((s) => ({
          sessionId: s._id,
          reviewerName: s.reviewerName,
          date: s.date,
          opinionDeadline: s.opinionDeadline,
          anonymous: s.opinionsAnonymous,
          // The caller cannot give an opinion on themself.
          targets: s.targets.filter((t) => !answersFor(caller, t)),
        }))
        .filter((s) => s.targets.length > 0);

      const received = reviews.filter((r) => r.status !== 'DRAFT' && r.moderation === 'PASS' && keys.includes(r.targetKey)).slice(0, LATEST);
      return {
        reviewsToWrite: {
          inSessions: drafts.map((r) => ({
            reviewId: r._id,
            sessionId: r.sessionId,
            target: r.target,
            mode: r.mode,
            cycleKey: r.cycleKey,
            ...(r.rule ? ruleView(r.rule, r.additional === true) : { rule: null, ruleLabel: null }),
            dueDate: due.get(`${r.campaignId}|${r.cycleKey}`) ?? null,
            version: r.version,
          })),
          planned: [...planned.values()].sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '')),
        },
        reportsToGive,
        opinionsToGive,
        rectificationsToDo: rects.filter((r) => keys.includes(r.targetKey) && (r.status === 'REQUIRED' || r.status === 'PLANNED')).map((r) => rectificationView(r, now, true)),
        rectificationsToConfirm: rects.filter((r) => r.status === 'REPLIED' && r.reviewerId === me).map((r) => rectificationView(r, now, false)),
        claimsToApprove: claims.map((c) => ({ claimId: c._id, orgId: c.orgId, personId: c.personId, createdAt: c.createdAt, version: c.version })),
        latestReviews: received.map((r) => publicReviewView(reviewOf(r))),
        commitments: commitments.map((c) => ({ id: c._id, campaignId: c.campaignId, owner: c.owner, items: c.items, date: c.date, version: c.version })),
        campaigns: active.map((c) => ({ id: c._id, name: c.name, start: c.start, end: c.end })),
        // Reminders the member had no send credit for (the in-app fallback), the latest of each kind.
        reminders: reminders
          .filter((r, i) => reminders.findIndex((x) => x.kind === r.kind) === i)
          .map((r) => ({ kind: r.kind, label: REMINDER_LABELS[r.kind], text: r.text, page: r.page, day: r.day })),
      };
    },
  }),

  /** 我收到的点评: all of them, not only home's newest few; moderation-held ones stay out until released. */
  'review.received': defineAction({
    input: EmptyInput,
    output: ReviewReceivedOutput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, caller }) => {
      const keys = [...(caller.personId ? [caller.personId] : []), ...caller.secretaryOf];
      const docs = await listReceivedReviews(db, { tenantId: caller.tenantId, keys });
      const rectOf = (d: (typeof docs)[number]) => (d.status === 'PUBLISHED' && d.rectification.required ? rectificationId(d._id) : null);
      return { reviews: docs.filter((d) => d.moderation === 'PASS').map((d) => ({ ...publicReviewView(reviewOf(d)), rectificationId: rectOf(d) })) };
    },
  }),
};
