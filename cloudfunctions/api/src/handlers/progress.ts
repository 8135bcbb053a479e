/**
 * Planning and progress (issue 5 action 8, docs/design-progress.md): `campaign.plan` materialises
 * the domain's required reviews, coverage units and per-org counters; `progress.get` reads the
 * 附件1 table of an org and its children from the counters in constant round trips; `progress.gaps`
 * pages through what is left; `progress.submit` (本次上报) fixes a snapshot; `progress.history`.
 */
import { ProgressAssessOutput, ProgressGapsOutput, ProgressGetOutput, ProgressHistoryOutput, ProgressNudgeOutput, ProgressSubmitOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { ProgressAssessInput, ProgressGapsInput, ProgressHistoryInput, ProgressRefInput, ProgressSubmitInput } from '../../../../miniprogram/core/contracts/api/progress';
import { ProgressAttendInput, ProgressMarkWeakInput } from '../../../../miniprogram/core/contracts/api/progress';
import { ProgressAttendOutput, ProgressMarkWeakOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { attendanceRefusal, weakNoteProblem, weakUnitStatus, type WeakState } from '../../../../miniprogram/core/domain/weak-units';
import { cstDateOf } from '../../../../miniprogram/core/domain/cst';
import { assessmentCycle, assessmentProblem } from '../../../../miniprogram/core/domain/assessment';
import { HAND_IN_STATE_LABELS, handInState, handInTally, type HandInState } from '../../../../miniprogram/core/domain/hand-ins';
import { counterRow } from '../../../../miniprogram/core/domain/coverage';
import { coverageSeries } from '../../../../miniprogram/core/domain/dashboard';
import { ruleView } from '../../../../miniprogram/core/domain/reach';
import { VACANCY_LABELS } from '../../../../miniprogram/core/domain/required';
import { nudgeSchedule, progressNudgeText, type NudgeSchedule, type NudgeStatus } from '../../../../miniprogram/core/domain/reminders';
import { dashboardOf } from '../../../../miniprogram/core/domain/dashboard';
import { getNudge, nudgeId, orgNudgeKey, type NudgeDoc } from '../repositories/reminders';
import type { Db } from '../frame/db';
import { AppError } from '../frame/errors';
import { mutation } from '../frame/uow';
import { COL } from '../repositories/collections';
import { campaignOf, type OrgDoc } from '../repositories/docs';
import { getCampaign, getOrg } from '../repositories/store';
import type { CounterDoc, LastReport, ReportRowDoc } from '../repositories/progress-docs';
import { counterWithChildren, getCounter, incompleteUnits, orgsReviewedBy, planJobState, reportsOf } from '../repositories/progress';
import { plannedCounter } from '../plan/plan';
import { PLAN_STALLED_LABEL, staleReasons, STALE_LABELS } from '../plan/plan-stale';
import { qualityCountsOf } from '../shared/review-quality';
import { defineAction, newId, orgScope, scopedOrg } from '../shared/scope';
import { actorId, isUpper } from '../shared/work';

const GAPS_PAGE = 100;
const HISTORY_PAGE = 20;


/** A weak unit's standing this round as its row shows it (weakUnitStatus), or null when it is not marked. */
type WeakView = { state: WeakState; label: string; owed: boolean; note: string; attended: { date: string; note: string } | null } | null;

/**
 * The weak child units of `org` and where each stands in the round: one query for the upper principal's
 * reviews of them, none when no child is marked.
 */
async function weakViews(db: Db, campaignId: string, org: OrgDoc, children: CounterDoc[], round: string | null, cycleKeys: string[]): Promise<Map<string, WeakView>> {
  const marked = children.filter((c) => c.weak);
  if (!marked.length || round === null) return new Map();
  const principal = { id: org.secretaryId ?? null, name: null };
  const reviewed = principal.id === null ? new Set<string>() : await orgsReviewedBy(db, campaignId, principal.id, marked.map((c) => c.orgId), cycleKeys);
  return new Map(
    marked.map((c) => {
      const mark = c.weak!;
      const status = weakUnitStatus(mark, round, principal, reviewed.has(c.orgId));
      const attended = mark.attended?.[round];
      return [c.orgId, { ...status, note: mark.note, attended: attended ? { date: attended.date, note: attended.note } : null }];
    }),
  );
}

/** One row of the table, its figures from the domain's counterRow. */
function tableRow(c: CounterDoc, depth: number, last: LastReport | null, assessedIn: string | null = null, handIn: HandInState | null = null, weak: Map<string, WeakView> | null = null) {
  const assessment = assessedIn === null ? undefined : c.assessments?.[assessedIn];
  const figures = counterRow(c.rolled, last?.rows[c.orgId]);
  return {
    orgId: c.orgId,
    name: c.name,
    kind: c.kind,
    parentId: c.parentId,
    depth,
    hasChildren: c.childCount > 0,
    required: figures.required,
    newlyCompleted: figures.newlyCompleted,
    cumulative: figures.cumulative,
    completed: figures.completed,
    ratio: figures.ratio,
    own: { required: c.own.required, completed: c.own.completed },
    quality: qualityCountsOf(c.quality?.rolled),
    ...(assessedIn === null ? {} : { assessment: assessment ? { text: assessment.text, at: assessment.at } : null }),
    ...(weak === null || depth === 0 ? {} : { weak: weak.get(c.orgId) ?? null }),
    ...(handIn === null ? {} : { handIn: { state: handIn, stateLabel: HAND_IN_STATE_LABELS[handIn], at: c.handIn?.at ?? null } }),
  };
}

/** The org's counter and its children's, or NOT_PLANNED; checks the campaign belongs to the org's tenant. */
async function tableOf(db: Db, campaignId: string, org: OrgDoc) {
  const { self, children } = await counterWithChildren(db, campaignId, org._id);
  if (!self || self.tenantId !== org.tenantId) throw new AppError('PROGRESS.NOT_PLANNED');
  return { self, children };
}

function rowsOf(self: CounterDoc, children: CounterDoc[], assessedIn: string | null = null, now: number | null = null, weak: Map<string, WeakView> | null = null) {
  // The child rows say where each lower unit stands on the 具体方案 this org asked for (read with the rows, no other query).
  const call = now === null ? null : (self.handInCall ?? null);
  const stateOf = (c: CounterDoc) => (call && now !== null ? handInState(call, c.handIn ?? null, now) : null);
  return [tableRow(self, 0, self.lastReport, assessedIn), ...children.map((c) => tableRow(c, 1, self.lastReport, assessedIn, stateOf(c), weak))];
}

/** The counter of a lower unit the caller acts on as the unit above, with its campaign, or the refusal. */
async function lowerUnit(db: Db, campaignId: string, org: OrgDoc) {
  const [campaign, counter] = await Promise.all([getCampaign(db, campaignId), getCounter(db, campaignId, org._id)]);
  if (!campaign || campaign.tenantId !== org.tenantId) throw new AppError('CAMPAIGN.NOT_FOUND');
  if (!counter) throw new AppError('PROGRESS.NOT_PLANNED');
  return { campaign, counter };
}

/** A note as kept (trimmed), or the field error saying what to change. */
function weakNote(note: string | undefined): string {
  const problem = weakNoteProblem(note ?? '');
  if (problem) throw new AppError('INPUT.INVALID', problem, [{ path: ['note'], message: `说明：${problem}` }]);
  return (note ?? '').trim();
}

export const progressActions = {
  'progress.get': defineAction({
    input: ProgressRefInput,
    output: ProgressGetOutput,
    mutating: false,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope, caller, now }) => {
      const org = scopedOrg(scope);
      const [campaign, { self, children }] = await Promise.all([getCampaign(db, input.campaignId), tableOf(db, input.campaignId, org)]);
      if (!campaign || campaign.tenantId !== org.tenantId) throw new AppError('CAMPAIGN.NOT_FOUND');
      const round = assessmentCycle(campaignOf(campaign), now);
      // progress.assess's permission (UPPER_SECRETARY of a child, or the office) as the child rows see it.
      const canAssess = caller.admin || org.secretaryId === caller.personId || isUpper(caller, org);
      const [reasons, reports, weak] = await Promise.all([
        staleReasons(db, self, campaign, now),
        reportsOf(db, input.campaignId, org._id, null, HISTORY_PAGE),
        weakViews(db, input.campaignId, org, children, round.ok ? round.value.key : null, self.cycleKeys),
      ]);
      // Out of date: the remind timer is re-planning it (or will within minutes); say how far it has got, and when it stopped moving.
      const job = reasons.length ? ((await planJobState(db, campaign._id, now)) ?? { percent: 0, stalled: false }) : null;
      const staleList = [...reasons.map((code) => ({ code: code as string, message: STALE_LABELS[code] })), ...(job?.stalled ? [{ code: 'PLAN_STALLED', message: PLAN_STALLED_LABEL }] : [])];
      return {
        campaign: { id: campaign._id, name: campaign.name },
        org: { id: org._id, name: org.name, kind: org.kind },
        asOf: now,
        plan: { id: self.planId, cycleKeys: self.cycleKeys, plannedAt: self.plannedAt },
        stale: reasons.length > 0,
        staleReasons: staleList,
        updating: job === null ? null : { percent: job.percent, stalled: job.stalled, message: job.stalled ? `更新停在 ${job.percent}%` : `正在更新 ${job.percent}%` },
        lastReport: self.lastReport ? { id: self.lastReport.id, asOf: self.lastReport.asOf } : null,
        rows: rowsOf(self, children, round.ok ? round.value.key : null, now, weak),
        handInCall: self.handInCall
          ? { deadline: self.handInCall.deadline, note: self.handInCall.note, ...handInTally(children.map((c) => handInState(self.handInCall!, c.handIn ?? null, now))) }
          : null,
        // handin.ask's permission (this org's secretary, one above it, or the office), when there is a unit below to ask.
        canAskHandIn: children.length > 0 && (caller.admin || org.secretaryId === caller.personId || isUpper(caller, org)),
        // 亲自参加 is the children's upper principal's (this org's secretary) own, or the office's for him.
        assessing: round.ok ? { cycleKey: round.value.key, canAssess, canAttend: attendanceRefusal(caller, org.secretaryId ?? null) === null } : null,
        reportDeadlines: campaign.reportDeadlines ?? [],
        // The dashboard's chart: coverage at each report of this org, then now.
        history: coverageSeries(
          reports.filter((r) => r.tenantId === org.tenantId),
          { asOf: now, required: self.rolled.required, completed: self.rolled.completed },
        ),
      };
    },
  }),

  'progress.gaps': defineAction({
    input: ProgressGapsInput,
    output: ProgressGapsOutput,
    mutating: false,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope }) => {
      const org = scopedOrg(scope);
      const self = await plannedCounter(db, input.campaignId, org);
      const kinds = input.kind === 'NOT_REVIEWING' ? ['LEADER'] : input.kind === 'NOT_REVIEWED' ? ['MEMBER', 'ORG'] : ['LEADER', 'MEMBER', 'ORG'];
      const limit = input.limit ?? GAPS_PAGE;
      const page = await incompleteUnits(db, self.planId, org._id, input.cursor ?? null, kinds, limit);
      const notReviewed = page
        .filter((u) => u.kind !== 'LEADER')
        .map((u) => ({
          kind: u.kind as 'MEMBER' | 'ORG',
          id: u.id,
          name: u.name,
          orgId: u.rowOrgId,
          orgName: u.rowOrgName,
          reason: u.noReviewer ? ('NO_REVIEWER' as const) : ('NOT_DONE' as const),
          vacancies: u.vacancies.map((code) => ({ code, label: VACANCY_LABELS[code] })),
          reviewers: u.reviewers,
          rules: (u.rules ?? []).map((r) => ruleView(r)),
        }));
      const notReviewing = page
        .filter((u) => u.kind === 'LEADER')
        .map((u) => ({ personId: u.id, name: u.name, orgId: u.rowOrgId, orgName: u.rowOrgName, done: u.done, total: u.total, rules: (u.rules ?? []).map((r) => ruleView(r)) }));
      return {
        plan: { id: self.planId, cycleKeys: self.cycleKeys },
        notReviewed,
        notReviewing,
        nextCursor: page.length === limit ? page[page.length - 1]._id : null,
      };
    },
  }),

  'progress.submit': defineAction({
    input: ProgressSubmitInput,
    output: ProgressSubmitOutput,
    mutating: true,
    texts: (i) => (i.writtenSummary ? [i.writtenSummary] : []),
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope, caller, requestKey, now }) => {
      const org = scopedOrg(scope);
      const [campaign, { self, children }] = await Promise.all([getCampaign(db, input.campaignId), tableOf(db, input.campaignId, org)]);
      if (!campaign || campaign.tenantId !== org.tenantId) throw new AppError('CAMPAIGN.NOT_FOUND');
      // A plan being updated would report figures about to change: 本次上报 waits until it is current.
      if ((await staleReasons(db, self, campaign, now)).length) throw new AppError('PROGRESS.UPDATING');
      const rows = rowsOf(self, children);
      const id = newId('prep', now, requestKey);
      const reportRows: ReportRowDoc[] = rows.map((r) => ({
        orgId: r.orgId,
        name: r.name,
        kind: r.kind,
        depth: r.depth,
        required: r.required,
        completed: r.completed,
        newlyCompleted: r.newlyCompleted,
        cumulative: r.cumulative,
      }));
      const byId = new Map([self, ...children].map((c) => [c.orgId, c]));
      const last: LastReport = {
        id,
        asOf: now,
        rows: Object.fromEntries(rows.map((r) => [r.orgId, { events: byId.get(r.orgId)!.rolled.events, cumulative: r.cumulative }])),
      };
      const report = {
        tenantId: org.tenantId,
        campaignId: input.campaignId,
        orgId: org._id,
        orgName: org.name,
        asOf: now,
        planId: self.planId,
        cycleKeys: self.cycleKeys,
        submittedBy: caller.personId,
        previousId: self.lastReport?.id ?? null,
        previousAsOf: self.lastReport?.asOf ?? null,
        // The written 总结 goes with the figures (总结上报 [000][002][004]); kept as written, none when blank.
        writtenSummary: input.writtenSummary?.trim() ? input.writtenSummary.trim() : null,
        rows: reportRows,
      };
      return mutation({ id, ...report }, [
        { kind: 'create', collection: COL.progressReports, id, doc: report },
        // Versioned: two reports submitted at once cannot both claim the same "since last report".
        { kind: 'update', collection: COL.counters, id: self._id, expectedVersion: self.version, patch: { lastReport: db.command.set(last) } },
      ]);
    },
  }),

  // 提醒未完成的: the reviewers behind in this unit and below are reminded by the remind timer, once a day.
  'progress.nudge': defineAction({
    input: ProgressRefInput,
    output: ProgressNudgeOutput,
    mutating: true,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope, caller, now }) => {
      const org = scopedOrg(scope);
      const schedule = nudgeSchedule(now);
      const key = orgNudgeKey(org._id);
      const [{ self, children }, existing] = await Promise.all([tableOf(db, input.campaignId, org), getNudge(db, key, schedule.day)]);
      const behind = dashboardOf(rowsOf(self, children)).gaps;
      // Nobody behind: nothing is sent, so there is no sending time to speak of.
      const reply = (status: NudgeStatus, sending: Pick<NudgeSchedule, 'sendsAt' | 'when'> | null) => ({
        status,
        behind,
        sendsAt: sending?.sendsAt ?? null,
        message: progressNudgeText({ status, behind, when: sending?.when ?? null }),
      });
      if (behind === 0) return mutation(reply('NONE', null), []);
      if (existing) return mutation(reply('ALREADY', schedule), []);
      const doc: Omit<NudgeDoc, '_id'> = { tenantId: org.tenantId, campaignId: input.campaignId, sessionId: key, orgId: org._id, cycleKeys: self.cycleKeys, day: schedule.day, at: now, by: actorId(caller) };
      return mutation(reply('SCHEDULED', schedule), [{ kind: 'create', collection: COL.nudges, id: nudgeId(key, schedule.day), doc }]);
    },
  }),

  'progress.assess': defineAction({
    input: ProgressAssessInput,
    output: ProgressAssessOutput,
    mutating: true,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope, caller, now }) => {
      const org = scopedOrg(scope);
      const [campaign, counter] = await Promise.all([getCampaign(db, input.campaignId), getCounter(db, input.campaignId, org._id)]);
      if (!campaign || campaign.tenantId !== org.tenantId) throw new AppError('CAMPAIGN.NOT_FOUND');
      if (!counter) throw new AppError('PROGRESS.NOT_PLANNED');
      const problem = assessmentProblem(input.text);
      if (problem) throw new AppError('INPUT.INVALID', problem, [{ path: ['text'], message: `评定：${problem}` }]);
      const round = assessmentCycle(campaignOf(campaign), now);
      if (!round.ok) throw new AppError('CYCLE.NOT_FOUND', '今天不在活动期内，不能评定');
      const text = input.text.trim();
      // One 评定 per unit and round; writing again replaces it. The map is set whole, so other rounds stay.
      const assessments = { ...(counter.assessments ?? {}), [round.value.key]: { text, by: actorId(caller), at: now } };
      return mutation({ orgId: org._id, cycleKey: round.value.key, text }, [
        { kind: 'update', collection: COL.counters, id: counter._id, expectedVersion: counter.version, patch: { assessments: db.command.set(assessments) } },
      ]);
    },
  }),

  // 标为薄弱单位 [001]: a unit above marks this one (or lifts the mark); its principal then owes taking part each round.
  'progress.markWeak': defineAction({
    input: ProgressMarkWeakInput,
    output: ProgressMarkWeakOutput,
    mutating: true,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope, caller, now }) => {
      const org = scopedOrg(scope);
      const { counter } = await lowerUnit(db, input.campaignId, org);
      const note = weakNote(input.note);
      // Lifting keeps nothing; marking again keeps the attendance already recorded.
      const weak = input.weak ? { note, by: actorId(caller), at: now, attended: counter.weak?.attended ?? {} } : null;
      return mutation({ orgId: org._id, weak: input.weak }, [
        { kind: 'update', collection: COL.counters, id: counter._id, expectedVersion: counter.version, patch: { weak: db.command.set(weak) } },
      ]);
    },
  }),

  // 登记亲自参加 [001]: the upper principal took part in a weak unit's review this round (会议、走访).
  'progress.attend': defineAction({
    input: ProgressAttendInput,
    output: ProgressAttendOutput,
    mutating: true,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope, caller, now }) => {
      const org = scopedOrg(scope);
      const [{ campaign, counter }, parent] = await Promise.all([lowerUnit(db, input.campaignId, org), org.parentId ? getOrg(db, org.parentId) : Promise.resolve(null)]);
      if (!counter.weak) throw new AppError('PROGRESS.NOT_WEAK');
      const refusal = attendanceRefusal(caller, parent?.secretaryId ?? null);
      if (refusal) throw new AppError(refusal);
      const round = assessmentCycle(campaignOf(campaign), now);
      if (!round.ok) throw new AppError('CYCLE.NOT_FOUND', '今天不在活动期内，不能登记');
      if (input.date > cstDateOf(now)) throw new AppError('INPUT.INVALID', '参加日期不能晚于今天', [{ path: ['date'], message: '参加日期：不能晚于今天' }]);
      const note = weakNote(input.note);
      const attended = { ...(counter.weak.attended ?? {}), [round.value.key]: { date: input.date, note, by: actorId(caller), at: now } };
      return mutation({ orgId: org._id, cycleKey: round.value.key, date: input.date }, [
        { kind: 'update', collection: COL.counters, id: counter._id, expectedVersion: counter.version, patch: { weak: db.command.set({ ...counter.weak, attended }) } },
      ]);
    },
  }),

  'progress.history': defineAction({
    input: ProgressHistoryInput,
    output: ProgressHistoryOutput,
    mutating: false,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope }) => {
      const org = scopedOrg(scope);
      const reports = (await reportsOf(db, input.campaignId, org._id, input.before ?? null, HISTORY_PAGE)).filter((r) => r.tenantId === org.tenantId);
      return {
        reports: reports.map((r) => ({ id: r._id, asOf: r.asOf, orgName: r.orgName, cycleKeys: r.cycleKeys, submittedBy: r.submittedBy, previousAsOf: r.previousAsOf, writtenSummary: r.writtenSummary ?? null, rows: r.rows })),
        nextBefore: reports.length === HISTORY_PAGE ? reports[reports.length - 1].asOf : null,
      };
    },
  }),
};
