/**
 * Home (to-do): in one call, everything the caller must do now across all their roles — reviews to
 * write with due dates, reports and opinions to give (only where an opinion is still owed on some
 * target, read from the caller's own slots), rectifications to draft, reply to or confirm, claims to
 * approve — plus the latest reviews they received and their commitments. A fixed set of indexed
 * queries keyed by the caller: the cost never depends on the tenant's size.
 */
import { HomeOutput, ReviewReceivedOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { EmptyInput } from '../../../../miniprogram/core/contracts/api/common';
import type { ReviewRule, TargetKind } from '../../../../miniprogram/core/contracts/review';
import { REVIEW_POST_LABELS, reviewPostsOf, ruleView } from '../../../../miniprogram/core/domain/reach';
import { sessionStage } from '../../../../miniprogram/core/domain/session-stage';
import { heldKeys, isHeld } from '../../../../miniprogram/core/domain/session-targets';
import { cstDateOf, currentCycles, cyclesOf, usedFrequencies } from '../../../../miniprogram/core/domain/cycles';
import { REMINDER_LABELS } from '../../../../miniprogram/core/domain/reminders';
import { ENTRY_HINT_MARKS } from '../../../../miniprogram/core/domain/report-entry';
import { REPORT_ENTRY_WAY_LABELS } from '../../../../miniprogram/core/contracts/report';
import type { ReviewHint } from '../../../../miniprogram/core/contracts/review';
import { rectificationOwedByTarget, replyToConfirm, reportKey, reportsOwed } from '../../../../miniprogram/core/domain/owed';
import { answersFor, publicReviewView } from '../../../../miniprogram/core/domain/visibility';
import { opinionDeadlineOf, opinionTargetsFor } from '../../../../miniprogram/core/domain/opinion-givers';
import { cstEndOfDay, opensRectification, reviewEditable, reviewGiven } from '../../../../miniprogram/core/domain/workflow';
import { handInOwed } from '../../../../miniprogram/core/domain/hand-ins';
import { countersOf } from '../repositories/progress';
import { campaignOf } from '../repositories/docs';
import { listHomeClaims, listHomeCommitments, listHomeRectifications, listHomeReviews, listHomeSessions, listMySubmittedReports, listReceivedReviews, type HomeCaller } from '../repositories/home';
import { anonymityKeyOrNull } from '../shared/anonymity';
import { openInAppReminders, readInAppReminders } from '../shared/in-app-reminders';
import { opinionTargetsOwed } from '../shared/opinion-slots';
import { listCampaigns, listOrgsByIds } from '../repositories/store';
import { listOpenRequirements, listRectificationsByIds } from '../repositories/work';
import { rectificationId } from '../shared/publications';
import { rectificationView } from '../shared/rectifications';
import { defineAction, tenantScope } from '../shared/scope';
import { reviewOf } from '../shared/work';

/** How many received reviews the home screen shows. */
const LATEST = 5;
/** How many of their own sessions 「我组织的点评」 shows (newest first). */
const MY_SESSIONS = 10;

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
      // The orgs the caller starts reviews for (the core's posts): their names, read only when they hold one.
      const posts = me ? reviewPostsOf(caller) : [];
      const [campaigns, reviews, sessions, rects, claims, commitments, reminders, postOrgs] = await Promise.all([
        listCampaigns(db, tenantId ?? ''),
        listHomeReviews(db, who),
        listHomeSessions(db, who),
        listHomeRectifications(db, who),
        listHomeClaims(db, who),
        listHomeCommitments(db, who),
        readInAppReminders(db, caller.openid, now),
        posts.length ? listOrgsByIds(db, posts.map((p) => p.orgId)) : Promise.resolve([]),
      ]);
      const orgName = new Map(postOrgs.map((o) => [o._id, o.name]));

      // A campaign past its last day is still active while a late round runs on to its due date (DOMAIN §3).
      const active = campaigns.filter((c) => c.end >= today || currentCycles(campaignOf(c), now).ok);
      // Sessions still taking opinions in which the caller is asked (the domain's rule); those where they have
      // given on every target (a taken slot of theirs, named or anonymous) drop out: one batched slot read.
      const opinionSessions = sessions.filter((s) => now <= cstEndOfDay(opinionDeadlineOf(s)) && opinionTargetsFor(s, caller).length > 0);
      // 具体方案 owed: each unit the caller leads, and the unit above it (which asked), in every active campaign: one read.
      const ledOrgs = postOrgs.filter((o) => caller.secretaryOf.includes(o._id) && o.parentId !== null);
      const [requirements, reports, owing, handInCounters] = await Promise.all([
        me ? listOpenRequirements(db, active.map((c) => c._id), me) : Promise.resolve([]),
        listMySubmittedReports(db, sessions.map((s) => s._id), me),
        opinionTargetsOwed(db, opinionSessions, caller, anonymityKeyOrNull()),
        countersOf(db, active.flatMap((c) => ledOrgs.flatMap((o) => [{ campaignId: c._id, orgId: o._id }, { campaignId: c._id, orgId: o.parentId as string }]))),
      ]);
      const counterOf = (campaignId: string, orgId: string) => handInCounters.find((x) => x.campaignId === campaignId && x.orgId === orgId) ?? null;
      const handInsToGive = active.flatMap((c) =>
        ledOrgs.flatMap((o) => {
          const own = counterOf(c._id, o._id);
          const upper = counterOf(c._id, o.parentId as string);
          const call = upper?.handInCall ?? null;
          if (!own || !upper || !call || !handInOwed(call, own.handIn ?? null)) return [];
          return [{ campaignId: c._id, orgId: o._id, orgName: o.name, upperOrgName: upper.name, deadline: call.deadline, note: call.note, overdue: today > call.deadline }];
        }),
      );

      // Due dates of every cycle of the active campaigns, by campaign and cycle key.
      const due = new Map<string, string>();
      for (const c of active) for (const f of usedFrequencies(campaignOf(c))) for (const cy of cyclesOf(campaignOf(c), f)) due.set(`${c._id}|${cy.key}`, cy.dueDate);

      const drafts = reviews.filter((r) => reviewEditable(r.status) && r.reviewerId === me);
      // Those a draft of theirs already holds are in a session (the core's rule, as 发起点评 and session.start count).
      const drafted = heldKeys(drafts);
      // Planned requirements not yet in a session, grouped by cycle and kind (the session start picks them up by "DUE").
      // Each group names the org the reviews are given from, so its to-do opens 发起点评 for that org (a liaison
      // leader's duty is owed from his liaison point, never from a secretary post he may also hold).
      const planned = new Map<string, { campaignId: string; cycleKey: string; rule: ReviewRule; ruleLabel: string; targetKind: TargetKind; fromOrgId: string | null; fromOrgName: string | null; dueDate: string | null; count: number; targetIds: string[] }>();
      for (const r of requirements) {
        if (isHeld({ campaignId: r.campaignId, reviewerId: r.reviewerId, cycleKey: r.cycleKey, targetKind: r.targetKind, targetId: r.targetId }, drafted)) continue;
        const from = r.fromOrgId ?? null;
        const k = `${r.campaignId}|${r.cycleKey}|${r.rule}|${r.targetKind}|${from}`;
        const g = planned.get(k) ?? { campaignId: r.campaignId, cycleKey: r.cycleKey, ...ruleView(r.rule), targetKind: r.targetKind, fromOrgId: from, fromOrgName: from ? (orgName.get(from) ?? null) : null, dueDate: due.get(`${r.campaignId}|${r.cycleKey}`) ?? null, count: 0, targetIds: [] };
        g.count += 1;
        g.targetIds.push(r.targetId);
        planned.set(k, g);
      }

      const reported = new Set(reports.map((r) => reportKey(r.sessionId, { kind: r.target.kind, id: r.targetKey })));
      const reportsToGive = reportsOwed(sessions.map((s) => ({ ...s, id: s._id })), reported, today)
        .filter(({ target }) => answersFor(caller, target))
        .map(({ session: s, target: t }) => ({ sessionId: s._id, target: t, reviewerName: s.reviewerName, date: s.date, reportDeadline: s.reportDeadline }));
      // Only the targets still owed: the card shrinks as each is answered and leaves with the last.
      const opinionsToGive = opinionSessions
        .filter((s) => owing.has(s._id))
        .map((s) => ({ sessionId: s._id, reviewerName: s.reviewerName, date: s.date, opinionDeadline: s.opinionDeadline, anonymous: s.opinionsAnonymous, targets: owing.get(s._id) ?? [] }));
      const rectificationsToDo = rects.filter((r) => keys.includes(r.targetKey) && rectificationOwedByTarget(r.status));
      const rectificationsToConfirm = rects.filter((r) => replyToConfirm(r.status) && r.reviewerId === me);
      // In-app reminders only while what they name is still open (they would otherwise linger 3 days after the work is done).
      const openReminders = await openInAppReminders(db, reminders, {
        reviewCampaigns: new Set([...requirements.filter((r) => !r.superseded).map((r) => r.campaignId), ...drafts.map((r) => r.campaignId)]),
        reportSessions: new Set(reportsToGive.map((r) => r.sessionId)),
        rectifications: new Set(rectificationsToDo.map((r) => r._id)),
        repliesToConfirm: rectificationsToConfirm.length,
        opinionSessions: new Set(owing.keys()),
        planHandIns: new Set(handInsToGive.map((x) => `${x.campaignId}|${x.orgId}`)),
        campaigns,
      });

      // 我组织的点评: the sessions the caller reviews in, of the active campaigns, with the core's stage.
      const activeIds = new Set(active.map((c) => c._id));
      const mySessions = me
        ? sessions
            .filter((s) => s.reviewerId === me && activeIds.has(s.campaignId))
            .slice(0, MY_SESSIONS)
            .map((s) => ({
              sessionId: s._id,
              orgId: s.orgId,
              orgName: orgName.get(s.orgId) ?? null,
              mode: s.mode,
              meetingType: s.meetingType,
              date: s.date,
              targets: s.targets.length,
              stage: sessionStage({ ...s, reviews: reviews.filter((r) => r.sessionId === s._id) }, today),
              flexible: reviews.filter((r) => r.sessionId === s._id && r.hint && reviewEditable(r.status)).map((r) => ({ name: r.target.name, mark: ENTRY_HINT_MARKS[r.hint as ReviewHint] })),
            }))
        : [];

      const received = reviews.filter((r) => reviewGiven(r.status) && r.moderation === 'PASS' && keys.includes(r.targetKey)).slice(0, LATEST);
      return {
        startFor: posts.map((p) => ({ orgId: p.orgId, orgName: orgName.get(p.orgId) ?? '', as: p.as, asLabel: REVIEW_POST_LABELS[p.as] })),
        mySessions,
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
        reportsEntered: reports
          .filter((r) => r.enteredBy && sessions.some((x) => x._id === r.sessionId && x.publishedAt === undefined))
          .map((r) => ({ sessionId: r.sessionId, target: r.target, enteredByName: r.enteredBy?.name ?? '', way: r.way ? REPORT_ENTRY_WAY_LABELS[r.way] : null })),
        opinionsToGive,
        rectificationsToDo: rectificationsToDo.map((r) => rectificationView(r, now, true)),
        handInsToGive,
        rectificationsToConfirm: rectificationsToConfirm.map((r) => rectificationView(r, now, false)),
        claimsToApprove: claims.map((c) => ({ claimId: c._id, orgId: c.orgId, personId: c.personId, createdAt: c.createdAt, version: c.version })),
        latestReviews: received.map((r) => publicReviewView(reviewOf(r))),
        commitments: commitments.map((c) => ({ id: c._id, campaignId: c.campaignId, owner: c.owner, items: c.items, date: c.date, version: c.version })),
        campaigns: active.map((c) => ({ id: c._id, name: c.name, start: c.start, end: c.end })),
        // Reminders the member had no send credit for (the in-app fallback), the latest open one of each kind.
        reminders: openReminders.map((r) => ({ kind: r.kind, label: REMINDER_LABELS[r.kind], text: r.text, page: r.page, day: r.day })),
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
      const docs = (await listReceivedReviews(db, { tenantId: caller.tenantId, keys })).filter((d) => d.moderation === 'PASS');
      const rectOf = (d: (typeof docs)[number]) => (opensRectification(d) ? rectificationId(d._id) : null);
      // The rectifications' states, so the list says 需整改 … 已整改 as the machine stands, not as the review asked.
      const ids = docs.map(rectOf).filter((id): id is string => id !== null);
      const status = new Map((await listRectificationsByIds(db, ids)).map((r) => [r._id, r.status]));
      return {
        reviews: docs.map((d) => {
          const id = rectOf(d);
          return { ...publicReviewView(reviewOf(d)), rectificationId: id, rectificationStatus: id ? (status.get(id) ?? null) : null };
        }),
      };
    },
  }),
};
