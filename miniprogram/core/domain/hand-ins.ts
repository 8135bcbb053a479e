/**
 * Plans and summaries handed in by lower units (issue 24 item 4). Seed 001: 各二级党组织要…制订领导点评工作具体方案;
 * seed 002: 各党小组要…制定…具体安排，于…底前报; seeds 000, 002, 004: 形成书面材料 / 总结上报. An upper unit (its
 * secretary, or the office at the top) asks its direct lower units for a 具体方案 by a deadline; each lower unit's
 * secretary hands in text and attachments and may replace it until the deadline; a written 总结 goes with each
 * progress report. Pure: the api stores what these rules accept and the to-do, reminders and the 台帐 ask them.
 */
import { fail, ok, type Result } from '../errors';
import { cstDateOf } from './cst';
import { daysUntil, DEADLINE_REMINDER_DAYS } from './reminders';

/** The longest 具体方案 or 总结 text: a page or two of a plan, as the seeds' units write them. */
export const HAND_IN_TEXT_MAX = 5000;
/** The most attachments one hand-in carries. */
export const HAND_IN_FILES_MAX = 5;
/** What an attachment may be: a Word or PDF document, or a photo of a paper one. */
export const HAND_IN_EXTENSIONS = ['doc', 'docx', 'pdf', 'jpg', 'jpeg', 'png'] as const;

/** An attachment as stored: the cloud file and the name the secretary saw. */
export interface HandInFile {
  fileID: string;
  name: string;
}

/** The upper unit's request: a 具体方案 from each direct lower unit by `deadline` (a CST date). */
export interface HandInCall {
  deadline: string;
  note: string;
}

/** One lower unit's hand-in as stored. */
export interface HandIn {
  text: string;
  files: readonly HandInFile[];
  at: number;
}

/** The cloud path prefix a tenant's hand-in attachments are uploaded under (wx.cloud.uploadFile's cloudPath). */
export function handInFolder(tenantId: string): string {
  return `handins/${tenantId}/`;
}

/** True when a fileID names a file uploaded under the tenant's hand-in folder (never another tenant's or another kind's). */
export function handInFileOfTenant(fileID: string, tenantId: string): boolean {
  const escaped = handInFolder(tenantId).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^cloud://[^/]+/${escaped}[^/]+$`).test(fileID);
}

/** Why a request for plans cannot be made as given (Chinese), or ok: a deadline from today on, lower units to ask. */
export function handInCallRefusal(deadline: string, lowerUnits: number, now: number): Result<null> {
  if (lowerUnits === 0) return fail('HANDIN.NO_LOWER_UNITS');
  if (deadline < cstDateOf(now)) return fail('HANDIN.DEADLINE_PAST', `上交截止日期 ${deadline} 已过，请选今天或以后的日期`);
  return ok(null);
}

/**
 * Why a hand-in cannot be kept as given, or ok. Something must be handed in (text or an attachment);
 * attachments are documents or photos of the tenant's own uploads. A first hand-in after the deadline
 * is still taken (marked late, so nothing is lost), but one already handed in is fixed once the deadline has passed.
 */
export function handInRefusal(call: HandInCall | null, previous: HandIn | null, text: string, files: readonly HandInFile[], tenantId: string, now: number): Result<{ late: boolean }> {
  if (!call) return fail('HANDIN.NOT_ASKED');
  if (!text.trim() && files.length === 0) return fail('HANDIN.EMPTY');
  const wrongKind = files.find((f) => !(HAND_IN_EXTENSIONS as readonly string[]).includes(extensionOf(f.name)));
  if (wrongKind) return fail('HANDIN.FILE_KIND', `附件「${wrongKind.name}」不是 Word、PDF 或图片，请换成这几种格式`);
  const foreign = files.find((f) => !handInFileOfTenant(f.fileID, tenantId));
  if (foreign) return fail('HANDIN.FILE_KIND', `附件「${foreign.name}」不是本单位上传的文件，请重新上传`);
  const late = cstDateOf(now) > call.deadline;
  if (late && previous) return fail('HANDIN.CLOSED', `上交截止日期 ${call.deadline} 已过，已交的具体方案不能再替换`);
  return ok({ late });
}

