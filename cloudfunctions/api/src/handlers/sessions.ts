/**
 * 发起点评: a reviewer starts a session from the org they review from (as its secretary or as its
 * liaison leader). Targets are those still due (planned requirements, or everyone reviewable not yet
 * reviewed this cycle), a random sample with its stored seed, or picked. Every target gets a DRAFT
 * review at once, so a meeting enters all of them later in one call.
 */
import { SessionGetInput, SessionListInput, SessionStartInput } from '../../../../miniprogram/core/contracts/api/review-work';
import { targetId, type ReviewRule, type TargetKind, type TargetRef } from '../../../../miniprogram/core/contracts/review';
import { ReviewSessionSchema, type ReviewSession } from '../../../../miniprogram/core/contracts/session';
import { cstStartOf, ruleCycleAt } from '../../../../miniprogram/core/domain/cycles';
import { buildRandomSample } from '../../../../miniprogram/core/domain/sampling';
import { draftReviewsForSession, cstEndOfDay } from '../../../../miniprogram/core/domain/workflow';
import { defineAction, type Caller, type Deps, type Scope } from '../frame/action';
import type { Db } from '../frame/db';
import { AppError, unwrap } from '../frame/errors';
import { mutation, type Write } from '../frame/uow';
import { OrgDoc, PersonDoc, type CampaignDoc } from '../repositories/docs';
import { findMany } from '../repositories/read';
import { C, PAGE, findOrgByGroup, getCampaign, getPerson, listChildOrgs } from '../repositories/store';
import { W, getSession, listMyReportsInSession, listOpenRequirements, listReviewerReviews, listSessionReviews } from '../repositories/work';
import { SessionDoc } from '../repositories/work-docs';
import { campaignOf } from './campaigns';
import { newId, orgScope, scopedOrg, scopeOfOrg, tenantScope } from './scope';
import { actorId, answersFor, isSessionOfficial, issuesOf, keep, kept, reportOf, templateFor, toDoc } from './work-shared';

/** Who the caller may review from one org: as its secretary (R1–R4, R6) and/or its liaison leader (R5). */
interface Reach {
  org: OrgDoc;
  secretary: boolean;
  liaison: boolean;
  /** Directly subordinate orgs (not 党小组): R2/R3 targets of a secretary. */
  children: OrgDoc[];
  me: string;
}

interface Candidate {
  target: TargetRef;
  rule: ReviewRule;
}

const key = (kind: TargetKind, id: string) => `${kind}:${id}`;

/** The rule under which `reach` may review this person as `kind`, or null when it may not. */
function personRule(reach: Reach, kind: TargetKind, p: PersonDoc): ReviewRule | null {
  if (p._id === reach.me || p.left || !p.isMember || p.tenantId !== reach.org.tenantId) return null;
  const o = reach.org._id;
  if (kind === 'MEMBER' && reach.secretary) {
    const inflow = p.flags?.mobile?.inflowOrgId;
    if (inflow === o && p.orgId !== o) return 'R6';
    if (p.orgId === o && (!inflow || inflow === o)) return 'R1';
  }
  if (kind === 'COMMITTEE_MEMBER' && reach.secretary && reach.org.committeeMemberIds.includes(p._id)) return 'R4';
  if (kind === 'ORG_LEADER') {
    if (reach.secretary && reach.children.some((c) => c.secretaryId === p._id)) return 'R3';
    if (reach.liaison && reach.org.secretaryId === p._id) return 'R5';
  }
  return null;
}

function orgRule(reach: Reach, orgId: string): ReviewRule | null {
  if (reach.secretary && reach.children.some((c) => c._id === orgId)) return 'R2';
  if (reach.liaison && reach.org._id === orgId) return 'R5';
  return null;
}

const personTarget = (kind: TargetKind, p: PersonDoc): TargetRef => ({ kind, orgId: p.orgId, personId: p._id, name: p.name });
const orgTarget = (o: OrgDoc): TargetRef => ({ kind: 'ORG', orgId: o._id, personId: null, name: o.name });
const orgById = (reach: Reach, id: string) => (reach.org._id === id ? reach.org : reach.children.find((c) => c._id === id));

