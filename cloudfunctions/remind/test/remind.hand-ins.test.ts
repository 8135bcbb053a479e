/**
 * The 具体方案 reminder (issue 24 item 4) on the local clock: the 工委 asks its units for a plan by 12-20;
 * the secretaries of the units that have not handed in are reminded 3 and 1 days before (12-17, 12-19) and
 * on no other day; 吴敏, who handed in, is not; the reminder is kept on 待办 while the unit still owes and
 * leaves it once the unit hands in.
 */
import type { Db } from '../../api/src/frame/db';
import { runningCampaigns } from '../../api/src/repositories/reminders';
import { dueReminders } from '../src/due';
import { type District } from '../../api/test/harness';
import { remindHarness } from './remind.support';
import { buildSeed000 } from '../../api/test/progress.support';

const { h, docs, fireAt } = remindHarness();
const db = () => (require('wx-server-sdk') as { database(): Db }).database(); // eslint-disable-line @typescript-eslint/no-require-imports
let d: District;

/** Person ids reminded of the 具体方案 on `today`. */
async function remindedOn(today: string): Promise<string[]> {
  const campaigns = await runningCampaigns(db(), today, today);
  return (await dueReminders(db(), campaigns, today)).filter((r) => r.facts.kind === 'PLAN_HAND_IN_DUE').map((r) => r.personId as string).sort();
}

describe('具体方案 reminders', () => {
  afterAll(() => h.clock.set('2026-11-21T10:00+08:00'));

  beforeAll(async () => {
    d = await buildSeed000(h);
    await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
    await h.ok(d.users.committeeSecretary, 'handin.ask', { campaignId: d.campaignId, orgId: d.org.gw, deadline: '2026-12-20' });
    await h.ok(d.users.branchSecretary, 'handin.submit', { campaignId: d.campaignId, orgId: d.org.xx1, text: '12月中旬召开支部党员大会，逐一点评全体党员。' });
  });

  it('when the deadline is 3 or 1 days away, then exactly the secretaries of units that have not handed in are reminded, and on no other day', async () => {
    // Arrange: the 工委's units and their secretaries; 吴敏's branch has handed in.
    const orgs = docs('orgs').filter((o) => o.parentId === d.org.gw);
    const owing = orgs.filter((o) => o._id !== d.org.xx1 && o.secretaryId).map((o) => o.secretaryId as string).sort();
    expect(owing.length).toBe(3);

    // Act
    const byDay = Object.fromEntries(await Promise.all(['2026-12-16', '2026-12-17', '2026-12-18', '2026-12-19', '2026-12-20', '2026-12-21'].map(async (day) => [day, await remindedOn(day)])));

    // Assert
    expect(byDay).toEqual({ '2026-12-16': [], '2026-12-17': owing, '2026-12-18': [], '2026-12-19': owing, '2026-12-20': [], '2026-12-21': [] });
    expect(owing).not.toContain(d.person.s1);
  });

  it('when the timer fires on 12-17, then 黄海 (no send credit) finds it on 待办 until his unit hands in', async () => {
    // Act
    await fireAt('2026-12-17T10:00+08:00');
    const before = await h.ok(d.users.generalBranchSecretary, 'home', {});
    await h.ok(d.users.generalBranchSecretary, 'handin.submit', { campaignId: d.campaignId, orgId: d.org.zx, text: '总支统一部署，各支部12月底前完成点评。' });
    const after = await h.ok(d.users.generalBranchSecretary, 'home', {});

    // Assert
    expect(before.reminders).toEqual([expect.objectContaining({ kind: 'PLAN_HAND_IN_DUE', text: '请向中共常州市新北区社会事业局工作委员会上交具体方案，2026-12-20截止', page: `pages/progress/handin/handin?orgId=${d.org.zx}&campaignId=${d.campaignId}` })]);
    expect(before.handInsToGive.map((x: { orgId: string }) => x.orgId)).toEqual([d.org.zx]);
    expect(after.reminders.filter((r: { kind: string }) => r.kind === 'PLAN_HAND_IN_DUE')).toEqual([]);
    expect(after.handInsToGive).toEqual([]);
  });
});
