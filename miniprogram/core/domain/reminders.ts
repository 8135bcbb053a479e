/**
 * Reminders (issue 13): who is due a reminder on which day, and the subscribe message that says so.
 * Pure: the `remind` cloud function reads the due items and asks these rules; the front end asks the
 * same table which templates to request at each moment.
 */
import { DAY_MS, cstDateOf, cstStartOf, cstStartOfDay } from './cst';

/** The kinds of reminder, one one-time subscribe template each. */
export const REMINDER_KINDS = ['REVIEW_DUE', 'REPORT_DUE', 'OPINION_DUE', 'RECTIFICATION_DUE', 'REPLY_TO_CONFIRM', 'PROGRESS_REPORT_DUE', 'PLAN_HAND_IN_DUE'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * Kinds whose ledger rows are keyed by an HMAC and sealed (docs/anonymity.md): who is reminded to give
 * opinions is who has not given, which must not be readable from the database without the key.
 */
export const KEYED_REMINDER_KINDS: readonly ReminderKind[] = ['OPINION_DUE'];

/** True when a kind's ledger rows are keyed and sealed. */
export function isKeyedKind(kind: ReminderKind): boolean {
  return KEYED_REMINDER_KINDS.includes(kind);
}

/** What each kind is called on the 消息提醒 page and the home screen. */
export const REMINDER_LABELS: Record<ReminderKind, string> = {
  REVIEW_DUE: '点评到期提醒',
  REPORT_DUE: '汇报截止提醒',
  OPINION_DUE: '征求意见截止提醒',
  RECTIFICATION_DUE: '整改到期提醒',
  REPLY_TO_CONFIRM: '整改回复待确认',
  PROGRESS_REPORT_DUE: '进度上报提醒',
  PLAN_HAND_IN_DUE: '具体方案上交提醒',
};

/** What a person does in the campaign, as far as reminders go: reviews others, leads an org, runs the office. */
export interface ReminderPerson {
  reviewer: boolean;
  secretary: boolean;
  admin: boolean;
}

/**
 * The kinds that can reach this person: everyone reports, gives opinions and rectifies; only reviewers are
 * reminded of reviews and replies to confirm, and only secretaries (or the office) of progress reports.
 */
export function reminderKindsFor(who: ReminderPerson): ReminderKind[] {
  return REMINDER_KINDS.filter((k) => {
    if (k === 'REVIEW_DUE' || k === 'REPLY_TO_CONFIRM') return who.reviewer || who.admin;
    if (k === 'PROGRESS_REPORT_DUE') return who.secretary || who.admin;
    // A 具体方案 is handed in by a unit's secretary (core/domain/hand-ins.ts).
    if (k === 'PLAN_HAND_IN_DUE') return who.secretary;
    return true;
  });
}

/** The 消息提醒 summary that stays true: off at the switch, none on, all on, or how many of the kinds that apply are on. */
export function reminderSummary(mainSwitchOn: boolean, kinds: ReadonlyArray<{ credits: number }>): string {
  if (!mainSwitchOn) return '已关闭（请在设置中打开）';
  const on = kinds.filter((k) => k.credits > 0).length;
  if (on === 0) return '未开启';
  return on === kinds.length ? '已开启' : `已开启 ${on} 项，共 ${kinds.length} 项`;
}

/** The moments the front end asks for subscriptions (always from a tap), with at most 3 templates each. */
export const SUBSCRIBE_MOMENTS = {
  /** After starting a session: "截止前提醒我". */
  SESSION_STARTED: ['REVIEW_DUE', 'REPLY_TO_CONFIRM', 'PROGRESS_REPORT_DUE'],
  /** On 待办: "开启到期提醒". */
  HOME: ['REVIEW_DUE', 'REPORT_DUE', 'OPINION_DUE'],
  /** After being given a rectification. */
  RECTIFICATION_GIVEN: ['RECTIFICATION_DUE'],
} as const satisfies Record<string, readonly ReminderKind[]>;
export type SubscribeMoment = keyof typeof SUBSCRIBE_MOMENTS;

/** Days before a cycle's due date on which reviewers with open required reviews are reminded. */
export const REVIEW_REMINDER_DAYS = [7, 3, 1] as const;
/** A rectification is reminded from this many days before its deadline (and every day once overdue). */
export const RECTIFICATION_SOON_DAYS = 3;
/** Days before a report, opinion or progress-report deadline on which the people still owing it are reminded. */
export const DEADLINE_REMINDER_DAYS = [3, 1] as const;

/** Whole CST days from `today` to `date` (both `YYYY-MM-DD`): 0 on the day, negative once past. */
export function daysUntil(today: string, date: string): number {
  return Math.round((cstStartOf(date) - cstStartOf(today)) / DAY_MS);
}

/** True when a reviewer with open required reviews of a cycle due on `dueDate` is reminded today. */
export function reviewReminderDue(today: string, dueDate: string): boolean {
  return (REVIEW_REMINDER_DAYS as readonly number[]).includes(daysUntil(today, dueDate));
}

/** True when someone still owing something due on `deadline` (a report, opinions, a progress report) is reminded today. */
export function deadlineReminderDue(today: string, deadline: string): boolean {
  return (DEADLINE_REMINDER_DAYS as readonly number[]).includes(daysUntil(today, deadline));
}

/** The day a progress-report period starts: the previous report deadline, or the campaign's start for the first. */
export function progressPeriodStart(deadlines: readonly string[], deadline: string, campaignStart: string): string {
  return [...deadlines].sort().filter((d) => d < deadline).pop() ?? campaignStart;
}

/** Reminders go out from this CST hour on (the `remind` timer fires all day to keep plans current). */
export const SEND_HOUR = 9;
/** The `remind` timer fires every this many minutes (the minute field of its config.json cron). */
export const REMIND_EVERY_MINUTES = 10;

/** The sessions fields the report reminders read. */
export interface ReportSession {
  reportDeadline: string | null;
  date: string;
}

/** The last CST day a session's reports are due: its report deadline, or the session's date when it has none. */
export function reportDeadlineOf(session: ReportSession): string {
  return session.reportDeadline ?? session.date;
}

/** True while a session's reports are still due on `day` (the day a reminder would go out). */
export function reportsOpenOn(day: string, session: ReportSession): boolean {
  return reportDeadlineOf(session) >= day;
}

/**
 * True when the targets who have not reported are reminded today: 3 and 1 days before the report
 * deadline, or any day the session was nudged (汇报情况's 提醒) while its reports are still due.
 */
export function reportReminderDue(today: string, session: ReportSession, nudgedToday: boolean): boolean {
  if (session.reportDeadline !== null && deadlineReminderDue(today, session.reportDeadline)) return true;
  return nudgedToday && reportsOpenOn(today, session);
}

/** When a nudge's reminders go out: at the next firing, at SEND_HOUR today, or at SEND_HOUR tomorrow. */
export const NUDGE_WHEN = ['SOON', 'TODAY', 'TOMORROW'] as const;
export type NudgeWhen = (typeof NUDGE_WHEN)[number];

/** The day a nudge made at `now` is sent on (its ledger day), the instant it goes out, and how to say it. */
export interface NudgeSchedule {
  day: string;
  sendsAt: number;
  when: NudgeWhen;
}

/**
 * When a nudge made at `now` reaches people. The timer sends from SEND_HOUR on, every
 * REMIND_EVERY_MINUTES; a nudge after the day's last firing (23:50) waits for tomorrow's SEND_HOUR,
 * and is recorded for that day, so the firing that sends it finds it.
 */
export function nudgeSchedule(now: number): NudgeSchedule {
  const midnight = cstStartOfDay(now);
  const sinceMidnight = now - midnight;
  const sendFrom = SEND_HOUR * 3_600_000;
  const step = REMIND_EVERY_MINUTES * 60_000;
  if (sinceMidnight < sendFrom) return { day: cstDateOf(now), sendsAt: midnight + sendFrom, when: 'TODAY' };
  if (sinceMidnight >= DAY_MS - step) return { day: cstDateOf(midnight + DAY_MS), sendsAt: midnight + DAY_MS + sendFrom, when: 'TOMORROW' };
  return { day: cstDateOf(now), sendsAt: midnight + (Math.floor(sinceMidnight / step) + 1) * step, when: 'SOON' };
}

/** How a nudge ended: reminders scheduled, already nudged for that day, or nobody left to remind. */
export const NUDGE_STATUSES = ['SCHEDULED', 'ALREADY', 'NONE'] as const;
export type NudgeStatus = (typeof NUDGE_STATUSES)[number];

const WHEN_TEXT: Record<NudgeWhen, string> = { SOON: `${REMIND_EVERY_MINUTES}分钟内`, TODAY: `今天上午${SEND_HOUR}点`, TOMORROW: `明早${SEND_HOUR}点` };

/** The line the secretary is shown after tapping 提醒未汇报的同志. */
export function nudgeReplyText(reply: { status: NudgeStatus; notReported: number; when: NudgeWhen | null }): string {
  if (reply.status === 'NONE' || reply.when === null) return '都已汇报，无需提醒';
  // The second nudge's own moment says whether the first one's reminders are out yet.
  if (reply.status === 'ALREADY') return reply.when === 'SOON' ? '今天已提醒过未汇报的同志，每人每天最多提醒一次，明天可再提醒' : `已安排${WHEN_TEXT[reply.when]}提醒，无需重复提醒`;
  return `已安排提醒：${WHEN_TEXT[reply.when]}发给${reply.notReported}位未汇报的同志`;
}

/** The line shown after 提醒未完成的 on the dashboard: the reviewers behind in the unit and below are reminded. */
export function progressNudgeText(reply: { status: NudgeStatus; behind: number; when: NudgeWhen | null }): string {
  if (reply.status === 'NONE' || reply.when === null) return '都已完成点评，无需提醒';
  if (reply.status === 'ALREADY') return reply.when === 'SOON' ? '今天已提醒过，每人每天最多提醒一次，明天可再提醒' : `已安排${WHEN_TEXT[reply.when]}提醒，无需重复提醒`;
  return `已安排提醒：${WHEN_TEXT[reply.when]}提醒还有${reply.behind}项点评未完成的点评人`;
}

/** True when an open rectification is reminded today: due within 3 days, overdue, or imposed (限期整改). */
export function rectificationReminderDue(today: string, deadline: string, imposed: boolean): boolean {
  return imposed || daysUntil(today, deadline) <= RECTIFICATION_SOON_DAYS;
}

/** A subscribe-message field type and its limits (the platform refuses other values with 47003). */
export type FieldType = 'thing' | 'date' | 'number' | 'phrase';

/** One template field: its key (as the public-library template names it), type and label. */
export interface TemplateField {
  key: string;
  type: FieldType;
  label: string;
}

/** Every kind's template has the same layout: what it is about, what is due, and a date. */
const layout = (content: string, date = '截止时间'): TemplateField[] => [
  { key: 'thing1', type: 'thing', label: '事项名称' },
  { key: 'thing2', type: 'thing', label: content },
  { key: 'date3', type: 'date', label: date },
];

/** The fields of each kind's template, in order. */
export const TEMPLATE_FIELDS: Record<ReminderKind, TemplateField[]> = {
  REVIEW_DUE: layout('待办内容'),
  REPORT_DUE: layout('待办内容'),
  OPINION_DUE: layout('待办内容'),
  RECTIFICATION_DUE: layout('整改要求'),
  REPLY_TO_CONFIRM: layout('待办内容', '提交时间'),
  PROGRESS_REPORT_DUE: layout('未上报单位'),
  PLAN_HAND_IN_DUE: layout('待办内容'),
};

/** The longest `thing` value the platform takes. */
export const THING_MAX = 20;

/** True when `value` is acceptable for a field of `type` (the platform's documented limits). */
export function fitsField(type: FieldType, value: string): boolean {
  if (type === 'thing') return value.length > 0 && [...value].length <= THING_MAX;
  if (type === 'date') return /^\d{4}年\d{2}月\d{2}日$/.test(value);
  if (type === 'number') return /^\d{1,32}(\.\d+)?$/.test(value);
  return value.length > 0 && [...value].length <= 5 && /^[\u4e00-\u9fa5]+$/.test(value);
}

/** Shortens text to a `thing` value: whole characters, an ellipsis when cut, never empty. */
export function thingValue(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length === 0) return '无';
  return chars.length <= THING_MAX ? chars.join('') : `${chars.slice(0, THING_MAX - 1).join('')}…`;
}