async function personsByIds(db: Db, ids: readonly string[]): Promise<PersonDoc[]> {
  const unique = [...new Set(ids)];
  return unique.length ? findMany(db, C.persons, PersonDoc, { _id: db.command.in(unique) }, { limit: unique.length }) : [];
}

/** Resolves named targets (kind + id) that the reach may review; unknown or out-of-reach ones are reported by index. */
async function resolvePicks(db: Db, reach: Reach, picks: ReadonlyArray<{ kind: TargetKind; id: string }>): Promise<Candidate[]> {
  const persons = new Map((await personsByIds(db, picks.filter((p) => p.kind !== 'ORG').map((p) => p.id))).map((p) => [p._id, p]));
  const issues: Array<{ path: Array<string | number>; message: string }> = [];
  const out: Candidate[] = [];
  picks.forEach((pick, i) => {
    if (pick.kind === 'ORG') {
      const org = orgById(reach, pick.id);
      const rule = org ? orgRule(reach, org._id) : null;
      if (org && rule) out.push({ target: orgTarget(org), rule });
      else issues.push({ path: ['targets', 'picks', i], message: '您不能点评该党组织' });
      return;
    }
    const p = persons.get(pick.id);
    const rule = p ? personRule(reach, pick.kind, p) : null;
    if (p && rule) out.push({ target: personTarget(pick.kind, p), rule });
    else issues.push({ path: ['targets', 'picks', i], message: pick.id === reach.me ? '不能点评自己' : '您不能以该身份点评此人' });
  });
  if (issues.length) throw new AppError(issues.every((i) => i.message === '不能点评自己') ? 'REVIEW.SELF' : 'AUTH.FORBIDDEN', '部分点评对象不在您的点评范围内', issues);
  return out;
}

/** Everyone the reach may review: reads the org's members page by page (O(org size), never the tenant). */
async function population(db: Db, reach: Reach, kinds: readonly TargetKind[]): Promise<Candidate[]> {
  const want = new Set(kinds);
  const o = reach.org._id;
  const members: PersonDoc[] = [];
  if (want.has('MEMBER') && reach.secretary) {
    for (let skip = 0; ; skip += PAGE) {
      const page = await findMany(db, C.persons, PersonDoc, { orgId: o }, { limit: PAGE, skip, orderBy: [['_id', 'asc']] });
      members.push(...page);
      if (page.length < PAGE) break;
    }
    members.push(...(await findMany(db, C.persons, PersonDoc, { 'flags.mobile.inflowOrgId': o }, { limit: PAGE })));
  }
  const leaderIds = [
    ...(want.has('COMMITTEE_MEMBER') && reach.secretary ? reach.org.committeeMemberIds : []),
    ...(want.has('ORG_LEADER') && reach.secretary ? reach.children.map((c) => c.secretaryId).filter((id): id is string => !!id) : []),
    ...(want.has('ORG_LEADER') && reach.liaison && reach.org.secretaryId ? [reach.org.secretaryId] : []),
  ];
  const leaders = await personsByIds(db, leaderIds);
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (c: Candidate) => {
    const k = key(c.target.kind, targetId(c.target));
    if (seen.has(k)) return;
    seen.add(k);
    out.push(c);
  };
  if (want.has('ORG')) for (const org of [reach.org, ...reach.children]) {
    const rule = orgRule(reach, org._id);
    if (rule) add({ target: orgTarget(org), rule });
  }
  for (const kind of ['ORG_LEADER', 'COMMITTEE_MEMBER'] as const) {
    if (!want.has(kind)) continue;
    for (const p of leaders) {
      const rule = personRule(reach, kind, p);
      if (rule) add({ target: personTarget(kind, p), rule });
    }
  }
  for (const p of members) {
    const rule = personRule(reach, 'MEMBER', p);
    if (rule) add({ target: personTarget('MEMBER', p), rule });
  }
  return out;
}

