/**
 * 评定 [003] (「有计划、有组织、有记录、有检查、有评定」): an upper unit's short appraisal, in words, of a lower
 * unit's review work for a cycle. Words only: scores and rankings (积分排名) are among the 指尖上的形式主义 the
 * rules forbid, so a text that scores or ranks is refused.
 */
import type { Campaign } from '../contracts/campaign';
import type { Result } from '../errors';
import { ruleCycleAt, type Cycle } from './cycles';

/** The longest 评定: a few sentences, not a report. */
export const ASSESSMENT_MAX = 300;

// A score (85分, 9.5 分), a place (第3名, 第一名), or the words of scoring and ranking.
const SCORING = /\d+(?:\.\d+)?\s*分(?!钟|析|工|管|别|类|批|支|配|担|享)|第\s*[0-9一二三四五六七八九十百]+\s*名|排名|名次|打分|评分|积分|得分/;

/** Why a 评定 cannot be recorded as written (Chinese, for the field), or null when it can. */
export function assessmentProblem(text: string): string | null {
  const t = text.trim();
  if (!t) return '请写几句对本单位点评工作的评定';
  if (t.length > ASSESSMENT_MAX) return `评定请控制在${ASSESSMENT_MAX}字以内`;
  if (SCORING.test(t)) return '评定只写文字评价，不打分、不排名';
  return null;
}

/** The cycle a 评定 made at `now` belongs to: the round of org reviews (R2) open now, the earliest if two are. */
export function assessmentCycle(campaign: Campaign, now: number): Result<Cycle> {
  return ruleCycleAt(campaign, 'R2', now);
}
