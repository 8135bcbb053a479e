/**
 * A session's stage, for the person who organised it: where it stands (待汇报 / 征求意见中 / 待录入 /
 * 待发布 / 已发布), the one next step to offer as the primary button, and every step open now. One
 * statement of it, read by 待办 (「我组织的点评」) and by the session page: no screen compares statuses.
 */
import type { ReviewStatus } from '../contracts/review';

export type SessionStage = 'REPORTING' | 'OPINIONS' | 'ENTERING' | 'PUBLISHING' | 'PUBLISHED';

/** The words each stage is shown with. */
export const SESSION_STAGE_LABELS: Record<SessionStage, string> = {
  REPORTING: '待汇报',
  OPINIONS: '征求意见中',
  ENTERING: '待录入',
  PUBLISHING: '待发布',
  PUBLISHED: '已发布',
};

/** What the organiser can do from the session: read reports, read opinions, enter reviews, publish, read the notice. */
export type SessionStep = 'REPORTS' | 'OPINIONS' | 'ENTER' | 'PUBLISH' | 'NOTICE';

/** The button each step is offered with. */
export const SESSION_STEP_LABELS: Record<SessionStep, string> = {
  REPORTS: '查看汇报情况',
  OPINIONS: '查看征求意见情况',
  ENTER: '去录入点评',
  PUBLISH: '去发布通报',
  NOTICE: '查看已发布的通报',
};

/** What the stage is decided from: the session's dates and its reviews' states. */
export interface SessionFacts {
  reportDeadline: string | null;
  opinionDeadline: string | null;
  reviews: ReadonlyArray<{ status: ReviewStatus }>;
}

export interface SessionStageView {
  stage: SessionStage;
  label: string;
  next: { step: SessionStep; label: string };
  /** Every step open now, the next one included. */
  steps: SessionStep[];
}

/**
 * The stage on `today` (a CST date): published when every review is; to publish when none is left to
 * enter; otherwise reports, then opinions, are still being gathered until their deadlines pass, and
 * after that the reviews are to be entered.
 */
export function sessionStage(s: SessionFacts, today: string): SessionStageView {
  const total = s.reviews.length;
  const drafts = s.reviews.filter((r) => r.status === 'DRAFT').length;
  const published = s.reviews.filter((r) => r.status === 'PUBLISHED').length;
  const submitted = total - drafts - published;
  const stage: SessionStage =
    total > 0 && published === total ? 'PUBLISHED'
    : total > 0 && drafts === 0 ? 'PUBLISHING'
    : s.reportDeadline !== null && today <= s.reportDeadline ? 'REPORTING'
    : s.opinionDeadline !== null && today <= s.opinionDeadline ? 'OPINIONS'
    : 'ENTERING';
  const next: SessionStep = { REPORTING: 'REPORTS', OPINIONS: 'OPINIONS', ENTERING: 'ENTER', PUBLISHING: 'PUBLISH', PUBLISHED: 'NOTICE' }[stage] as SessionStep;
  const steps: SessionStep[] = ['REPORTS', 'OPINIONS'];
  // Entering stays open until everything is published (a draft can be written before the meeting too).
  if (drafts > 0) steps.push('ENTER');
  if (submitted > 0) steps.push('PUBLISH');
  if (published > 0) steps.push('NOTICE');
  return { stage, label: SESSION_STAGE_LABELS[stage], next: { step: next, label: SESSION_STEP_LABELS[next] }, steps };
}

/**
 * Targets grouped by who they are: a person owed under two duties (a member who is also on the 班子) is
 * one entry holding both, so a screen shows them once with each duty said; orgs stay one entry each.
 */
export function targetsByWho<T extends { kind: string; orgId: string; personId: string | null }>(targets: readonly T[]): Array<{ key: string; items: T[] }> {
  const out = new Map<string, T[]>();
  for (const t of targets) {
    const key = t.personId ? `PERSON:${t.personId}` : `${t.kind}:${t.orgId}`;
    out.set(key, [...(out.get(key) ?? []), t]);
  }
  return [...out.entries()].map(([key, items]) => ({ key, items }));
}