const ALL_KINDS: TargetKind[] = ['ORG', 'ORG_LEADER', 'COMMITTEE_MEMBER', 'MEMBER'];
/** Reviews count towards the cycle of the session's day; noon CST keeps it inside that day. */
const HALF_DAY = 12 * 3600 * 1000;

/** The cycle key a target's review counts in, under its rule. */
function cycleKeyOf(campaign: CampaignDoc, rule: ReviewRule, date: string): string {
  return unwrap(ruleCycleAt(campaignOf(campaign), rule, cstStartOf(date) + HALF_DAY)).key;
}

/**
 * Targets still due to the reviewer: the open planned requirements they can do from this org; when
 * nothing is planned, everyone they may review from it. Either way minus those they already have a
 * review for in the same cycle (in any session).
 */
async function dueTargets(db: Db, reach: Reach, campaign: CampaignDoc, date: string, kinds: readonly TargetKind[]): Promise<Candidate[]> {
  const [requirements, mine] = await Promise.all([listOpenRequirements(db, [campaign._id], reach.me), listReviewerReviews(db, campaign._id, reach.me)]);
  const wanted = requirements.filter((r) => kinds.includes(r.targetKind as TargetKind));
  const candidates = wanted.length
    ? await resolveSome(db, reach, wanted.map((r) => ({ kind: r.targetKind as TargetKind, id: r.targetId })))
    : await population(db, reach, kinds);
  const taken = new Set(mine.map((r) => `${r.cycleKey}|${key(r.target.kind, r.targetKey)}`));
  return candidates.filter((c) => !taken.has(`${cycleKeyOf(campaign, c.rule, date)}|${key(c.target.kind, targetId(c.target))}`));
}

/** Like resolvePicks, but keeps only the reachable ones (requirements due from other orgs are left for sessions there). */
async function resolveSome(db: Db, reach: Reach, picks: ReadonlyArray<{ kind: TargetKind; id: string }>): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const persons = new Map((await personsByIds(db, picks.filter((p) => p.kind !== 'ORG').map((p) => p.id))).map((p) => [p._id, p]));
  for (const pick of picks) {
    if (pick.kind === 'ORG') {
      const org = orgById(reach, pick.id);
      const rule = org ? orgRule(reach, org._id) : null;
      if (org && rule) out.push({ target: orgTarget(org), rule });
    } else {
      const p = persons.get(pick.id);
      const rule = p ? personRule(reach, pick.kind, p) : null;
      if (p && rule) out.push({ target: personTarget(pick.kind, p), rule });
    }
  }
  return out;
}

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
    targets: doc.targets,
    randomSample: doc.randomSample,
    reportDeadline: doc.reportDeadline,
    opinionDeadline: doc.opinionDeadline,
    opinionsAnonymous: doc.opinionsAnonymous,
    opinionsOpen: doc.opinionDeadline === null || now <= cstEndOfDay(doc.opinionDeadline),
    version: doc.version,
  };
}

async function groupOrSessionScope(input: { sessionId: string; group?: { data: { opengid: string } } }, caller: Caller, deps: Deps): Promise<Scope> {
  const session = await getSession(deps.db, input.sessionId);
  if (!session) throw new AppError(caller.tenantId ? 'SESSION.NOT_FOUND' : 'AUTH.UNBOUND');
  if (caller.tenantId && session.tenantId !== caller.tenantId) throw new AppError('AUTH.OTHER_TENANT');
  keep(input, 'session', session);
  if (!input.group) return scopeOfOrg(session.orgId, caller, deps);
  const org = await findOrgByGroup(deps.db, input.group.data.opengid);
  if (!org || org.tenantId !== session.tenantId || org.retired) throw new AppError('ORG.GROUP_NOT_BOUND');
  // The card belongs to the group's branch only if the session concerns it.
  if (org._id !== session.orgId && !session.opinionOrgIds.includes(org._id)) throw new AppError('SESSION.NOT_FOUND', '该点评活动与本群的党组织无关');
  return scopeOfOrg(org._id, caller, deps);
}

