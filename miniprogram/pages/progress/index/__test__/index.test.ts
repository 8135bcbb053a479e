import { usePages, tap, textOf } from '../../../../__test__/pages';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(p.h);
  await p.h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
});

type Text = { dom?: { textContent: string | null } | null } | null | undefined;
const KINDS = [
  ['leaders', '领导'],
  ['orgs', '党组织'],
  ['members', '党员'],
] as const;

/** "领导 2/7" as shown on a row or the summary: [done, required]. */
function figures(text: string, label: string): [number, number] {
  // 「党员 无」: nobody to count in that kind.
  if (new RegExp(`${label}\\s*无`).test(text)) return [0, 0];
  const m = new RegExp(`${label}\\s*(\\d+)/(\\d+)`).exec(text);
  if (!m) throw new Error(`no ${label} figure in ${text}`);
  return [Number(m[1]), Number(m[2])];
}
const shown = (el: Text) => (el?.dom?.textContent ?? '').replace(/\s+/g, ' ');

describe('点评进度 as a dashboard', () => {
  test('when the upper secretary opens it, then the unit rows on the screen, 本级 first, add up to the summary in each kind', async () => {
    p.actAs(d.users.committeeSecretary);
    const page = await p.open('pages/progress/index/index', { orgId: d.org.gw, campaignId: d.campaignId });
    const units = page.data.units as Array<{ orgId: string; own: boolean }>;
    expect(units[0].own).toBe(true);
    expect(shown(page.querySelector('#unit-own'))).toContain('本级');
    const rows = units.map((u) => shown(page.querySelector(u.own ? '#unit-own' : `#unit-${u.orgId}`)));
    for (const [kind, label] of KINDS) {
      const total = figures(shown(page.querySelector(`#total-${kind}`)), label);
      const sum = rows.map((r) => figures(r, label)).reduce((a, b) => [a[0] + b[0], a[1] + b[1]], [0, 0]);
      expect(sum).toEqual(total);
    }
    expect(textOf(page)).toMatch(/缺口 \d+ 项/);
    expect(textOf(page)).toContain('缺口及原因');
  });

  test('when a unit has nobody to count in a kind (党员 0/0), then its row reads 无 there and draws no bar for it', async () => {
    p.actAs(d.users.committeeSecretary);
    const page = await p.open('pages/progress/index/index', { orgId: d.org.gw, campaignId: d.campaignId });
    const units = page.data.units as Array<{ orgId: string; own: boolean; bars: Array<{ label: string; required: number }> }>;
    const unit = units.find((u) => u.bars.some((b) => b.required === 0));
    expect(unit).toBeTruthy();
    const row = page.querySelector(unit!.own ? '#unit-own' : `#unit-${unit!.orgId}`);
    const empty = unit!.bars.filter((b) => b.required === 0);
    for (const b of empty) expect(shown(row)).toContain(`${b.label} 无`);
    expect(shown(row)).not.toMatch(/\b0\/0\b/);
    expect(row!.dom!.querySelectorAll('.main--bar-fill').length).toBe(unit!.bars.length - empty.length);
  });

  test('when the secretary taps a unit with units below, then its own dashboard opens', async () => {
    p.actAs(d.users.committeeSecretary);
    const page = await p.open('pages/progress/index/index', { orgId: d.org.gw, campaignId: d.campaignId });
    const below = (page.data.units as Array<{ orgId: string; drill: boolean }>).find((u) => u.drill);
    expect(below).toBeTruthy();
    await tap(page, `#unit-${below!.orgId}`);
    expect(wx.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: expect.stringContaining(`orgId=${encodeURIComponent(below!.orgId)}`) }));
  });

  test('when the secretary taps 提醒未完成的, then the reminder is scheduled and said in plain words', async () => {
    p.actAs(d.users.committeeSecretary);
    const page = await p.open('pages/progress/index/index', { orgId: d.org.gw, campaignId: d.campaignId });
    await tap(page, '#remind');
    expect(p.sent.some((e) => e.action === 'progress.nudge')).toBe(true);
    expect(wx.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ content: expect.stringContaining('已安排提醒') }));
  });

  test('when the plan is being updated, then 本次上报 is refused on the screen and says why', async () => {
    const campaign = await p.h.ok(d.users.admin, 'campaign.get', { campaignId: d.campaignId });
    await p.h.ok(d.users.admin, 'campaign.update', { campaignId: d.campaignId, version: campaign.version, name: '创先争优活动领导点评（修订）' });
    p.actAs(d.users.committeeSecretary);
    const page = await p.open('pages/progress/index/index', { orgId: d.org.gw, campaignId: d.campaignId });
    expect(textOf(page)).toContain('更新完成后才能上报');
    await tap(page, '#submit');
    expect(page.data.previewing).toBe(false);
    expect(p.sent.some((e) => e.action === 'progress.submit')).toBe(false);
  });
});
