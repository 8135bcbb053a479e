/**
 * What a person owes now has one home (issue 19, domain/owed.ts): the `remind` timer, home's to-do and
 * the in-app fallback ask the same questions, so at one instant they name the same people for the same
 * work. 吴敏's session over 李娜 (reports) and 钱军 (does not), report deadline 12-08: on 12-05 the timer
 * reminds exactly those whose to-do shows the report, and once 钱军 reports, none of the three names him.
 */
import type { Db } from '../../api/src/frame/db';
import { runningCampaigns } from '../../api/src/repositories/reminders';
import { dueReminders } from '../src/due';
import { type Data, type District } from '../../api/test/harness';
import { buildSeed000 } from '../../api/test/progress.support';
import { bind } from '../../api/test/work.support';
import { deadlineSession, remindHarness } from './remind.support';

const { h, fireAt } = remindHarness();
let d: District;
let sessionId: string;
const DAY = '2026-12-05';
const member = (k: string) => ({ kind: 'MEMBER', id: d.person[k] });
const db = () => (require('wx-server-sdk') as { database(): Db }).database(); // eslint-disable-line @typescript-eslint/no-require-imports
const PEOPLE: Array<[string, string]> = [['s1', 'o-s1'], ['s3', 'o-s3'], ['s4', 'o-s4']];

/** The people the timer would remind of this session's report on DAY. */
async function timerNames(): Promise<string[]> {
  const due = await dueReminders(db(), await runningCampaigns(db(), DAY, '2026-10-01'), DAY, null);
  return due.flatMap((r) => (r.facts.kind === 'REPORT_DUE' && r.facts.sessionId === sessionId && r.personId ? [r.personId] : [])).sort();
}

/** The people whose to-do lists this session's report, and those whose in-app fallback still shows its reminder. */
async function homeNames(): Promise<{ todo: string[]; inApp: string[] }> {
  const homes = await Promise.all(PEOPLE.map(async ([key, openid]) => [d.person[key], (await h.ok(openid, 'home')) as Data] as const));
  return {
    todo: homes.filter(([, home]) => home.reportsToGive.some((r: Data) => r.sessionId === sessionId)).map(([p]) => p).sort(),
    inApp: homes.filter(([, home]) => home.reminders.some((r: Data) => r.kind === 'REPORT_DUE')).map(([p]) => p).sort(),
  };
}

beforeAll(async () => {
  d = await buildSeed000(h);
  await bind(h, d, 's4', 'o-s4');
  sessionId = await deadlineSession(h, d);
  await h.ok('o-s3', 'report.save', { sessionId, target: member('s3'), fulfilment: '承诺事项已全部兑现', work: '完成教学任务', plans: '继续结对帮扶', submit: true });
});

afterAll(() => h.clock.set('2026-11-21T10:00+08:00'));

describe('the timer, the to-do and the in-app fallback agree on who owes a report', () => {
  it('when the timer fires three days before the deadline, then it reminds exactly the people whose to-do shows the report, and their fallback shows it', async () => {
    // Act
    await fireAt(`${DAY}T09:00+08:00`);
    const timer = await timerNames();
    const home = await homeNames();

    // Assert
    expect(timer).toEqual([d.person.s4]);
    expect(home).toEqual({ todo: timer, inApp: timer });
  });

  it('when the last target reports, then the timer, the to-do and the fallback all let him go', async () => {
    // Act
    await h.ok('o-s4', 'report.save', { sessionId, target: member('s4'), fulfilment: '已兑现', work: '完成任务', plans: '继续努力', submit: true });

    // Assert
    expect(await timerNames()).toEqual([]);
    expect(await homeNames()).toEqual({ todo: [], inApp: [] });
  });
});
