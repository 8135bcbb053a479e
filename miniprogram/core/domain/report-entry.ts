/**
 * 代为录入汇报 (seed 001: 对年老体弱的党员，根据具体情况，采取灵活方式点评; 对外出实习的学生党员…灵活的方法): a
 * member who cannot write a report, because they are old or frail or away, tells it to the secretary on
 * a home visit, a phone call or a talk, and the secretary types it in. Who may do that for whom is this
 * one rule, asked by `report.enter` and by `session.get` (the 代为录入汇报 button).
 */
import type { CommitmentItem } from '../contracts/commitment';
import type { ReviewHint, TargetKind } from '../contracts/review';
import type { ReportStatus } from '../contracts/report';
import { domainError, type DomainError } from '../errors';

/** The short mark beside such a member on the session and the to-do. */
export const ENTRY_HINT_MARKS: Record<ReviewHint, string> = { FLEXIBLE: '年老体弱', REMOTE: '外出实习' };

export interface ReportEntryCase {
  session: { reviewerId: string | null; organiserId: string | null; targets: ReadonlyArray<{ kind: TargetKind; personId: string | null; orgId: string }> };
  /** Who would type it in (a person id, or `admin:<openid>` for the office). */
  actorId: string;
  target: { kind: TargetKind; personId: string | null; orgId: string };
  /** The target's hint in this session (from the plan, kept on its review); none for an ordinary member. */
  hint: ReviewHint | null;
  /** The target's report in this session, if one exists. */
  existing: { status: ReportStatus; entered: boolean } | null;
}

/**
 * Why this actor may not enter this target's report, or null when they may: only the session's reviewer
 * or organiser, only for a member of the session marked 年老体弱 or 外出, and never over the member's own
 * draft or a submitted report (the member's own words are never replaced).
 */
export function reportEntryRefusal(c: ReportEntryCase): DomainError | null {
  const { session, target } = c;
  if (c.actorId !== session.reviewerId && c.actorId !== session.organiserId) return domainError('AUTH.FORBIDDEN', '只有本次点评的点评人或组织者可以代为录入汇报');
  const inSession = session.targets.some((t) => t.kind === target.kind && t.personId === target.personId && t.orgId === target.orgId);
  if (!inSession || target.kind !== 'MEMBER' || target.personId === null || c.hint === null) return domainError('REPORT.ENTRY_NOT_ALLOWED');
  if (target.personId === c.actorId) return domainError('REPORT.ENTRY_NOT_ALLOWED');
  if (c.existing?.status === 'SUBMITTED') return domainError('STATE.ILLEGAL_TRANSITION', '汇报已提交，不能再修改');
  if (c.existing && !c.existing.entered) return domainError('REPORT.ENTRY_STARTED');
  return null;
}

/**
 * What the secretary starts from: the member's commitments and how each stands, so the member is asked
 * about what they promised rather than to dictate an essay. Empty when they made none.
 */
export function reportPrefill(items: ReadonlyArray<Pick<CommitmentItem, 'content' | 'progress' | 'fulfilmentNotes'>>): string {
  return items
    .map((x, i) => {
      const state = x.progress >= 100 ? '已兑现' : `进度${x.progress}%`;
      const notes = x.fulfilmentNotes.trim() ? `：${x.fulfilmentNotes.trim()}` : '';
      return `${i + 1}. ${x.content.trim()}（${state}${notes}）`;
    })
    .join('\n');
}