/** A `YYYY-MM-DD` date as a template `date` value. */
export function dateValue(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${m}月${d}日`;
}

/** What a reminder is about: the facts its message is built from. */
export type ReminderFacts =
  | { kind: 'REVIEW_DUE'; campaignId: string; campaignName: string; open: number; dueDate: string }
  | { kind: 'REPORT_DUE'; reviewerName: string; sessionId: string; deadline: string }
  | { kind: 'OPINION_DUE'; reviewerName: string; sessionId: string; deadline: string }
  | { kind: 'RECTIFICATION_DUE'; rectificationId: string; requirement: string; deadline: string; imposed: boolean; overdue: boolean }
  | { kind: 'REPLY_TO_CONFIRM'; rectificationId: string; count: number; repliedOn: string }
  | { kind: 'PROGRESS_REPORT_DUE'; campaignId: string; campaignName: string; orgId: string; units: string[]; deadline: string }
  | { kind: 'PLAN_HAND_IN_DUE'; campaignId: string; orgId: string; upperOrgName: string; deadline: string };

/** A message ready to send: the screen it opens, the template values, and the line the home screen shows. */
export interface ReminderMessage {
  kind: ReminderKind;
  page: string;
  data: Record<string, { value: string }>;
  /** The same reminder as one line on the home screen (the in-app fallback). */
  text: string;
}

const values = (kind: ReminderKind, raw: string[]): Record<string, { value: string }> =>
  Object.fromEntries(TEMPLATE_FIELDS[kind].map((f, i) => [f.key, { value: f.type === 'thing' ? thingValue(raw[i]) : raw[i] }]));

/** Builds the message of a reminder: deep link, template values fitted to their fields, and the in-app line. */
export function reminderMessage(facts: ReminderFacts): ReminderMessage {
  switch (facts.kind) {
    case 'REVIEW_DUE': {
      const what = `还有${facts.open}项点评未完成`;
      return { kind: facts.kind, page: 'pages/home/index/index', data: values(facts.kind, [facts.campaignName, what, dateValue(facts.dueDate)]), text: `${what}，${facts.dueDate}截止` };
    }
    case 'REPORT_DUE': {
      const what = `向${facts.reviewerName}提交汇报`;
      return { kind: facts.kind, page: `pages/report/edit/edit?sessionId=${facts.sessionId}`, data: values(facts.kind, ['点评前汇报', what, dateValue(facts.deadline)]), text: `请${what}，${facts.deadline}截止` };
    }
    case 'OPINION_DUE': {
      const what = `对${facts.reviewerName}的点评提意见`;
      return { kind: facts.kind, page: `pages/opinion/give/give?sessionId=${facts.sessionId}`, data: values(facts.kind, ['征求意见', what, dateValue(facts.deadline)]), text: `请${what}，${facts.deadline}截止` };
    }
    case 'RECTIFICATION_DUE': {
      const title = facts.overdue ? '整改已逾期' : facts.imposed ? '限期整改' : '整改即将到期';
      return { kind: facts.kind, page: `pages/rectification/detail/detail?id=${facts.rectificationId}`, data: values(facts.kind, [title, facts.requirement, dateValue(facts.deadline)]), text: `${title}：${thingValue(facts.requirement)}，${facts.deadline}截止` };
    }
    case 'REPLY_TO_CONFIRM': {
      const what = `${facts.count}份整改回复待确认`;
      return { kind: facts.kind, page: `pages/rectification/detail/detail?id=${facts.rectificationId}`, data: values(facts.kind, ['整改回复确认', what, dateValue(facts.repliedOn)]), text: what };
    }
    case 'PROGRESS_REPORT_DUE': {
      const what = facts.units.length ? `${facts.units.length}个单位未上报：${facts.units.join('、')}` : '本单位未上报';
      return { kind: facts.kind, page: `pages/home/index/index?progressOrgId=${facts.orgId}`, data: values(facts.kind, [facts.campaignName, what, dateValue(facts.deadline)]), text: `进度上报${facts.deadline}截止，${what}` };
    }
    case 'PLAN_HAND_IN_DUE': {
      const what = `向${facts.upperOrgName}上交具体方案`;
      return { kind: facts.kind, page: `pages/progress/handin/handin?orgId=${facts.orgId}&campaignId=${facts.campaignId}`, data: values(facts.kind, ['上交具体方案', what, dateValue(facts.deadline)]), text: `请${what}，${facts.deadline}截止` };
    }
  }
}

/** The first template value that does not fit its field, or null when the message is sendable. */
export function messageProblem(message: ReminderMessage): string | null {
  for (const f of TEMPLATE_FIELDS[message.kind]) {
    const v = message.data[f.key]?.value;
    if (v === undefined || !fitsField(f.type, v)) return `${message.kind}.${f.key}（${f.label}）的值「${v ?? ''}」不符合${f.type}字段`;
  }
  return null;
}

/** What is still open for a member now, as the home screen finds it (ids of the items a reminder names). */
export interface OpenWork {
  /** Campaigns in which the member still has required reviews to write. */
  reviewCampaigns: ReadonlySet<string>;
  /** Sessions the member still owes a report to. */
  reportSessions: ReadonlySet<string>;
  /** Sessions in which the member has not yet given an opinion on every target they were asked about. */
  opinionSessions: ReadonlySet<string>;
  /** Rectifications the member still has to plan or reply to. */
  rectifications: ReadonlySet<string>;
  /** Replies waiting for the member's confirmation. */
  repliesToConfirm: number;
  /** Orgs (`campaignId|orgId`) with units still not reported in the current period. */
  progressOrgs: ReadonlySet<string>;
  /** Units (`campaignId|orgId`) the member leads that still owe the 具体方案 their upper unit asked for. */
  planHandIns: ReadonlySet<string>;
}

/** True while the work a reminder is about is still open (an in-app reminder is shown only then). */
export function reminderStillOpen(facts: ReminderFacts, open: OpenWork): boolean {
  switch (facts.kind) {
    case 'REVIEW_DUE':
      return open.reviewCampaigns.has(facts.campaignId);
    case 'REPORT_DUE':
      return open.reportSessions.has(facts.sessionId);
    case 'OPINION_DUE':
      return open.opinionSessions.has(facts.sessionId);
    case 'RECTIFICATION_DUE':
      return open.rectifications.has(facts.rectificationId);
    case 'REPLY_TO_CONFIRM':
      return open.repliesToConfirm > 0;
    case 'PROGRESS_REPORT_DUE':
      return open.progressOrgs.has(`${facts.campaignId}|${facts.orgId}`);
    case 'PLAN_HAND_IN_DUE':
      return open.planHandIns.has(`${facts.campaignId}|${facts.orgId}`);
  }
}
