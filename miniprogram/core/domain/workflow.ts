/**
 * Workflow state machines for reviews, reports, opinions and rectifications (DOMAIN §6).
 * Transitions and who may fire them are data; `transition` is the one function that reads them.
 */
import type { Review, Reviewer, ReviewStatus, ReviewTemplate, TargetKind, TransitionRecord } from '../contracts/review';
import type { ReviewSession } from '../contracts/session';
import type { Report, ReportStatus } from '../contracts/report';
import type { OpinionStatus, StoredOpinion } from '../contracts/opinion';
import type { Rectification, RectificationStatus } from '../contracts/rectification';
import type { PublicationStatus } from '../contracts/publication';
import { fail, ok, type Result } from '../errors';
import { verifySample } from './sampling';
import { answersFor } from './visibility';
import { checkComplete } from './templates';
import { cstDateOf, cstEndOfDay, isCstDate } from './cst';

/**
 * A caller's role relative to the entity (not to an org): the server derives it.
 * REVIEWER: the review's reviewer (for an external named reviewer, the organiser who enters for them);
 * TARGET: the reviewed member, or the secretary acting for a reviewed org;
 * SUPERIOR: the reviewer's superior (secretary of an org above the reviewer's);
 * ORGANISER: the campaign office (tenant admin) that compiles and publishes;
 * AUTHOR: the giver of a named opinion, or the holder of an anonymous opinion's withdraw key.
 */
export type EntityRole = 'REVIEWER' | 'TARGET' | 'SUPERIOR' | 'ORGANISER' | 'AUTHOR';

export const ENTITY_ROLE_LABELS: Record<EntityRole, string> = {
  REVIEWER: '点评人',
  TARGET: '被点评对象',
  SUPERIOR: '点评人的上级',
  ORGANISER: '活动办公室',
  AUTHOR: '意见提出人',
};

export interface TransitionRule<S extends string, E extends string> {
  from: S;
  event: E;
  to: S;
  /** Any one of these roles may fire the event. */
  roles: readonly EntityRole[];
  reasonRequired: boolean;
}

export interface Machine<S extends string, E extends string> {
  name: string;
  /** Chinese name of the entity, used in messages. */
  label: string;
  initial: S;
  states: readonly S[];
  events: readonly E[];
  stateLabels: Record<S, string>;
  eventLabels: Record<E, string>;
  transitions: ReadonlyArray<TransitionRule<S, E>>;
}

export type ReviewEvent = 'SUBMIT' | 'PUBLISH' | 'REOPEN';
export const REVIEW_MACHINE: Machine<ReviewStatus, ReviewEvent> = {
  name: 'review',
  label: '点评',
  initial: 'DRAFT',
  states: ['DRAFT', 'SUBMITTED', 'PUBLISHED'],
  events: ['SUBMIT', 'PUBLISH', 'REOPEN'],
  stateLabels: { DRAFT: '待录入', SUBMITTED: '已提交', PUBLISHED: '已公开' },
  eventLabels: { SUBMIT: '提交', PUBLISH: '公开', REOPEN: '退回修改' },
  transitions: [
    { from: 'DRAFT', event: 'SUBMIT', to: 'SUBMITTED', roles: ['REVIEWER'], reasonRequired: false },
    { from: 'SUBMITTED', event: 'PUBLISH', to: 'PUBLISHED', roles: ['ORGANISER'], reasonRequired: false },
    { from: 'SUBMITTED', event: 'REOPEN', to: 'DRAFT', roles: ['SUPERIOR'], reasonRequired: true },
    { from: 'PUBLISHED', event: 'REOPEN', to: 'DRAFT', roles: ['SUPERIOR'], reasonRequired: true },
  ],
};

export type ReportEvent = 'SUBMIT';
export const REPORT_MACHINE: Machine<ReportStatus, ReportEvent> = {
  name: 'report',
  label: '汇报',
  initial: 'DRAFT',
  states: ['DRAFT', 'SUBMITTED'],
  events: ['SUBMIT'],
  stateLabels: { DRAFT: '草稿', SUBMITTED: '已提交' },
  eventLabels: { SUBMIT: '提交' },
  transitions: [{ from: 'DRAFT', event: 'SUBMIT', to: 'SUBMITTED', roles: ['TARGET'], reasonRequired: false }],
};