export const sessionActions = {
  'session.start': defineAction({
    input: SessionStartInput,
    mutating: true,
    texts: (i) => [i.topic ?? '', i.place],
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, caller, scope, now, requestKey }) => {
      const org = scopedOrg(scope);
      if (org.retired) throw new AppError('ORG.RETIRED');
      const me = caller.personId;
      if (!me) throw new AppError('AUTH.FORBIDDEN', '点评人须是名册中的人员');
      const [campaign, reviewer, children] = await Promise.all([getCampaign(db, input.campaignId), getPerson(db, me), listChildOrgs(db, org._id)]);
      if (!campaign || campaign.tenantId !== org.tenantId) throw new AppError('CAMPAIGN.NOT_FOUND');
      if (!reviewer) throw new AppError('PERSON.NOT_FOUND');
      const reach: Reach = {
        org,
        secretary: org.secretaryId === me,
        liaison: caller.liaisonOf.includes(org._id),
        children: children.filter((c) => !c.retired && c.kind !== 'GROUP'),
        me,
      };
      const id = newId('ses', now, requestKey);

      let candidates: Candidate[];
      let randomSample: ReviewSession['randomSample'] = null;
      const t = input.targets;
      if (t.by === 'PICKED') candidates = await resolvePicks(db, reach, t.picks);
      else if (t.by === 'DUE') candidates = await dueTargets(db, reach, campaign, input.date, t.kinds ?? ALL_KINDS);
      else {
        const pool = await population(db, reach, [t.targetKind]);
        if (pool.length === 0) throw new AppError('SAMPLE.INVALID', '没有可供抽样的点评对象');
        // The seed is the session id: drawn from this request, stored, and re-run by any audit.
        const drawn = unwrap(buildRandomSample(id, t.targetKind, pool.map((c) => targetId(c.target)), t.size));
        const byId = new Map(pool.map((c) => [targetId(c.target), c]));
        candidates = drawn.drawn.map((d) => byId.get(d) as Candidate);
        randomSample = drawn.sample;
      }
      if (candidates.length === 0) throw new AppError('SESSION.NO_TARGETS');
      if ((input.mode === 'RANDOM') !== (t.by === 'RANDOM')) {
        throw new AppError('INPUT.INVALID', '随机点评须随机抽取对象，其他方式不能随机抽取', [{ path: ['targets', 'by'], message: '点评方式与选取对象的方式不符' }]);
      }

      const targets = candidates.map((c) => c.target);
      const parsed = ReviewSessionSchema.safeParse({
        id,
        tenantId: org.tenantId,
        campaignId: campaign._id,
        cycleKey: cycleKeyOf(campaign, candidates[0].rule, input.date),
        reviewerId: me,
        organiserId: me,
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
        version: 0,
        createdAt: now,
        updatedAt: now,
      });
      if (!parsed.success) throw new AppError('INPUT.INVALID', parsed.error.issues[0]?.message, issuesOf(parsed.error));
      const session = parsed.data;

      const reviewIds = targets.map((_, i) => newId('rv', now, `${requestKey}:${i}`));
      const drafts = unwrap(
        draftReviewsForSession(session, {
          ids: reviewIds,
          reviewer: { personId: me, name: reviewer.name, unitAndPost: reviewer.unitAndPost ?? '' },
          templateIdFor: (kind) => templateFor(campaign, kind).id,
          now,
        }),
      );
      // Target org paths for scoping, read in one query whoever was drawn (a mobile member is registered elsewhere).
      const orgIds = [...new Set(targets.map((x) => x.orgId))];
      const targetOrgs = await findMany(db, C.orgs, OrgDoc, { _id: db.command.in(orgIds) }, { limit: orgIds.length });
      const known = new Map(targetOrgs.map((o) => [o._id, [...o.path, o._id]]));
      const writes: Write[] = [
        {
          kind: 'create',
          collection: W.sessions,
          id,
          doc: toDoc(session, {
            orgId: org._id,
            reviewerName: reviewer.name,
            targetIds: [...new Set(targets.map(targetId))],
            opinionOrgIds: [...new Set([org._id, ...targets.map((x) => x.orgId)])],
          }),
        },
        ...drafts.map((r, i): Write => ({
          kind: 'create',
          collection: W.reviews,
          id: r.id,
          doc: toDoc(
            { ...r, rule: candidates[i].rule, cycleKey: cycleKeyOf(campaign, candidates[i].rule, input.date) },
            { reviewerId: me, targetKey: targetId(r.target), orgId: org._id, targetOrgPath: known.get(r.target.orgId) ?? [r.target.orgId], moderation: 'PASS' },
          ),
        })),
      ];
      return mutation(
        { sessionId: id, targets, reviews: drafts.map((r) => ({ reviewId: r.id, target: r.target, version: 1 })), randomSample },
        writes,
      );
    },
  }),

  'session.get': defineAction({
    input: SessionGetInput,
    mutating: false,
    scope: groupOrSessionScope,
    run: async ({ db, input, caller, scope, now }) => {
      const session = kept<SessionDoc>(input, 'session');
      const sessionOrg = scope.orgDoc?._id === session.orgId ? scope.orgDoc : undefined;
      const official = isSessionOfficial(caller, session, sessionOrg);
      const mine = session.targets.filter((t) => answersFor(caller, t));
      const asked = caller.orgId !== null && session.opinionOrgIds.includes(caller.orgId);
      const leads = caller.secretaryOf.includes(session.orgId) || caller.liaisonOf.includes(session.orgId);
      if (!official && !mine.length && !asked && !leads) throw new AppError('AUTH.FORBIDDEN', '您与该点评活动无关');
      // The reviewer writes every review of the session from its page (the batch entry after a meeting).
      const writes = actorId(caller) === session.reviewerId || actorId(caller) === session.organiserId;
      const [reports, reviews, campaign] = await Promise.all([
        mine.length && caller.personId ? listMyReportsInSession(db, session._id, caller.personId) : Promise.resolve([]),
        writes ? listSessionReviews(db, session._id) : Promise.resolve([]),
        writes ? getCampaign(db, session.campaignId) : Promise.resolve(null),
      ]);
      const kinds = [...new Set(session.targets.map((t) => t.kind))];
      const view = sessionView(session, now);
      return {
        session: view,
        me: {
          official,
          /** The targets the caller answers for (reports, rectifications). */
          targets: mine,
          reports: reports.map((r) => ({ ...reportOf(r), version: r.version, late: r.late })),
          canGiveOpinion: view.opinionsOpen && asked && !official,
        },
        group: input.group && scope.orgDoc ? { orgId: scope.orgDoc._id, name: scope.orgDoc.name } : null,
        /** The session's reviews with their text and version, for its reviewer only (empty for anyone else). */
        reviews: reviews.map((r) => ({
          id: r._id,
          target: r.target,
          rule: r.rule,
          status: r.status,
          version: r.version,
          aspects: r.aspects,
          achievements: r.achievements,
          problems: r.problems,
          direction: r.direction,
          rectification: r.rectification,
          exemplary: r.exemplary,
          exemplaryNote: r.exemplaryNote,
        })),
        /** The campaign's template for each kind of target here: the aspects the reviewer writes. */
        templates: campaign ? Object.fromEntries(kinds.map((k) => [k, templateFor(campaign, k)])) : {},
      };
    },
  }),

  'session.list': defineAction({
    input: SessionListInput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, input, caller, now }) => {
      const _ = db.command;
      const me = actorId(caller);
      const where: Record<string, unknown> = { tenantId: caller.tenantId, ...(input.campaignId ? { campaignId: input.campaignId } : {}) };
      const docs = await findMany(db, W.sessions, SessionDoc, _.and([where, _.or([{ reviewerId: me }, { organiserId: me }])]) as unknown as Record<string, unknown>, {
        limit: 100,
        orderBy: [['date', 'desc']],
      });
      return { sessions: docs.map((d) => sessionView(d, now)) };
    },
  }),
};
