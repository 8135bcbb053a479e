/**
 * How a commitment stands, said in words for 待办 (issue 22): how many of its items are fully kept and
 * how far the rest are, so a member sees their commitments' state without opening them.
 */
import type { CommitmentItem } from '../contracts/commitment';

/** The state of one commitment: items done (100%), items in all, the average progress, and the sentence. */
export function commitmentState(items: ReadonlyArray<Pick<CommitmentItem, 'progress'>>): { done: number; total: number; average: number; label: string } {
  const total = items.length;
  const done = items.filter((i) => i.progress >= 100).length;
  const average = total ? Math.round(items.reduce((n, i) => n + i.progress, 0) / total) : 0;
  const label = total === 0 ? '还没有承诺事项' : done === total ? `${total} 项承诺已全部兑现` : `${total} 项承诺，已兑现 ${done} 项，平均进度 ${average}%`;
  return { done, total, average, label };
}