export type OpinionEvent = 'WITHDRAW';
export const OPINION_MACHINE: Machine<OpinionStatus, OpinionEvent> = {
  name: 'opinion',
  label: '意见',
  initial: 'SUBMITTED',
  states: ['SUBMITTED', 'WITHDRAWN'],
  events: ['WITHDRAW'],
  stateLabels: { SUBMITTED: '已提交', WITHDRAWN: '已撤回' },
  eventLabels: { WITHDRAW: '撤回' },
  transitions: [{ from: 'SUBMITTED', event: 'WITHDRAW', to: 'WITHDRAWN', roles: ['AUTHOR'], reasonRequired: false }],
};

export type RectificationEvent = 'PLAN' | 'REPLY' | 'CONFIRM' | 'SEND_BACK' | 'IMPOSE_DEADLINE';
/** OVERDUE is not a state: see `rectificationDisplayStatus`. 限期整改 is IMPOSE_DEADLINE, a flagged self-loop. */
export const RECTIFICATION_MACHINE: Machine<RectificationStatus, RectificationEvent> = {
  name: 'rectification',
  label: '整改',
  initial: 'REQUIRED',
  states: ['REQUIRED', 'PLANNED', 'REPLIED', 'CONFIRMED'],
  events: ['PLAN', 'REPLY', 'CONFIRM', 'SEND_BACK', 'IMPOSE_DEADLINE'],
  stateLabels: { REQUIRED: '待整改', PLANNED: '整改中', REPLIED: '已回复', CONFIRMED: '已确认' },
  eventLabels: {
    PLAN: '制定整改措施',
    REPLY: '书面回复',
    CONFIRM: '确认整改到位',
    SEND_BACK: '退回重新整改',
    IMPOSE_DEADLINE: '责令限期整改',
  },
  transitions: [
    { from: 'REQUIRED', event: 'PLAN', to: 'PLANNED', roles: ['TARGET'], reasonRequired: false },
    { from: 'PLANNED', event: 'PLAN', to: 'PLANNED', roles: ['TARGET'], reasonRequired: false },
    { from: 'PLANNED', event: 'REPLY', to: 'REPLIED', roles: ['TARGET'], reasonRequired: false },
    { from: 'REPLIED', event: 'CONFIRM', to: 'CONFIRMED', roles: ['REVIEWER'], reasonRequired: false },
    { from: 'REPLIED', event: 'SEND_BACK', to: 'PLANNED', roles: ['REVIEWER'], reasonRequired: true },
    { from: 'REQUIRED', event: 'IMPOSE_DEADLINE', to: 'REQUIRED', roles: ['REVIEWER', 'SUPERIOR', 'ORGANISER'], reasonRequired: true },
    { from: 'PLANNED', event: 'IMPOSE_DEADLINE', to: 'PLANNED', roles: ['REVIEWER', 'SUPERIOR', 'ORGANISER'], reasonRequired: true },
  ],
};

/**
 * The roles a person holds towards a rectification, as the machine names them: TARGET (the member, or
 * the secretary for an org), REVIEWER (who gave the review), SUPERIOR (a secretary above the reviewing
 * org, `upper`, computed by the server from the tree) and ORGANISER (the office). The page shows
 * `availableEvents` for exactly these, and the server checks the same ones.
 */
export function rectificationRoles(
  who: { personId: string | null; secretaryOf: readonly string[]; admin: boolean; upper: boolean },
  r: Pick<Rectification, 'target' | 'reviewerId'>,
): EntityRole[] {
  const roles: EntityRole[] = [];
  if (answersFor(who, r.target)) roles.push('TARGET');
  if (who.personId !== null && who.personId === r.reviewerId) roles.push('REVIEWER');
  if (who.upper) roles.push('SUPERIOR');
  if (who.admin) roles.push('ORGANISER');
  return roles;
}

/** Every machine, by name, for a server-side table of checks. */
export const MACHINES = {
  review: REVIEW_MACHINE,
  report: REPORT_MACHINE,
  opinion: OPINION_MACHINE,
  rectification: RECTIFICATION_MACHINE,
} as const;

export interface TransitionContext {
  /** The caller's roles relative to the entity, as derived by the server. */
  roles: readonly EntityRole[];
  reason?: string;
}

export interface TransitionOutcome<S extends string, E extends string> {
  from: S;
  event: E;
  to: S;
  reason?: string;
}

