/**
 * A session's opinions per target as a reader sees them (anonymous ones only past the threshold, as of the
 * start of the day, in an order that says nothing about arrival; held ones counted, not shown). Shared by
 * 征求意见情况 (`opinion.list`) and 录入点评 (`session.get` for the reviewer), so both show the same.
 */
import { DEFAULT_ANONYMITY_THRESHOLD } from '../../../../miniprogram/core/contracts/campaign';
import { anonymityPendingText, type OpinionGiverKind } from '../../../../miniprogram/core/contracts/opinion';
import { targetId, type TargetKind } from '../../../../miniprogram/core/contracts/review';
import { visibleAnonymous } from '../../../../miniprogram/core/domain/anonymity';
import { redactOpinionForReader, type OpinionView } from '../../../../miniprogram/core/domain/visibility';
import type { Caller } from '../frame/action';
import type { OpinionDoc, SessionDoc } from '../repositories/work-docs';
import { opinionOf, readerOf } from './work';

/** Each target of the session with the opinions `reader` may see. */
export function sessionOpinionViews(session: SessionDoc, docs: readonly OpinionDoc[], caller: Caller, reader: ReturnType<typeof readerOf>, official: boolean, now: number) {
  const threshold = session.anonymityThreshold ?? DEFAULT_ANONYMITY_THRESHOLD;
  const keyOf = (t: { kind: TargetKind; orgId: string; personId: string | null }) => `${t.kind}:${targetId(t)}`;
  return session.targets.map((t) => {
    const mine = docs.filter((d) => keyOf(d.target) === keyOf(t));
    // Anonymous ones as they stood this morning, past the threshold, in random-id order; named ones as they are.
    const anonymous = visibleAnonymous(
      mine.filter((d) => d.anonymous).map((d) => ({ ...d, id: d._id })),
      { threshold, revealAfterDeadline: session.revealOpinionsAfterDeadline === true, opinionDeadline: session.opinionDeadline, now },
    );
    const views: OpinionView[] = [];
    let held = 0;
    for (const doc of [...mine.filter((d) => !d.anonymous), ...anonymous.shown]) {
      const view = redactOpinionForReader(opinionOf(doc), reader, { sessionReviewerId: session.reviewerId });
      if (!view.ok) continue;
      const own = view.value.author?.personId === caller.personId && caller.personId !== null;
      if (doc.moderation === 'HELD' && !own) held += 1;
      else views.push(view.value);
    }
    const byGiverKind: Partial<Record<OpinionGiverKind, number>> = {};
    for (const v of views) byGiverKind[v.giverKind] = (byGiverKind[v.giverKind] ?? 0) + 1;
    // Never 还没有收到意见 while anonymous ones may stand unseen: the count (as of this morning) to officials, the rule to all.
    const pending = anonymous.shown.length === 0 ? anonymityPendingText(threshold, official && anonymous.pending ? anonymous.received : 0) : null;
    return { target: t, count: views.length, byGiverKind, held, opinions: views, pending };
  });
}
