/**
 * 汇报情况: each target (the member, or the secretary for an org) writes a report on its commitments,
 * their fulfilment and its plans; drafts are kept; the session's officials see who has reported, and
 * its reviewer, organiser or an admin may nudge those who have not (`session.nudge`: a nudge the
 * `remind` timer turns into REPORT_DUE reminders, under the same once-a-day ledger).
 */
import { ReportSaveOutput, ReportStatusOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { COL } from '../repositories/collections';
import { ReportEnterInput, ReportSaveInput, SessionRefInput } from '../../../../miniprogram/core/contracts/api/review-work';
import { targetId, type TargetRef } from '../../../../miniprogram/core/contracts/review';
import { REPORT_ENTRY_WAY_LABELS, type Report } from '../../../../miniprogram/core/contracts/report';
import { cstEndOfDay, reportDrafted, reportEditable, reportSubmitted, submitReport } from '../../../../miniprogram/core/domain/workflow';
import { SessionNudgeInput, SessionNudgeOutput } from '../../../../miniprogram/core/contracts/api/reminders';
import { nudgeSchedule, reportsOpenOn, type NudgeStatus } from '../../../../miniprogram/core/domain/reminders';
import { type Caller, type Deps } from '../frame/action';
import type { Cloud, Db } from '../frame/db';
import { AppError, unwrap } from '../frame/errors';
import { mutation } from '../frame/uow';
import { getNudge, nudgeId, type NudgeDoc } from '../repositories/reminders';
import { getReport, getSession, listSessionReports, listSessionReviews } from '../repositories/work';
import { getPerson } from '../repositories/store';
import { reportEntryRefusal } from '../../../../miniprogram/core/domain/report-entry';
import type { ReportDoc, SessionDoc } from '../repositories/work-docs';
import { answersFor } from '../../../../miniprogram/core/domain/visibility';
import { nudgeRefusal } from '../../../../miniprogram/core/domain/session-officials';
import { defineAction, newId, scopeOfOrg, withEntity, type EntityScope } from '../shared/scope';
import { updateCardAfterReport } from '../shared/session-card';
import { actorId, reportOf, requireOfficial, sessionTarget, toDoc, sessionScope } from '../shared/work';

/** One report per session and target: its id is derived from them, so two first saves cannot both create. */
export function reportId(sessionId: string, target: Pick<TargetRef, 'kind' | 'orgId' | 'personId'>): string {
  return newId('rp', 0, `${sessionId}|${target.kind}|${targetId(target)}`);
}

/** A report as its reader sees it; held text only to its author. */
function reportView(doc: ReportDoc, own: boolean) {
  const hidden = doc.moderation === 'HELD' && !own;
  return {
    id: doc._id,
    target: doc.target,
    status: doc.status,
    submittedAt: doc.submittedAt,
    late: doc.late,
    held: doc.moderation === 'HELD',
    fulfilment: hidden ? '' : doc.fulfilment,
    work: hidden ? '' : doc.work,
    plans: hidden ? '' : doc.plans,
    version: doc.version,
    entered: doc.enteredBy ? `${doc.enteredBy.name}${doc.way ? REPORT_ENTRY_WAY_LABELS[doc.way] : ''}后代为录入` : null,
  };
}

/** The report's target org is the scope: members answer for themselves, secretaries for their org. */
async function targetScope(input: { sessionId: string; target: { kind: TargetRef['kind']; id: string } }, caller: Caller, deps: Deps): Promise<EntityScope<SessionDoc>> {
  const session = await getSession(deps.db, input.sessionId);
  if (!session) throw new AppError(caller.tenantId ? 'SESSION.NOT_FOUND' : 'AUTH.UNBOUND');
  if (caller.tenantId && session.tenantId !== caller.tenantId) throw new AppError('AUTH.OTHER_TENANT');
  return withEntity(await scopeOfOrg(sessionTarget(session, input.target).orgId, caller, deps), session);
}

/** The targets of a session without a submitted report among these reports. */
/**
 * Writes a report as saved or entered: late when submitted past the session's report deadline, created or
 * updated against the version read, and, once submitted, the group's card moved on (best-effort, after the
 * commit; none without a card).
 */
function storeReport(a: { db: Db; cloud: Cloud; session: SessionDoc; report: Report; target: TargetRef; existing: ReportDoc | null; moderation: ReportDoc['moderation']; now: number }) {
  const { db, cloud, session, report, target, existing, moderation, now } = a;
  const id = report.id;
  const submitted = reportSubmitted(report.status);
  const late = submitted && session.reportDeadline !== null && now > cstEndOfDay(session.reportDeadline);
  const extra = { campaignId: session.campaignId, targetKey: targetId(target), late, moderation };
  const data = { reportId: id, status: report.status, late, held: moderation === 'HELD', version: existing ? existing.version + 1 : 1 };
  const after = submitted && session.card ? () => updateCardAfterReport(cloud, db, session, now) : undefined;
  if (!existing) return mutation(data, [{ kind: 'create', collection: COL.reports, id, doc: toDoc(report, extra) }], { after });
  const { id: _id, version: _v, ...patch } = { ...report, ...extra };
  return mutation(data, [{ kind: 'update', collection: COL.reports, id, expectedVersion: existing.version, patch: { ...patch, target: db.command.set(target) } }], { after });
}

/** The report an edit starts from: the stored one, or a new draft of the target in the session. */
function reportBase(existing: ReportDoc | null, session: SessionDoc, id: string, target: TargetRef, now: number): Omit<Report, 'authorId' | 'fulfilment' | 'work' | 'plans' | 'updatedAt'> {
  return existing ? reportOf(existing) : { id, tenantId: session.tenantId, sessionId: session._id, target, status: 'DRAFT', submittedAt: null, createdAt: now, version: 0 };
}

function notReportedOf(session: SessionDoc, reports: readonly ReportDoc[]) {
  const submitted = new Set(reports.filter((r) => reportSubmitted(r.status)).map((r) => `${r.target.kind}:${r.targetKey}`));
  return session.targets.filter((t) => !submitted.has(`${t.kind}:${targetId(t)}`));
}

export const reportActions = {
  'report.save': defineAction({
    input: ReportSaveInput,
    output: ReportSaveOutput,
    mutating: true,
    texts: (i) => [i.fulfilment, i.work, i.plans],
    scope: targetScope,
    run: async ({ db, cloud, input, caller, scope, now, moderation }) => {
      const session = scope.entity;
      const target = sessionTarget(session, input.target);
      if (!answersFor(caller, target) || !caller.personId) throw new AppError('AUTH.FORBIDDEN', '只有被点评的党员本人（党组织由书记）可以汇报');
      const id = reportId(session._id, target);
      const existing = await getReport(db, id);
      if (!existing && input.version !== undefined) throw new AppError('CONFLICT', '该汇报不存在，请刷新后重试');
      if (existing && input.version === undefined) throw new AppError('CONFLICT', '您已保存过汇报，请刷新后在原稿上修改');
      if (existing && existing.version !== input.version) throw new AppError('CONFLICT');
      if (existing && !reportEditable(existing.status)) throw new AppError('STATE.ILLEGAL_TRANSITION', '汇报已提交，不能再修改');
      let report: Report = {
        ...reportBase(existing, session, id, target, now),
        authorId: caller.personId,
        fulfilment: input.fulfilment,
        work: input.work,
        plans: input.plans,
        updatedAt: now,
      };
      if (input.submit) report = unwrap(submitReport(report, { personId: caller.personId, roles: ['TARGET'], now }));
      return storeReport({ db, cloud, session, report, target, existing, moderation, now });
    },
  }),

  // 代为录入汇报: the secretary types in what an elderly or away member said on a visit, a call or a talk.
  'report.enter': defineAction({
    input: ReportEnterInput,
    output: ReportSaveOutput,
    mutating: true,
    texts: (i) => [i.fulfilment, i.work, i.plans],
    scope: targetScope,
    run: async ({ db, cloud, input, caller, scope, now, moderation }) => {
      const session = scope.entity;
      const target = sessionTarget(session, input.target);
      const id = reportId(session._id, target);
      const [reviews, existing, me] = await Promise.all([listSessionReviews(db, session._id), getReport(db, id), caller.personId ? getPerson(db, caller.personId) : Promise.resolve(null)]);
      // The hint is the one the plan kept on the target's review, the same that session.get shows beside the button.
      const hint = reviews.find((r) => r.target.kind === target.kind && targetId(r.target) === targetId(target))?.hint ?? null;
      const refusal = reportEntryRefusal({ session, actorId: actorId(caller), target, hint, existing: existing ? { status: existing.status, entered: existing.enteredBy !== undefined } : null });
      if (refusal) throw new AppError(refusal.code, refusal.message);
      const personId = target.personId as string;
      const enteredBy = { id: actorId(caller), name: me?.name ?? '活动办公室' };
      const draft: Report = {
        ...reportBase(existing, session, id, target, now),
        // The member stays the author (their own screen lists it as theirs); the secretary is 录入人.
        authorId: personId,
        enteredBy,
        way: input.way,
        fulfilment: input.fulfilment,
        work: input.work,
        plans: input.plans,
        updatedAt: now,
      };
      // The enterer submits in the member's place, as the rule above allowed.
      const report = unwrap(submitReport(draft, { personId, roles: ['TARGET'], now }));
      return storeReport({ db, cloud, session, report, target, existing, moderation, now });
    },
  }),

  'report.status': defineAction({
    input: SessionRefInput,
    output: ReportStatusOutput,
    mutating: false,
    scope: sessionScope,
    run: async ({ db, caller, scope }) => {
      const session = scope.entity;
      requireOfficial(caller, session, scope.orgDoc);
      const reports = await listSessionReports(db, session._id);
      const byTarget = new Map(reports.map((r) => [`${r.target.kind}:${r.targetKey}`, r]));
      const rows = session.targets.map((t) => {
        const r = byTarget.get(`${t.kind}:${targetId(t)}`);
        // Drafts are the target's own until submitted: officials see only that one exists.
        return { target: t, status: r?.status ?? ('NONE' as const), report: r && reportSubmitted(r.status) ? reportView(r, false) : null };
      });
      return {
        reported: rows.filter((r) => reportSubmitted(r.status)),
        notReported: rows.filter((r) => !reportSubmitted(r.status)),
        counts: { targets: rows.length, submitted: rows.filter((r) => reportSubmitted(r.status)).length, drafts: rows.filter((r) => reportDrafted(r.status)).length },
        reportDeadline: session.reportDeadline,
        /** True when the caller may tap 提醒未汇报的同志 (session.nudge). */
        canNudge: nudgeRefusal(session, { id: actorId(caller), admin: caller.admin }) === null,
      };
    },
  }),

  // Lives with report.status: it is that page's button, over the same session and reports.
  'session.nudge': defineAction({
    input: SessionNudgeInput,
    output: SessionNudgeOutput,
    mutating: true,
    scope: sessionScope,
    run: async ({ db, caller, scope, now }) => {
      const session = scope.entity;
      const refusal = nudgeRefusal(session, { id: actorId(caller), admin: caller.admin });
      if (refusal) throw new AppError(refusal.code, refusal.message);
      const schedule = nudgeSchedule(now);
      if (!reportsOpenOn(schedule.day, session)) throw new AppError('REPORT.CLOSED');
      const [reports, existing] = await Promise.all([listSessionReports(db, session._id), getNudge(db, session._id, schedule.day)]);
      const notReported = notReportedOf(session, reports).length;
      const reply = (status: Exclude<NudgeStatus, 'NONE'>) => ({ status, notReported, day: schedule.day, sendsAt: schedule.sendsAt, when: schedule.when });
      // Nobody left to nudge: no day and no sending to speak of.
      if (notReported === 0) return mutation({ status: 'NONE' as const, notReported, day: null, sendsAt: null, when: null }, []);
      // Nudged for that day already: the ledger would not send a second reminder anyway, so nothing is written.
      if (existing) return mutation(reply('ALREADY'), []);
      const id = nudgeId(session._id, schedule.day);
      const doc: Omit<NudgeDoc, '_id'> = { tenantId: session.tenantId, campaignId: session.campaignId, sessionId: session._id, day: schedule.day, at: now, by: actorId(caller) };
      return mutation(reply('SCHEDULED'), [{ kind: 'create', collection: COL.nudges, id, doc }]);
    },
  }),
};