/** The rule for (state, event), or undefined when the machine has none. */
export function findRule<S extends string, E extends string>(
  machine: Machine<S, E>,
  state: string,
  event: string,
): TransitionRule<S, E> | undefined {
  return machine.transitions.find((t) => t.from === state && t.event === event);
}

/** Roles that may fire `event` in `state` (empty when the transition is illegal). */
export function allowedRoles<S extends string, E extends string>(machine: Machine<S, E>, state: S, event: E): readonly EntityRole[] {
  return findRule(machine, state, event)?.roles ?? [];
}

/** Events some role could fire now, for showing buttons. */
export function availableEvents<S extends string, E extends string>(
  machine: Machine<S, E>,
  state: S,
  roles: readonly EntityRole[],
): E[] {
  return machine.transitions.filter((t) => t.from === state && t.roles.some((r) => roles.includes(r))).map((t) => t.event);
}

/** True while the entity stands in its machine's first state: a review or report not yet submitted. */
export function isDraft<S extends string, E extends string>(machine: Machine<S, E>, state: string): boolean {
  return state === machine.initial;
}

/** True in a state no step leaves: the entity's work is done (a confirmed rectification). */
export function isFinal<S extends string, E extends string>(machine: Machine<S, E>, state: string): boolean {
  return !machine.transitions.some((t) => t.from === state);
}

/*
 * The status questions the edges ask (handlers, the export, the timer): each is answered here from the
 * machines, so a handler never compares a status word itself (the lint refuses it there).
 */

/** True while a review is still being written: it may be edited, and it is not yet given. */
export function reviewEditable(status: ReviewStatus): boolean {
  return isDraft(REVIEW_MACHINE, status);
}

/** True once a review has been submitted (whether or not published): it is given, and its registration form exists. */
export function reviewGiven(status: ReviewStatus): boolean {
  return !isDraft(REVIEW_MACHINE, status);
}

/** True when a review's next step is its publication: submitted and not yet published. */
export function reviewAwaitsPublication(status: ReviewStatus): boolean {
  return findRule(REVIEW_MACHINE, status, 'PUBLISH') !== undefined;
}

/** True once a review has been published. */
export function reviewPublished(status: ReviewStatus): boolean {
  return status === 'PUBLISHED';
}

/** True when a review has opened a rectification: published and asking for one (`openRectification`). */
export function opensRectification(review: { status: ReviewStatus; rectification: { required: boolean } }): boolean {
  return reviewPublished(review.status) && review.rectification.required;
}

/** True while a report may be edited by its target (a draft, or none yet). */
export function reportEditable(status: ReportStatus | 'NONE'): boolean {
  return status === 'NONE' || isDraft(REPORT_MACHINE, status);
}

/** True once a target's report has been submitted: the session's officials may read it. */
export function reportSubmitted(status: ReportStatus | 'NONE'): boolean {
  return status !== 'NONE' && !isDraft(REPORT_MACHINE, status);
}

/** True for a report saved as a draft but not submitted. */
export function reportDrafted(status: ReportStatus | 'NONE'): boolean {
  return status !== 'NONE' && isDraft(REPORT_MACHINE, status);
}

/** True while a publication notice is a draft that can still be edited or published. */
export function publicationEditable(status: PublicationStatus): boolean {
  return status === 'DRAFT';
}

/** True once a publication notice is out: its readers see its reviews. */
export function publicationPublished(status: PublicationStatus): boolean {
  return status === 'PUBLISHED';
}

/** True once a claim is settled (approved, rejected, or closed when the person was bound): it cannot be decided again. */
export function claimDecided(status: 'PENDING' | 'APPROVED' | 'REJECTED' | 'CLOSED'): boolean {
  return status !== 'PENDING';
}

function labelOf(labels: Record<string, string>, key: string): string {
  return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : key;
}