/** True while a unit may hand in (or replace) its plan: asked, and not already handed in once the deadline has passed. */
export function handInOpen(call: HandInCall | null, previous: HandIn | null, now: number): boolean {
  return call !== null && !(previous !== null && cstDateOf(now) > call.deadline);
}

/** The lower-case extension of a file name ('' when it has none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Where a lower unit stands: handed in (on time or late), or not yet (still open, or overdue). */
export type HandInState = 'IN' | 'LATE' | 'OWED' | 'OVERDUE';

/** The state of one lower unit for the upper's list: 已交 / 逾期补交 / 未交 / 逾期未交. */
export function handInState(call: HandInCall, handIn: Pick<HandIn, 'at'> | null, now: number): HandInState {
  if (handIn) return cstDateOf(handIn.at) > call.deadline ? 'LATE' : 'IN';
  return cstDateOf(now) > call.deadline ? 'OVERDUE' : 'OWED';
}

/** The state in words, as the upper unit's list and the 台帐 say it. */
export const HAND_IN_STATE_LABELS: Record<HandInState, string> = { IN: '已交', LATE: '逾期补交', OWED: '未交', OVERDUE: '逾期未交' };

/** 已交 and 未交 of a list of lower units (counted from the states already read, never by reading the tree again). */
export function handInTally(states: readonly HandInState[]): { handedIn: number; owed: number } {
  const handedIn = states.filter((s) => s === 'IN' || s === 'LATE').length;
  return { handedIn, owed: states.length - handedIn };
}

/** True while a lower unit still owes its 具体方案 (the to-do shows it, the in-app reminder stays). */
export function handInOwed(call: HandInCall | null, handIn: HandIn | null): boolean {
  return call !== null && handIn === null;
}

/** True when a secretary whose unit still owes its 具体方案 is reminded today: 3 and 1 days before the deadline. */
export function handInReminderDue(today: string, call: HandInCall): boolean {
  return (DEADLINE_REMINDER_DAYS as readonly number[]).includes(daysUntil(today, call.deadline));
}

/** A written paper of the 台帐: a title, the facts under it, then the text as written (one paragraph a line). */
export interface WrittenPaper {
  title: string;
  facts: string[];
  paragraphs: string[];
}

/** The date part of an instant as the papers print it (2026年12月5日), China Standard Time. */
function paperDate(instant: number): string {
  const [y, m, d] = cstDateOf(instant).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** A unit's 具体方案 as kept in the 台帐: who handed it to whom, when (late or not), its attachments, its text. */
export function handInPaper(p: { orgName: string; upperOrgName: string | null; call: HandInCall | null; handIn: HandIn }): WrittenPaper {
  const state = p.call ? handInState(p.call, p.handIn, p.handIn.at) : 'IN';
  return {
    title: `${p.orgName}领导点评工作具体方案`,
    facts: [
      ...(p.upperOrgName ? [`报送：${p.upperOrgName}`] : []),
      ...(p.call ? [`上交截止：${paperDate(Date.parse(`${p.call.deadline}T12:00:00+08:00`))}`] : []),
      `上交时间：${paperDate(p.handIn.at)}（${HAND_IN_STATE_LABELS[state]}）`,
      ...(p.handIn.files.length ? [`附件：${p.handIn.files.map((f) => f.name).join('、')}（见同一文件夹）`] : []),
    ],
    paragraphs: p.handIn.text ? p.handIn.text.split(/\r?\n/).filter((l) => l.trim()) : ['（只交了附件）'],
  };
}

/** A unit's written 总结 of each progress report, oldest first, as kept in the 台帐. */
export function summariesPaper(orgName: string, reports: ReadonlyArray<{ asOf: number; writtenSummary: string }>): WrittenPaper {
  const sorted = [...reports].sort((a, b) => a.asOf - b.asOf);
  return {
    title: `${orgName}领导点评工作进度上报书面总结`,
    facts: [`共${sorted.length}次上报附有书面总结`],
    paragraphs: sorted.flatMap((r) => [`【${paperDate(r.asOf)}上报】`, ...r.writtenSummary.split(/\r?\n/).filter((l) => l.trim())]),
  };
}

/** The longest written 总结 sent with a progress report. */
export const SUMMARY_MAX = HAND_IN_TEXT_MAX;
