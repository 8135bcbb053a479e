// The campaign office and the leaders who watch progress (issue 21): the dashboard from home, its unit
// rows adding up to the totals, the Excel export, and 提醒未完成的.
import { api } from '../../preview-driver.mjs';

/** The newest campaign of the person's tenant. */
async function newestCampaign(url, as) {
  const me = await api(url, as, 'me');
  return { me, campaignId: [...me.campaigns].sort((a, b) => b.start.localeCompare(a.start))[0].id };
}

/** Fails unless the dashboard's unit rows (本级 + children) add up to its 合计 in every kind. */
function addsUp(p) {
  const top = p.rows.find((r) => r.depth === 0);
  for (const k of ['leaders', 'orgs', 'members']) {
    const sum = top.own.required[k] + p.rows.filter((r) => r.depth > 0).reduce((n, r) => n + r.required[k], 0);
    if (sum !== top.required[k]) throw new Error(`${k}: rows add up to ${sum}, total ${top.required[k]}`);
  }
}

/** @type {import('../journeys.mjs').Journey[]} */
export const OFFICE_JOURNEYS = [
  {
    name: 'office-progress-export',
    who: '活动办公室（单位管理员），最大字',
    as: 'o-demo-admin',
    font: 28,
    outcome: '从「我的」打开全单位的点评进度，看清各单位完成情况，导出进度表（Excel）',
    budget: 4,
    async run(j, { url }) {
      await j.tab('我的');
      await j.tap('点评进度');
      await j.see('各单位');
      await j.see('本级');
      await j.check('往下看：各单位一行一条，本级也单独一行', async () => {
        const own = j.page.locator('#screen > .page-host').last().locator('[data-wx-id="unit-own"]').first();
        await own.scrollIntoViewIfNeeded();
        await j.page.waitForTimeout(300);
      });
      await j.tap('导出进度表');
      await j.check('导出的是 xlsx，微信能打开', async () => {
        const opened = await j.page.evaluate(() => window.__preview.opened);
        const last = opened[opened.length - 1];
        if (!last || !last.ok || !/\.xlsx$/.test(last.name)) throw new Error(`opened ${JSON.stringify(opened)}`);
      });
      await j.check('屏幕上各单位（含本级）加起来等于合计', async () => {
        const { me, campaignId } = await newestCampaign(url, 'o-demo-admin');
        addsUp(await api(url, 'o-demo-admin', 'progress.get', { orgId: me.roles.officeOf.id, campaignId }));
      });
    },
  },
  {
    name: 'upper-secretary-remind',
    who: '工委书记 周建国',
    as: 'o-demo-g1',
    outcome: '看点评进度，点开下一级单位，再提醒还没完成点评的同志',
    budget: 6,
    async run(j, { url }) {
      await j.tab('我的');
      await j.tap('点评进度');
      await j.see('缺口及原因');
      await j.tap('下一级 ›');
      await j.see('各单位');
      await j.tap('提醒未完成的');
      await j.see('已安排提醒');
      await j.check('提醒已记下：今天再点一次只会说“无需重复提醒”', async () => {
        const { me, campaignId } = await newestCampaign(url, 'o-demo-g1');
        const orgId = me.roles.secretaryOf[0].id;
        const top = await api(url, 'o-demo-g1', 'progress.get', { orgId, campaignId });
        const drilled = top.rows.find((r) => r.depth > 0 && r.hasChildren);
        const res = await fetch(`${url}/functions/api`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ openid: 'o-demo-g1', data: { action: 'progress.nudge', payload: { orgId: drilled.orgId, campaignId }, requestId: `journey-${Date.now()}` } }),
        });
        const again = (await res.json()).result?.data ?? {};
        if (again.status !== 'ALREADY') throw new Error(`second nudge ${again.status}`);
      });
    },
  },
  {
    name: 'upper-secretary-assess',
    who: '工委书记 周建国',
    as: 'o-demo-g1',
    font: 28,
    outcome: '在点评进度里用几句话评定一个下级党组织本轮的点评工作（不打分、不排名；issue 24，seed 003「有评定」）',
    budget: 5,
    async run(j, { url }) {
      await j.tab('我的');
      await j.tap('点评进度');
      await j.see('点评工作评定');
      await j.tap('写评定');
      await j.type('用几句话评定这个单位的点评工作，不打分、不排名', '点评覆盖全体党员，问题指得具体；整改回复还要更及时。');
      await j.tap('保存评定');
      await j.see('点评覆盖全体党员，问题指得具体；整改回复还要更及时。');
      await j.check('一个下级党组织这一轮有了评定', async () => {
        const { me, campaignId } = await newestCampaign(url, 'o-demo-g1');
        const top = await api(url, 'o-demo-g1', 'progress.get', { orgId: me.roles.secretaryOf[0].id, campaignId });
        const rows = top.rows.filter((r) => r.depth === 1 && r.assessment?.text.startsWith('点评覆盖全体党员'));
        if (rows.length !== 1) throw new Error(`assessed rows: ${rows.map((r) => r.name).join(',')}`);
      });
    },
  },
];