/** Fires `event` in `state`: checks legality, the caller's roles and a required reason; returns the new state. */
export function transition<S extends string, E extends string>(
  machine: Machine<S, E>,
  state: S,
  event: E,
  ctx: TransitionContext,
): Result<TransitionOutcome<S, E>> {
  const rule = findRule(machine, state, event);
  const fromLabel = labelOf(machine.stateLabels, state);
  const eventLabel = labelOf(machine.eventLabels, event);
  if (!rule) {
    // Name where the event would have led, so the user sees both ends of the refused step.
    const targets = [...new Set(machine.transitions.filter((t) => t.event === event).map((t) => t.to))];
    const toLabel = targets.length === 1 ? labelOf(machine.stateLabels, targets[0]) : fromLabel;
    return fail(
      'STATE.ILLEGAL_TRANSITION',
      `${machine.label}当前为「${fromLabel}」，不能「${eventLabel}」（「${fromLabel}」→「${toLabel}」不允许）`,
    );
  }
  if (!rule.roles.some((r) => ctx.roles.includes(r))) {
    const who = rule.roles.map((r) => ENTITY_ROLE_LABELS[r]).join('或');
    return fail('AUTH.FORBIDDEN', `只有${who}可以「${eventLabel}」${machine.label}`);
  }
  const reason = ctx.reason?.trim() ?? '';
  if (rule.reasonRequired && reason.length === 0) {
    return fail('STATE.REASON_REQUIRED', `「${eventLabel}」须说明原因`, [{ path: ['reason'], message: '请填写原因' }]);
  }
  if (reason.length > 500) {
    return fail('INPUT.INVALID', '原因不能超过500字', [{ path: ['reason'], message: '原因不能超过500字' }]);
  }
  return ok(reason.length > 0 ? { from: state, event, to: rule.to, reason } : { from: state, event, to: rule.to });
}

/** Who acts, in what roles, when: what every entity-level step needs. */
export interface Actor {
  personId: string;
  roles: readonly EntityRole[];
  now: number;
}

function record(outcome: TransitionOutcome<string, string>, actor: Actor): TransitionRecord {
  const base = { event: outcome.event, from: outcome.from, to: outcome.to, at: actor.now, by: actor.personId };
  return outcome.reason === undefined ? base : { ...base, reason: outcome.reason };
}

/** DRAFT → SUBMITTED once the review is complete against its template. */
export function submitReview(review: Review, template: ReviewTemplate, actor: Actor): Result<Review> {
  const step = transition(REVIEW_MACHINE, review.status, 'SUBMIT', actor);
  if (!step.ok) return step;
  const complete = checkComplete(review, template);
  if (!complete.ok) return complete;
  return ok({
    ...review,
    status: step.value.to,
    submittedAt: actor.now,
    history: [...review.history, record(step.value, actor)],
    version: review.version + 1,
    updatedAt: actor.now,
  });
}

/** SUBMITTED → PUBLISHED, by the office when it publishes the compiled reviews. */
export function publishReview(review: Review, actor: Actor): Result<Review> {
  const step = transition(REVIEW_MACHINE, review.status, 'PUBLISH', actor);
  if (!step.ok) return step;
  return ok({
    ...review,
    status: step.value.to,
    publishedAt: actor.now,
    history: [...review.history, record(step.value, actor)],
    version: review.version + 1,
    updatedAt: actor.now,
  });
}

/**
 * SUBMITTED/PUBLISHED → DRAFT by the reviewer's superior, with a reason kept in the history.
 * A reopened published review leaves its publications: the server must re-publish after resubmission.
 */
export function reopenReview(review: Review, reason: string, actor: Actor): Result<Review> {
  const step = transition(REVIEW_MACHINE, review.status, 'REOPEN', { roles: actor.roles, reason });
  if (!step.ok) return step;
  return ok({
    ...review,
    status: step.value.to,
    submittedAt: null,
    publishedAt: null,
    history: [...review.history, record(step.value, actor)],
    version: review.version + 1,
    updatedAt: actor.now,
  });
}

/** DRAFT → SUBMITTED for a report that states at least how its commitments were kept. */
export function submitReport(report: Report, actor: Actor): Result<Report> {
  const step = transition(REPORT_MACHINE, report.status, 'SUBMIT', actor);
  if (!step.ok) return step;
  if (report.fulfilment.trim().length === 0) {
    return fail('REPORT.INCOMPLETE', undefined, [{ path: ['fulfilment'], message: '请填写公开承诺及兑现情况' }]);
  }
  return ok({ ...report, status: step.value.to, submittedAt: actor.now, version: report.version + 1, updatedAt: actor.now });
}

