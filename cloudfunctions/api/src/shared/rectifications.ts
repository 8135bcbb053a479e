/** What the rectification handlers and home share: a rectification as the client sees it. */
import { rectificationDisplayStatus } from '../../../../miniprogram/core/domain/workflow';
import type { RectificationDoc } from '../repositories/work-docs';

/** A rectification with the status to show at `now` (OVERDUE once the deadline's day has ended unreplied). */
export function rectificationView(doc: RectificationDoc, now: number, own: boolean) {
  const hidden = doc.moderation === 'HELD' && !own;
  return {
    id: doc._id,
    reviewId: doc.reviewId,
    sessionId: doc.sessionId,
    target: doc.target,
    requirement: doc.requirement,
    deadline: doc.deadline,
    imposed: doc.imposed,
    plan: hidden ? '' : doc.plan,
    reply: hidden ? '' : doc.reply,
    repliedAt: doc.repliedAt,
    confirmedAt: doc.confirmedAt,
    status: doc.status,
    displayStatus: rectificationDisplayStatus(doc, now),
    held: doc.moderation === 'HELD',
    history: doc.history,
    version: doc.version,
  };
}
