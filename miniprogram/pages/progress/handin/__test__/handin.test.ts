/**
 * 具体方案 by taps through the real api (issue 24 item 4): the 工委 asks from 点评进度, 吴敏 finds it on 待办 and
 * hands in on the 具体方案 page, the 工委's list says 已交 and opens it; 本次上报 carries a 书面总结 to 上报记录.
 */
import { choose, lastNavigation, tap, textOf, type, usePages } from '../../../../__test__/pages';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;
const PLAN = '一、12月中旬召开支部党员大会，逐一点评全体党员。';

beforeAll(async () => {
  d = await buildDistrict(p.h);
  await p.h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
});

describe('具体方案 on the screens', () => {
  test('when the 工委 secretary asks for plans by a date he picks, then 下级具体方案 lists every branch as 未交', async () => {
    p.actAs(d.users.committeeSecretary);
    const page = await p.open('pages/progress/index/index', { orgId: d.org.gw, campaignId: d.campaignId });
    expect(textOf(page)).toContain('下级具体方案');
    await tap(page, '#ask');
    await choose(page, '#ask-deadline-picker', '2026-12-20');
    await type(page, '#ask-note', '按活动方案制订本支部的具体方案');
    await tap(page, '#ask-save');
    expect(textOf(page)).toContain('上交截止：2026年12月20日');
    expect(textOf(page)).toContain('已交 0 个，未交 4 个');
    expect(p.sent.filter((e) => e.action === 'handin.ask').map((e) => e.payload)).toEqual([expect.objectContaining({ orgId: d.org.gw, deadline: '2026-12-20', note: '按活动方案制订本支部的具体方案' })]);
  });

  test('when 吴敏 opens 待办, then 上交具体方案 shows the deadline, and she hands in her plan on its page', async () => {
    p.actAs(d.users.branchSecretary);
    const home = await p.open('pages/home/index/index');
    expect(textOf(home)).toContain('向中共常州市新北区社会事业局工作委员会上交具体方案');
    expect(textOf(home)).toContain('截止 2026年12月20日');
    const page = await p.open('pages/progress/handin/handin', { orgId: d.org.xx1, campaignId: d.campaignId });
    await type(page, '#draft', PLAN);
    await tap(page, '#hand-in');
    expect(textOf(page)).toContain('已交，2026年11月21日');
    expect(textOf(page)).toContain(PLAN);
  });

  test('when the 工委 secretary opens 点评进度 again, then 实验小学党支部 reads 已交 and opens the plan', async () => {
    p.actAs(d.users.committeeSecretary);
    const page = await p.open('pages/progress/index/index', { orgId: d.org.gw, campaignId: d.campaignId });
    expect(textOf(page)).toContain('已交 1 个，未交 3 个');
    await tap(page, `#hand-in-${d.org.xx1}`);
    expect(lastNavigation()).toEqual(['pages/progress/handin/handin', { orgId: d.org.xx1, campaignId: d.campaignId }]);
    const plan = await p.open('pages/progress/handin/handin', { orgId: d.org.xx1, campaignId: d.campaignId });
    expect(textOf(plan)).toContain(PLAN);
    expect(plan.querySelector('#hand-in')).toBeFalsy();
  });

  test('when 吴敏 reports her branch\'s progress with a 书面总结, then 上报记录 shows it', async () => {
    p.actAs(d.users.branchSecretary);
    const page = await p.open('pages/progress/index/index', { orgId: d.org.xx1, campaignId: d.campaignId });
    await tap(page, '#submit');
    await type(page, '#summary-draft', '本阶段完成对全体党员的点评。');
    await tap(page, '#confirm-submit');
    const history = await p.open('pages/progress/history/history', { orgId: d.org.xx1, campaignId: d.campaignId });
    expect(textOf(history)).toContain('书面总结：本阶段完成对全体党员的点评。');
  });
});