/** SUBMITTED → WITHDRAWN by its giver (for anonymous opinions: the holder of the withdraw key). */
export function withdrawOpinion<O extends StoredOpinion>(opinion: O, actor: Pick<Actor, 'roles' | 'now'>): Result<O> {
  const step = transition(OPINION_MACHINE, opinion.status, 'WITHDRAW', actor);
  if (!step.ok) return step;
  return ok({ ...opinion, status: step.value.to, withdrawnAt: actor.now, version: opinion.version + 1 });
}

function rectify(
  r: Rectification,
  event: RectificationEvent,
  actor: Actor,
  reason: string | undefined,
  patch: Partial<Rectification>,
): Result<Rectification> {
  const step = transition(RECTIFICATION_MACHINE, r.status, event, { roles: actor.roles, reason });
  if (!step.ok) return step;
  return ok({
    ...r,
    ...patch,
    status: step.value.to,
    history: [...r.history, record(step.value, actor)],
    version: r.version + 1,
    updatedAt: actor.now,
  });
}

function blankField(field: string, message: string): Result<never> {
  return fail('INPUT.INVALID', message, [{ path: [field], message }]);
}

/** REQUIRED/PLANNED → PLANNED: the target records (or revises) its measures. */
export function planRectification(r: Rectification, plan: string, actor: Actor): Result<Rectification> {
  if (plan.trim().length === 0) return blankField('plan', '请填写整改措施');
  return rectify(r, 'PLAN', actor, undefined, { plan });
}

/** PLANNED → REPLIED: the target replies to the reviewer in writing. */
export function replyRectification(r: Rectification, reply: string, actor: Actor): Result<Rectification> {
  if (reply.trim().length === 0) return blankField('reply', '请填写整改落实情况');
  return rectify(r, 'REPLY', actor, undefined, { reply, repliedAt: actor.now });
}

/** REPLIED → CONFIRMED by the reviewer. */
export function confirmRectification(r: Rectification, actor: Actor): Result<Rectification> {
  return rectify(r, 'CONFIRM', actor, undefined, { confirmedAt: actor.now });
}

/** REPLIED → PLANNED: the reviewer sends the reply back, saying why. */
export function sendBackRectification(r: Rectification, reason: string, actor: Actor): Result<Rectification> {
  return rectify(r, 'SEND_BACK', actor, reason, { repliedAt: null });
}

/** 责令限期整改: flag a weak target and set a new deadline, with the criticism as reason. */
export function imposeDeadline(r: Rectification, deadline: string, reason: string, actor: Actor): Result<Rectification> {
  if (!isCstDate(deadline)) return blankField('deadline', '整改期限日期格式应为 YYYY-MM-DD');
  if (cstEndOfDay(deadline) < actor.now) return blankField('deadline', '整改期限不能早于今天');
  return rectify(r, 'IMPOSE_DEADLINE', actor, reason, { deadline, imposed: true });
}

/**
 * Opens the rectification a published review requires (step 5 follows publication), or null when
 * the review asks for none. The server stores it with the id it chose.
 */
export function openRectification(review: Review, id: string, now: number): Result<Rectification | null> {
  if (review.status !== 'PUBLISHED') {
    return fail('STATE.ILLEGAL_TRANSITION', `点评当前为「${REVIEW_MACHINE.stateLabels[review.status]}」，公开后才能下达整改`);
  }
  const req = review.rectification;
  if (!req.required) return ok(null);
  if (req.deadline === null) return fail('REVIEW.INCOMPLETE', undefined, [{ path: ['rectification', 'deadline'], message: '请填写整改期限' }]);
  return ok({
    id,
    tenantId: review.tenantId,
    campaignId: review.campaignId,
    reviewId: review.id,
    reviewerId: review.reviewer.personId,
    target: review.target,
    requirement: req.requirement,
    deadline: req.deadline,
    imposed: req.imposed,
    plan: '',
    reply: '',
    repliedAt: null,
    confirmedAt: null,
    status: 'REQUIRED',
    history: [],
    version: 0,
    createdAt: now,
    updatedAt: now,
  });
}

export { cstDateOf, cstEndOfDay, isCstDate };

export type RectificationDisplayStatus = RectificationStatus | 'OVERDUE';
export const RECTIFICATION_DISPLAY_LABELS: Record<RectificationDisplayStatus, string> = {
  ...RECTIFICATION_MACHINE.stateLabels,
  OVERDUE: '已逾期',
};

