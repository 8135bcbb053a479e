/**
 * A session's plan (发起点评, 修改时间地点): its date, place and deadlines, checked together so that every
 * later step can happen — reports come in by the meeting, opinions are visible to the reviewer when they
 * meet (anonymous opinions show from the day after they are given, DOMAIN §6.2), and the place the review
 * form needs is there. One statement of it, used by the form, `session.start` and `session.update`.
 */
import type { MeetingType, ReviewStatus } from '../contracts/review';
import type { OrgKind } from '../contracts/org';
import { addCstDays, isCstDate } from './cst';
import { steersSession } from './session-officials';

/** The fields of a session that its later steps depend on. */
export interface SessionPlan {
  date: string;
  place: string;
  reportDeadline: string | null;
  opinionDeadline: string | null;
}

/** One problem of a plan, under the field to show it at. */
export interface PlanProblem {
  path: [keyof SessionPlan];
  message: string;
}

const md = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/**
 * What is wrong with a plan on `today` (a CST date), each at its field; empty when it can go ahead.
 * A meeting already held may be recorded (a date before today) only without deadlines: nobody can
 * report or give opinions for it any more.
 */
export function sessionPlanProblems(plan: SessionPlan, today: string): PlanProblem[] {
  const out: PlanProblem[] = [];
  if (plan.place.trim().length === 0) out.push({ path: ['place'], message: '请填写点评地点，例如“支部党员活动室”' });
  if (!isCstDate(plan.date)) {
    out.push({ path: ['date'], message: '请选择点评日期' });
    return out;
  }
  const deadlines = plan.reportDeadline !== null || plan.opinionDeadline !== null;
  if (plan.date < today && deadlines) out.push({ path: ['date'], message: `点评日期不能早于今天（${md(today)}）` });
  const r = plan.reportDeadline;
  if (r !== null) {
    if (!isCstDate(r)) out.push({ path: ['reportDeadline'], message: '请选择汇报截止日期' });
    else if (r <= today) out.push({ path: ['reportDeadline'], message: `汇报截止日期须在今天（${md(today)}）之后，好让大家有时间准备` });
    else if (r > plan.date) out.push({ path: ['reportDeadline'], message: `汇报须在点评（${md(plan.date)}）之前交齐，截止日期不能晚于点评日期` });
  }
  const o = plan.opinionDeadline;
  if (o !== null) {
    if (!isCstDate(o)) out.push({ path: ['opinionDeadline'], message: '请选择征求意见截止日期' });
    else if (o <= today) out.push({ path: ['opinionDeadline'], message: `征求意见截止日期须在今天（${md(today)}）之后，好让大家有时间提意见` });
    else if (o >= plan.date) out.push({ path: ['opinionDeadline'], message: `意见次日才能看到，征求意见须在点评前至少一天截止（最晚${md(addCstDays(plan.date, -1))}）` });
  }
  return out;
}

/** The working meetings of an upper org the seeds review at: 中心组学习, 专题会, 推进会 [001][004], 调度会, 工作例会. */
const UPPER_WORK_MEETINGS: MeetingType[] = ['CENTRAL_GROUP_STUDY', 'THEMATIC_MEETING', 'PROGRESS_MEETING', 'DISPATCH_MEETING', 'REGULAR_WORK_MEETING'];
/** A branch's regular occasions: 三会一课, 党员活动日, 集中学习, 工作例会 [001][004], 碰头会. */
const BRANCH_WORK_MEETINGS: MeetingType[] = ['THREE_MEETINGS_ONE_LESSON', 'PARTY_DAY', 'GROUP_STUDY', 'REGULAR_WORK_MEETING', 'BRIEFING_MEETING'];

/** The meetings a 集中点评 of this kind of org is held at, the usual one first, then the seeds' working meetings. */
export function meetingTypesFor(kind: OrgKind | null): MeetingType[] {
  if (kind === 'LEADING_GROUP') return ['LEADING_GROUP_MEETING', 'DEMOCRATIC_LIFE', 'SECRETARIES_MEETING', ...UPPER_WORK_MEETINGS];
  if (kind === 'COMMITTEE' || kind === 'WORK_COMMITTEE' || kind === 'ORGAN_COMMITTEE') return ['COMMITTEE_MEETING', 'SECRETARIES_MEETING', 'DEMOCRATIC_LIFE', ...UPPER_WORK_MEETINGS];
  if (kind === 'GENERAL_BRANCH') return ['SECRETARIES_MEETING', 'PARTY_MEMBERS_MEETING', 'BRANCH_COMMITTEE', 'ORGANISATIONAL_LIFE', ...BRANCH_WORK_MEETINGS];
  return ['PARTY_MEMBERS_MEETING', 'BRANCH_COMMITTEE', 'ORGANISATIONAL_LIFE', 'DEMOCRATIC_LIFE', ...BRANCH_WORK_MEETINGS];
}

/** A plan that passes on `today`: the meeting in a week, reports two days before it, opinions one day before. */
export function defaultSessionPlan(today: string): { date: string; reportDeadline: string; opinionDeadline: string } {
  const date = addCstDays(today, 7);
  return { date, reportDeadline: addCstDays(date, -2), opinionDeadline: addCstDays(date, -1) };
}

/** Why a session's plan cannot be changed by this actor now, or null when it can. */
export function sessionPlanEditRefusal(
  session: { reviewerId: string | null; organiserId: string },
  actor: { id: string; admin: boolean },
  reviewStatuses: readonly ReviewStatus[],
): { code: 'AUTH.FORBIDDEN' | 'STATE.ILLEGAL_TRANSITION'; message: string } | null {
  if (!steersSession(session, actor)) {
    return { code: 'AUTH.FORBIDDEN', message: '只有点评人、活动组织者或管理员可以修改时间地点' };
  }
  // Published reviews carry the place and date the readers saw: the plan is history from then on.
  if (reviewStatuses.includes('PUBLISHED')) return { code: 'STATE.ILLEGAL_TRANSITION', message: '点评通报已发布，不能再修改时间地点' };
  return null;
}
