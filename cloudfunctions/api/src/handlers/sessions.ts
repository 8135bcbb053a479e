/**
 * 发起点评: a reviewer starts a session from the org they review from (as its secretary or as its
 * liaison leader). Targets are those still due (planned requirements, or everyone reviewable not yet
 * reviewed this cycle), a random sample with its stored seed, or picked. Every target gets a DRAFT
 * review at once, so a meeting enters all of them later in one call.
 */
import { DEFAULT_ANONYMITY_THRESHOLD } from '../../../../miniprogram/core/contracts/campaign';
import { SessionGetOutput, SessionListOutput, SessionStartOutput, SessionUpdateOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { COL } from '../repositories/collections';
import type * as z from 'zod/mini';
import { SessionGetInput, SessionListInput, SessionStartInput, SessionUpdateInput } from '../../../../miniprogram/core/contracts/api/review-work';
import { REVIEW_HINT_LABELS, targetId, type ReviewMode, type ReviewRule, type TargetKind, type TargetRef } from '../../../../miniprogram/core/contracts/review';
import { ReviewSessionSchema, type ReviewSession } from '../../../../miniprogram/core/contracts/session';
import { targetOwnerKey } from '../../../../miniprogram/core/contracts/commitment';
import { cstStartOf, ruleCycleAt } from '../../../../miniprogram/core/domain/cycles';
import { cstDateOf } from '../../../../miniprogram/core/domain/cst';
import { sessionPlanEditRefusal, sessionPlanProblems, type SessionPlan } from '../../../../miniprogram/core/domain/session-plan';
import { sessionStage } from '../../../../miniprogram/core/domain/session-stage';
import { stillToStart } from '../../../../miniprogram/core/domain/session-targets';
import { mayEnterForOthers, reachFrom, reachOf, ruleView, type Duty, type ReviewerRef } from '../../../../miniprogram/core/domain/reach';
import { buildRandomSample } from '../../../../miniprogram/core/domain/sampling';
import { draftReviewsForSession, reportSubmitted, reviewEditable } from '../../../../miniprogram/core/domain/workflow';
import { type Caller, type Deps } from '../frame/action';
import { AppError, unwrap } from '../frame/errors';
import { mutation, type Write } from '../frame/uow';
import { campaignOf, type CampaignDoc, type CommitmentDoc, type OrgDoc } from '../repositories/docs';
import { loadReachSlice, type LoadedSlice } from '../repositories/reach';
import { findOrgByGroup, getCampaign, listCommitmentsByOwners, listOrgsByIds } from '../repositories/store';
import { getSession, listMyReportsInSession, listOpenRequirements, listReviewerReviews, listSessionOpinions, listSessionReports, listSessionReviews, listSessionsOfActor } from '../repositories/work';
import { SessionDoc, type OpinionDoc, type ReportDoc, type ReviewDoc } from '../repositories/work-docs';
import { ENTRY_HINT_MARKS, reportEntryRefusal } from '../../../../miniprogram/core/domain/report-entry';
import { REPORT_ENTRY_WAY_LABELS } from '../../../../miniprogram/core/contracts/report';
import { answersFor, opinionsClosed } from '../../../../miniprogram/core/domain/visibility';
import { defineAction, newId, orgScope, scopedOrg, scopeOfOrg, tenantScope, withEntity, type EntityScope } from '../shared/scope';
import { loadQualityContext } from '../shared/review-quality';
import { actorId, readerOf, reportOf, sessionActorOf, sessionScope, templateFor, toDoc } from '../shared/work';
import { isSessionOfficial, managesSessionOpinions, maySeeSession, runsSession } from '../../../../miniprogram/core/domain/session-officials';
import { sessionOpinionViews } from '../shared/opinion-views';
import { cardProgressOf, cardTemplateInfo, createCardActivity } from '../shared/session-card';
import { cardExpiry, cardShareRefusal, cardShareable } from '../../../../miniprogram/core/domain/session-card';
import { SessionCardInput, SessionCardOutput } from '../../../../miniprogram/core/contracts/api/session-card';
import { ERROR_MESSAGES, zodIssues } from '../../../../miniprogram/core/errors';

type SessionStartInputT = z.infer<typeof SessionStartInput>;

const ALL_KINDS: TargetKind[] = ['ORG', 'ORG_LEADER', 'COMMITTEE_MEMBER', 'MEMBER'];
/** Reviews count towards the cycle of the session's day; noon CST keeps it inside that day. */
const HALF_DAY = 12 * 3600 * 1000;

/** The cycle key a target's review counts in, under its rule. */
function cycleKeyOf(campaign: CampaignDoc, rule: ReviewRule, date: string): string {
  return unwrap(ruleCycleAt(campaignOf(campaign), rule, cstStartOf(date) + HALF_DAY)).key;
}

/** The reference a session and its reviews name a target by. */
const targetOf = (d: Duty): TargetRef => ({ kind: d.targetKind, orgId: d.targetOrgId, personId: d.targetKind === 'ORG' ? null : d.targetId, name: d.targetName });

/**
 * Whose reviews the session holds: the caller's own, or — entered by an admin or the org's secretary —
 * those of a leader of the roster or of the tenant's named outside reviewer.
 */
function reviewerOf(caller: Caller, org: OrgDoc, onBehalfOf: SessionStartInputT['onBehalfOf']): ReviewerRef {
  if (!onBehalfOf || (onBehalfOf.kind === 'PERSON' && onBehalfOf.personId === caller.personId)) {
    if (!caller.personId) throw new AppError('AUTH.FORBIDDEN', '点评人须是名册中的人员；管理员请选择代为录入的点评人');
    return { kind: 'PERSON', personId: caller.personId };
  }
  if (!mayEnterForOthers(caller, org._id)) throw new AppError('AUTH.FORBIDDEN', '只有管理员或本组织书记可以代为录入他人的点评');
  return onBehalfOf.kind === 'TOP' ? { kind: 'TOP' } : { kind: 'PERSON', personId: onBehalfOf.personId };
}

/** The picked targets in reach, or every one out of reach named by its index. */
function pickedDuties(loaded: LoadedSlice, reviewer: ReviewerRef, picks: ReadonlyArray<{ kind: TargetKind; id: string }>, mode: ReviewMode): Duty[] {
  const issues: Array<{ path: Array<string | number>; message: string }> = [];
  const out: Duty[] = [];
  picks.forEach((pick, i) => {
    const path = ['targets', 'picks', i];
    const duty = reachOf(loaded.slice, reviewer, pick);
    if (duty && duty.additional && !duty.additional.modes.includes(mode)) issues.push({ path, message: '回乡走访时的补充点评只能采用现场点评或个别点评' });
    else if (duty) out.push(duty);
    else if (reviewer.kind === 'PERSON' && pick.id === reviewer.personId) issues.push({ path, message: '不能点评自己' });
    else issues.push({ path, message: pick.kind === 'ORG' ? '您不能点评该党组织' : '您不能以该身份点评此人' });
  });
  if (issues.length) throw new AppError(issues.every((i) => i.message === '不能点评自己') ? 'REVIEW.SELF' : 'AUTH.FORBIDDEN', '部分点评对象不在点评范围内', issues);
  return out;
}

/** Refuses a plan the later steps could not follow (no place, deadlines out of order), each problem at its field. */
function checkPlan(plan: SessionPlan, now: number): void {
  const problems = sessionPlanProblems(plan, cstDateOf(now));
  if (problems.length) throw new AppError('INPUT.INVALID', problems[0].message, problems);
}

/** Per target, what its reviewer reads before writing: commitments, the submitted report, the opinions they may see. */
function readingFor(session: SessionDoc, got: { reports: readonly ReportDoc[]; opinions: readonly OpinionDoc[]; commitments: readonly CommitmentDoc[] }, caller: Caller, manager: boolean, official: boolean, now: number) {
  const key = (t: TargetRef) => `${t.kind}:${targetId(t)}`;
  // The same reader as 征求意见情况 (opinion.list): the writer sees here what they see there.
  const views = sessionOpinionViews(session, got.opinions, caller, readerOf(caller, manager), official, now);
  return session.targets.map((t, i) => {
    const owner = targetOwnerKey(t);
    const report = got.reports.find((r) => reportSubmitted(r.status) && r.moderation !== 'HELD' && key(r.target) === key(t));
    return {
      target: t,
      commitments: got.commitments.filter((c) => c.ownerKey === owner && c.moderation !== 'HELD').flatMap((c) => c.items.map((x) => ({ content: x.content, progress: x.progress, fulfilmentNotes: x.fulfilmentNotes }))),
      report: report ? { fulfilment: report.fulfilment, work: report.work, plans: report.plans } : null,
      opinions: views[i].opinions.map((o) => ({ giverKind: o.giverKind, content: o.content, name: o.anonymous ? null : (o.author?.name ?? null) })),
      opinionsPending: views[i].pending,
    };
  });
}

/** The targets marked 年老体弱 or 外出 (their review's hint), their report, and whether the caller may enter it for them. */
function entriesOf(session: SessionDoc, reviews: readonly ReviewDoc[], reports: readonly ReportDoc[], actor: string) {
  const key = (t: TargetRef) => `${t.kind}:${targetId(t)}`;
  return session.targets.flatMap((t) => {
    const hint = reviews.find((r) => key(r.target) === key(t))?.hint;
    if (!hint) return [];
    const report = reports.find((r) => key(r.target) === key(t));
    const existing = report ? { status: report.status, entered: report.enteredBy !== undefined } : null;
    return [
      {
        target: t,
        mark: ENTRY_HINT_MARKS[hint],
        reported: report?.status === 'SUBMITTED',
        enteredBy: report?.enteredBy?.name ?? null,
        way: report?.enteredBy && report.way ? REPORT_ENTRY_WAY_LABELS[report.way] : null,
        canEnter: reportEntryRefusal({ session, actorId: actor, target: t, hint, existing }) === null,
      },
    ];
  });
}

/** Required reviews (never home visits) of the wanted kinds. */
const requiredOf = (duties: readonly Duty[], kinds: readonly TargetKind[]) => duties.filter((d) => !d.additional && kinds.includes(d.targetKind));

/** A session as the client sees it (the random sample stays: it is there to be audited). */
export function sessionView(doc: SessionDoc, now: number) {
  return {
    id: doc._id,
    campaignId: doc.campaignId,
    cycleKey: doc.cycleKey,
    orgId: doc.orgId,
    reviewerId: doc.reviewerId,
    reviewerName: doc.reviewerName,
    mode: doc.mode,
    meetingType: doc.meetingType,
    topic: doc.topic,
    date: doc.date,
    place: doc.place,
    // The label is said again from the rule: sessions started earlier stored it with the rule's code.
    targets: doc.targets.map((t, i) => {
      const r = doc.targetRules?.[i];
      return { ...t, ...(r ? ruleView(r.rule, r.ruleLabel.includes('回乡走访')) : { rule: null, ruleLabel: null }) };
    }),
    randomSample: doc.randomSample,
    reportDeadline: doc.reportDeadline,
    opinionDeadline: doc.opinionDeadline,
    opinionsAnonymous: doc.opinionsAnonymous,
    opinionsOpen: opinionsClosed(doc, now) === null,
    opinionsClosed: ((c) => (c ? ERROR_MESSAGES[c] : null))(opinionsClosed(doc, now)),
    version: doc.version,
  };
}

async function groupOrSessionScope(input: { sessionId: string; group?: { data: { opengid: string } } }, caller: Caller, deps: Deps): Promise<EntityScope<SessionDoc>> {
  const session = await getSession(deps.db, input.sessionId);
  if (!session) throw new AppError(caller.tenantId ? 'SESSION.NOT_FOUND' : 'AUTH.UNBOUND');
  if (caller.tenantId && session.tenantId !== caller.tenantId) throw new AppError('AUTH.OTHER_TENANT');
  if (!input.group) return withEntity(await scopeOfOrg(session.orgId, caller, deps), session);
  const org = await findOrgByGroup(deps.db, input.group.data.opengid);
  if (!org || org.tenantId !== session.tenantId || org.retired) throw new AppError('ORG.GROUP_NOT_BOUND');
  // The card belongs to the group's branch only if the session concerns it.
  if (org._id !== session.orgId && !session.opinionOrgIds.includes(org._id)) throw new AppError('SESSION.NOT_FOUND', '该点评活动与本群的党组织无关');
  return withEntity(await scopeOfOrg(org._id, caller, deps), session);
}

export const sessionActions = {
  'session.start': defineAction({
    input: SessionStartInput,
    output: SessionStartOutput,
    mutating: true,
    texts: (i) => [i.topic ?? '', i.place],
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, caller, scope, now, requestKey }) => {
      const org = scopedOrg(scope);
      if (org.retired) throw new AppError('ORG.RETIRED');
      if ((input.mode === 'RANDOM') !== (input.targets.by === 'RANDOM')) {
        throw new AppError('INPUT.INVALID', '随机点评须随机抽取对象，其他方式不能随机抽取', [{ path: ['targets', 'by'], message: '点评方式与选取对象的方式不符' }]);
      }
      checkPlan({ date: input.date, place: input.place, reportDeadline: input.reportDeadline ?? null, opinionDeadline: input.opinionDeadline ?? null }, now);
      const reviewer = reviewerOf(caller, org, input.onBehalfOf);
      const reviewerId = reviewer.kind === 'PERSON' ? reviewer.personId : null;
      const id = newId('ses', now, requestKey);
      const t = input.targets;

      // Load the slice reach needs: only the named targets for PICKED and planned DUE, else the org's people.
      const [campaign, planned, mine] = await Promise.all([
        getCampaign(db, input.campaignId),
        t.by === 'DUE' ? listOpenRequirements(db, [input.campaignId], reviewerId) : Promise.resolve([]),
        t.by === 'DUE' ? listReviewerReviews(db, input.campaignId, reviewerId) : Promise.resolve([]),
      ]);
      if (!campaign || campaign.tenantId !== org.tenantId) throw new AppError('CAMPAIGN.NOT_FOUND');
      const wanted = t.by === 'DUE' ? planned.filter((r) => (t.kinds ?? ALL_KINDS).includes(r.targetKind)) : [];
      const only = t.by === 'PICKED' ? t.picks.map((p) => p.id) : wanted.length ? wanted.map((r) => r.targetId) : undefined;
      // The enterer is read with the slice, for the name kept as 录入人.
      const loaded = await loadReachSlice(db, org, [reviewerId, caller.personId], only);
      if (campaign.coverage) loaded.slice.coverage = campaign.coverage;

      let duties: Duty[];
      let randomSample: ReviewSession['randomSample'] = null;
      if (t.by === 'PICKED') duties = pickedDuties(loaded, reviewer, t.picks, input.mode);
      else if (t.by === 'DUE') {
        // Open planned requirements this reviewer can do from here; with no plan, everything required of them here.
        // Those a review of theirs already holds (in another session, or written) stay out: the core's rule, the
        // same 发起点评 counts by before the tap (requirement.list's inSession).
        const inReach = requiredOf(reachFrom(loaded.slice, reviewer), t.kinds ?? ALL_KINDS);
        if (wanted.length) {
          const open = stillToStart(wanted, mine, (r) => ({ campaignId: r.campaignId, reviewerId, cycleKey: r.cycleKey, targetKind: r.targetKind, targetId: r.targetId }));
          duties = inReach.filter((d) => open.some((r) => r.targetKind === d.targetKind && r.targetId === d.targetId));
        } else {
          duties = stillToStart(inReach, mine, (d) => ({ campaignId: campaign._id, reviewerId, cycleKey: cycleKeyOf(campaign, d.rule, input.date), targetKind: d.targetKind, targetId: d.targetId }));
        }
      } else {
        const pool = requiredOf(reachFrom(loaded.slice, reviewer), [t.targetKind]);
        if (pool.length === 0) throw new AppError('SAMPLE.INVALID', '没有可供抽样的点评对象');
        // The seed is the session id: drawn from this request, stored, and re-run by any audit.
        const drawn = unwrap(buildRandomSample(id, t.targetKind, pool.map((d) => d.targetId), t.size));
        const byId = new Map(pool.map((d) => [d.targetId, d]));
        duties = drawn.drawn.map((x) => byId.get(x) as Duty);
        randomSample = drawn.sample;
      }
      if (duties.length === 0) throw new AppError('SESSION.NO_TARGETS');

      const named = reviewer.kind === 'TOP' ? loaded.tenant.topReviewer : loaded.persons.get(reviewer.personId);
      if (!named) throw new AppError(reviewer.kind === 'TOP' ? 'AUTH.FORBIDDEN' : 'PERSON.NOT_FOUND', reviewer.kind === 'TOP' ? '尚未指定上级点评领导，请管理员先在单位设置中填写' : undefined);
      const enteredBy = reviewerId === caller.personId && caller.personId !== null ? null : { id: actorId(caller), name: loaded.persons.get(caller.personId ?? '')?.name ?? '管理员' };

      const targets = duties.map(targetOf);
      const parsed = ReviewSessionSchema.safeParse({
        id,
        tenantId: org.tenantId,
        campaignId: campaign._id,
        cycleKey: cycleKeyOf(campaign, duties[0].rule, input.date),
        reviewerId,
        organiserId: actorId(caller),
        mode: input.mode,
        meetingType: input.meetingType ?? null,
        topic: input.topic ?? null,
        targets,
        randomSample,
        date: input.date,
        place: input.place,
        reportDeadline: input.reportDeadline ?? null,
        opinionDeadline: input.opinionDeadline ?? null,
        opinionsAnonymous: input.opinionsAnonymous,
        // The threshold promised when the session opened: lowering the campaign's later cannot unmask its givers.
        anonymityThreshold: campaign.anonymityThreshold ?? DEFAULT_ANONYMITY_THRESHOLD,
        revealOpinionsAfterDeadline: input.revealOpinionsAfterDeadline ?? false,
        version: 0,
        createdAt: now,
        updatedAt: now,
      });
      if (!parsed.success) throw new AppError('INPUT.INVALID', parsed.error.issues[0]?.message, zodIssues(parsed.error.issues));
      const session = parsed.data;

      const reviewIds = targets.map((_, i) => newId('rv', now, `${requestKey}:${i}`));
      const drafts = unwrap(
        draftReviewsForSession(session, {
          ids: reviewIds,
          reviewer: { personId: reviewerId, name: named.name, unitAndPost: named.unitAndPost ?? '' },
          templateIdFor: (kind) => templateFor(campaign, kind).id,
          now,
        }),
      );
      // Target org paths for scoping, read in one query whoever was drawn (a mobile member is registered elsewhere):
      // always one query, so the cost never depends on the draw.
      const known = new Map((await listOrgsByIds(db, [...new Set(targets.map((x) => x.orgId))])).map((o) => [o._id, [...o.path, o._id]]));
      const writes: Write[] = [
        {
          kind: 'create',
          collection: COL.sessions,
          id,
          doc: toDoc(session, {
            orgId: org._id,
            reviewerName: named.name,
            targetIds: [...new Set(targets.map(targetId))],
            opinionOrgIds: [...new Set([org._id, ...targets.map((x) => x.orgId)])],
            targetRules: duties.map((d) => ruleView(d.rule, d.additional !== undefined)),
          }),
        },
        ...drafts.map((r, i): Write => {
          const d = duties[i];
          return {
            kind: 'create',
            collection: COL.reviews,
            id: r.id,
            doc: toDoc(
              { ...r, rule: d.rule, cycleKey: cycleKeyOf(campaign, d.rule, input.date), ...(enteredBy ? { enteredBy } : {}), ...(d.additional ? { additional: true } : {}), ...(d.hint ? { hint: d.hint } : {}) },
              {
                reviewerId,
                targetKey: targetId(r.target),
                orgId: org._id,
                targetOrgPath: known.get(r.target.orgId) ?? [r.target.orgId],
                // A home visit is read by the inflow org's secretary, whose review is the required one.
                ...(d.additional ? { readerOrgIds: [d.orgId] } : {}),
                moderation: 'PASS',
              },
            ),
          };
        }),
      ];
      return mutation(
        {
          sessionId: id,
          targets: targets.map((x, i) => ({ ...x, ...ruleView(duties[i].rule, duties[i].additional !== undefined) })),
          reviews: drafts.map((r) => ({ reviewId: r.id, target: r.target, version: 1 })),
          randomSample,
          reviewer: { personId: reviewerId, name: named.name },
          enteredBy: enteredBy ? { name: enteredBy.name } : null,
        },
        writes,
      );
    },
  }),

  'session.update': defineAction({
    input: SessionUpdateInput,
    output: SessionUpdateOutput,
    mutating: true,
    texts: (i) => [i.place],
    scope: sessionScope,
    run: async ({ db, input, caller, scope, now }) => {
      const session = scope.entity;
      const [reviews, campaign] = await Promise.all([listSessionReviews(db, session._id), getCampaign(db, session.campaignId)]);
      const refusal = sessionPlanEditRefusal(session, { id: actorId(caller), admin: caller.admin }, reviews.map((r) => r.status));
      if (refusal) throw new AppError(refusal.code, refusal.message);
      if (session.version !== input.version) throw new AppError('CONFLICT', '该点评活动已在别处修改，请刷新后再改');
      const plan = { date: input.date, place: input.place, reportDeadline: input.reportDeadline, opinionDeadline: input.opinionDeadline };
      checkPlan(plan, now);
      if (!campaign) throw new AppError('CAMPAIGN.NOT_FOUND');
      // A review counts in the cycle of the session's day: a new day in another cycle would move what was planned.
      const moved = reviews.some((r) => r.rule !== null && cycleKeyOf(campaign, r.rule, input.date) !== r.cycleKey);
      if (moved) throw new AppError('INPUT.INVALID', '新的点评日期在另一个点评周期，请另行发起点评', [{ path: ['date'], message: '新的点评日期在另一个点评周期，请另行发起点评' }]);
      const writes: Write[] = [
        { kind: 'update', collection: COL.sessions, id: session._id, expectedVersion: session.version, patch: { ...plan, updatedAt: now } },
        // The drafts carry the session's place onto each review form; a review already submitted keeps what it was submitted with.
        ...reviews
          .filter((r) => reviewEditable(r.status) && r.place !== input.place)
          .map((r): Write => ({ kind: 'update', collection: COL.reviews, id: r._id, expectedVersion: r.version, patch: { place: input.place, updatedAt: now } })),
      ];
      return mutation({ sessionId: session._id, version: session.version + 1 }, writes);
    },
  }),

  // 发到支部微信群 with progress: the card becomes a WeChat updatable message (docs/updatable-card.md).
  'session.card': defineAction({
    input: SessionCardInput,
    output: SessionCardOutput,
    mutating: true,
    scope: sessionScope,
    run: async ({ db, cloud, caller, scope, now }) => {
      const session = scope.entity;
      const refusal = cardShareRefusal(session, actorId(caller));
      if (refusal) throw new AppError(refusal.code, refusal.message);
      const templateInfo = cardTemplateInfo(cardProgressOf(session, await listSessionReports(db, session._id)));
      if (cardShareable(session.card, now)) return { activityId: session.card.activityId, expiresAt: session.card.expiresAt, templateInfo, reused: true };
      let created: { activityId: string; expirationTime?: number };
      try {
        created = await createCardActivity(cloud);
      } catch (err) {
        console.warn('[api] session.card: createActivityId failed', err);
        throw new AppError('SESSION.CARD_UNAVAILABLE');
      }
      const card = { activityId: created.activityId, expiresAt: cardExpiry(created.expirationTime, now), createdAt: now, state: 0 as const };
      return mutation({ activityId: card.activityId, expiresAt: card.expiresAt, templateInfo, reused: false }, [
        { kind: 'update', collection: COL.sessions, id: session._id, expectedVersion: session.version, patch: { card: db.command.set(card), updatedAt: now } },
      ]);
    },
  }),

  'session.get': defineAction({
    input: SessionGetInput,
    output: SessionGetOutput,
    mutating: false,
    scope: groupOrSessionScope,
    run: async ({ db, input, caller, scope, now }) => {
      const session = scope.entity;
      const sessionOrg = scope.orgDoc?._id === session.orgId ? scope.orgDoc : undefined;
      const actor = sessionActorOf(caller, sessionOrg);
      if (!maySeeSession(session, actor)) throw new AppError('AUTH.FORBIDDEN', '您与该点评活动无关');
      const official = isSessionOfficial(session, actor);
      const mine = session.targets.filter((t) => answersFor(caller, t));
      const asked = caller.orgId !== null && session.opinionOrgIds.includes(caller.orgId);
      // The reviewer writes every review of the session from its page (the batch entry after a meeting).
      const writes = runsSession(session, actor.id);
      const [reports, reviews, campaign, targetReports, opinions, commitments] = await Promise.all([
        mine.length && caller.personId ? listMyReportsInSession(db, session._id, caller.personId) : Promise.resolve([]),
        writes ? listSessionReviews(db, session._id) : Promise.resolve([]),
        writes ? getCampaign(db, session.campaignId) : Promise.resolve(null),
        // What the writer reads beside the boxes: three constant reads, whatever the number of targets.
        writes ? listSessionReports(db, session._id) : Promise.resolve([]),
        writes ? listSessionOpinions(db, session._id) : Promise.resolve([]),
        writes ? listCommitmentsByOwners(db, session.campaignId, session.targets.map(targetOwnerKey)) : Promise.resolve([]),
      ]);
      const kinds = [...new Set(session.targets.map((t) => t.kind))];
      const view = sessionView(session, now);
      // The review-quality hints are computed on the phone from this (see shared/review-quality.ts for why).
      const quality = writes && reviews.length ? await loadQualityContext(db, { campaignId: session.campaignId, reviewerId: session.reviewerId, reviews, exclude: { sessionId: session._id } }) : null;
      return {
        session: view,
        me: {
          official,
          /** The targets the caller answers for (reports, rectifications). */
          targets: mine,
          reports: reports.map((r) => ({ ...reportOf(r), version: r.version, late: r.late })),
          canGiveOpinion: view.opinionsOpen && asked && !official,
          // Reviews are read for their writers only: for the office the server alone says when it is too late.
          canEditPlan: sessionPlanEditRefusal(session, { id: actorId(caller), admin: caller.admin }, reviews.map((r) => r.status)) === null,
          canShareCard: cardShareRefusal(session, actorId(caller)) === null,
        },
        group: input.group && scope.orgDoc ? { orgId: scope.orgDoc._id, name: scope.orgDoc.name } : null,
        /** The session's reviews with their text and version, for its reviewer only (empty for anyone else). */
        reviews: reviews.map((r) => ({
          id: r._id,
          target: r.target,
          rule: r.rule,
          ruleLabel: r.rule ? ruleView(r.rule, r.additional === true).ruleLabel : null,
          status: r.status,
          version: r.version,
          aspects: r.aspects,
          achievements: r.achievements,
          problems: r.problems,
          direction: r.direction,
          rectification: r.rectification,
          exemplary: r.exemplary,
          exemplaryNote: r.exemplaryNote,
          enteredBy: r.enteredBy ?? null,
          hintLabel: r.hint ? REVIEW_HINT_LABELS[r.hint] : null,
        })),
        /** The campaign's template for each kind of target here: the aspects the reviewer writes. */
        templates: campaign ? Object.fromEntries(kinds.map((k) => [k, templateFor(campaign, k)])) : {},
        quality,
        context: writes ? readingFor(session, { reports: targetReports, opinions, commitments }, caller, managesSessionOpinions(session, actor), official, now) : [],
        entries: writes ? entriesOf(session, reviews, targetReports, actorId(caller)) : [],
        stage: writes ? sessionStage({ ...session, reviews }, cstDateOf(now)) : null,
        // A live card is shared again as it is (its progress now); none after publication.
        card:
          writes && session.publishedAt === undefined && cardShareable(session.card, now)
            ? { activityId: session.card.activityId, expiresAt: session.card.expiresAt, templateInfo: cardTemplateInfo(cardProgressOf(session, targetReports)), reused: true }
            : null,
      };
    },
  }),

  'session.list': defineAction({
    input: SessionListInput,
    output: SessionListOutput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, input, caller, now }) => {
      const docs = await listSessionsOfActor(db, caller.tenantId, actorId(caller), input.campaignId);
      return { sessions: docs.map((d) => sessionView(d, now)) };
    },
  }),
};