/** True when the deadline's CST day has ended at `now` and the target has not yet replied. */
export function isRectificationOverdue(r: Pick<Rectification, 'status' | 'deadline'>, now: number): boolean {
  return (r.status === 'REQUIRED' || r.status === 'PLANNED') && now > cstEndOfDay(r.deadline);
}

/** The status to show: the stored one, or OVERDUE when past the deadline and not replied or confirmed. */
export function rectificationDisplayStatus(r: Pick<Rectification, 'status' | 'deadline'>, now: number): RectificationDisplayStatus {
  return isRectificationOverdue(r, now) ? 'OVERDUE' : r.status;
}

/** The Chinese label of the status to show at `now` (e.g. for the member form's 整改落实情况). */
export function rectificationStatusLabel(r: Pick<Rectification, 'status' | 'deadline'>, now: number): string {
  return RECTIFICATION_DISPLAY_LABELS[rectificationDisplayStatus(r, now)];
}

/** The word a review's target reads for the rectification the review opened (需整改 … 已整改). */
export const RECTIFICATION_TARGET_WORDS: Record<RectificationStatus, string> = {
  REQUIRED: '需整改',
  PLANNED: '整改中',
  REPLIED: '待点评人确认',
  CONFIRMED: '已整改',
};

/**
 * What a review says of its rectification to a reader in `roles`: the word, whether nothing is left to do,
 * whether this reader has a step to take now, and the button that opens it (去整改 for the target's own step).
 */
export function rectificationOnReview(
  status: RectificationStatus,
  roles: readonly EntityRole[],
): { word: string; done: boolean; act: boolean; button: string } {
  const mine = availableEvents(RECTIFICATION_MACHINE, status, roles);
  const targets = availableEvents(RECTIFICATION_MACHINE, status, ['TARGET']);
  const act = mine.length > 0;
  return {
    word: RECTIFICATION_TARGET_WORDS[status],
    done: availableEvents(RECTIFICATION_MACHINE, status, ['TARGET', 'REVIEWER']).length === 0,
    act,
    button: !act ? '查看整改情况' : roles.includes('TARGET') && mine.some((e) => targets.includes(e)) ? '去整改' : '去办理',
  };
}

export interface SessionDraftInput {
  /** One id per target, in the session's target order. */
  ids: readonly string[];
  reviewer: Reviewer;
  templateIdFor: (kind: TargetKind) => string;
  now: number;
}

/**
 * A meeting (or any session) reviews many targets at once: one DRAFT review per target, carrying the
 * session's mode, meeting type, topic and place. A RANDOM session must still match its stored draw.
 */
export function draftReviewsForSession(session: ReviewSession, input: SessionDraftInput): Result<Review[]> {
  if (input.ids.length !== session.targets.length || new Set(input.ids).size !== input.ids.length) {
    return fail('INPUT.INVALID', '每个点评对象须有一个不重复的编号', [{ path: ['ids'], message: '编号数量与点评对象不符' }]);
  }
  if (input.reviewer.personId !== session.reviewerId) {
    return fail('INPUT.INVALID', '点评人与点评活动不符', [{ path: ['reviewer'], message: '点评人与点评活动不符' }]);
  }
  if (session.randomSample !== null) {
    const audit = verifySample(session.randomSample, session.targets);
    if (!audit.ok) return audit;
  }
  const reviews = session.targets.map(
    (target, i): Review => ({
      id: input.ids[i],
      tenantId: session.tenantId,
      campaignId: session.campaignId,
      cycleKey: session.cycleKey,
      sessionId: session.id,
      rule: null,
      reviewer: input.reviewer,
      target,
      mode: session.mode,
      meetingType: session.meetingType,
      topic: session.topic,
      place: session.place,
      reviewedAt: input.now,
      templateId: input.templateIdFor(target.kind),
      aspects: [],
      achievements: '',
      problems: '',
      direction: '',
      rectification: { required: false, requirement: '', deadline: null, imposed: false },
      exemplary: false,
      exemplaryNote: '',
      privateNotes: '',
      status: REVIEW_MACHINE.initial,
      submittedAt: null,
      publishedAt: null,
      history: [],
      version: 0,
      createdAt: input.now,
      updatedAt: input.now,
    }),
  );
  if (reviews.some((r) => r.target.personId !== null && r.target.personId === input.reviewer.personId)) return fail('REVIEW.SELF');
  return ok(reviews);
}
