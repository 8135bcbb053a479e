// The campaign office and the leaders who watch progress (issue 21): the dashboard from home, its unit
// rows adding up to the totals, the Excel export, and 提醒未完成的; the office changing a review template
// that the next session uses; a new unit's first administrator creating it from the app; and the office
// entering, on behalf of a liaison leader who is not on the app, the review he gave at the meeting (issue 20).
import { act, api, settle } from '../../preview-driver.mjs';
import { LIAISON_TARGETS, enterLiaisonReview } from './writers.mjs';

/** The api's whole reply to `openid` (ok or not): what a refused caller is told. */
async function replyTo(url, openid, action, payload = {}) {
  const res = await fetch(`${url}/functions/api`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid, data: { action, payload } }) });
  return (await res.json()).result;
}

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

/** Hands the same screen to another person's phone (a new WeChat session as `as`, at `font`), as a step. */
function passPhone(j, url, as, font, caption) {
  return j.check(caption, async () => {
    await j.page.goto(`${url}/preview/?${new URLSearchParams({ as, font: String(font) })}`);
    await j.page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 60_000 });
    await settle(j.page);
  });
}

/** A step that scrolls the screen to what `selector` shows (as a person scrolls down to read it), so its picture shows it. */
function lookAt(j, selector, caption) {
  return j.check(caption, async () => {
    const el = j.page.locator('#screen > .page-host').last().locator(selector).first();
    await el.scrollIntoViewIfNeeded();
    await j.page.waitForTimeout(300);
  });
}

/** @type {import('../journeys.mjs').Journey[]} */
export const OFFICE_JOURNEYS = [
  {
    name: 'office-enters-for-reviewer',
    who: '活动办公室（代联系领导刘芳录入），最大字',
    as: 'o-demo-admin',
    font: 28,
    outcome: '联系领导刘芳不用小程序：活动办公室从「我的」→ 活动办公室 → 实验小学党支部 → 代录入点评，选「代刘芳录入」发起对支部书记吴敏的点评，录入、提交并发布，点评人记为刘芳、录入人记为活动办公室',
    budget: 24,
    async run(j, { url }) {
      await j.tab('我的');
      await j.tap('活动办公室');
      await j.tap('新北区实验小学党支部', '在组织架构里点「新北区实验小学党支部」');
      await j.tap('代录入点评');
      await j.see('本期待点评');
      // The branch itself is 吴敏's to enter (secretary-enters-for-leader); the office enters 刘芳's review of her.
      await enterLiaisonReview(j, '刘芳同志对吴敏同志的点评意见由活动办公室录入并反馈（旅程测试）。', LIAISON_TARGETS.secretary);
      await j.check('刘芳对吴敏的点评已发布，点评人是刘芳、录入人是活动办公室', async () => {
        const { sessions } = await api(url, 'o-demo-admin', 'session.list', {});
        const hers = sessions.filter((s) => s.reviewerName === '刘芳');
        if (!hers.length) throw new Error('no session of 刘芳');
        const newest = [...hers].sort((a, b) => b.id.localeCompare(a.id))[0];
        const { session, reviews } = await api(url, 'o-demo-admin', 'session.get', { sessionId: newest.id });
        if (session.reviewerName !== '刘芳') throw new Error(`点评人 is ${session.reviewerName}`);
        // 录入人: the office's own account (it is not on the roster), never 刘芳 herself.
        const wrong = reviews.filter((r) => r.status !== 'PUBLISHED' || r.enteredBy?.id !== 'admin:o-demo-admin');
        if (!reviews.length || wrong.length) throw new Error(`reviews: ${JSON.stringify(reviews.map((r) => [r.target.name, r.status, r.enteredBy]))}`);
      });
    },
  },
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
    name: 'office-template-next-session',
    who: '活动办公室（单位管理员），最大字',
    as: 'o-demo-admin',
    font: 28,
    outcome: '在活动设置里改“党员”点评模板的第一个要点，书记此后发起的点评活动就用改过的要点',
    budget: 7,
    async run(j, { url }) {
      await j.tab('我的');
      await j.tap('活动办公室');
      await j.tap('活动设置');
      await j.tap('修改“党员”点评要点');
      await j.see('第1个要点');
      await j.type('第1个要点', '立足岗位作表率');
      await j.tap('保存要点');
      await j.see('点评要点已保存');
      await j.check('书记吴敏此后发起的点评活动，党员按改过的要点填写', async () => {
        const { campaignId } = await newestCampaign(url, 'o-demo-admin');
        const campaign = await api(url, 'o-demo-admin', 'campaign.get', { campaignId });
        const stored = campaign.templates.MEMBER.aspects.map((a) => a.title);
        if (stored[0] !== '立足岗位作表率') throw new Error(`template now: ${stored.join('、')}`);
        const me = await api(url, 'o-demo-s1', 'me');
        const orgId = me.roles.secretaryOf[0].id;
        const branch = await api(url, 'o-demo-s1', 'org.get', { orgId });
        const member = branch.persons.find((x) => x.isMember && !x.left && x.id !== me.person.id);
        // The session falls on the local cloud's today (China time), wherever the demo is laid out.
        const clock = await (await fetch(`${url}/clock`)).json();
        const day = new Date(clock.now + 8 * 3600_000).toISOString().slice(0, 10);
        const started = await act(url, 'o-demo-s1', 'session.start', { campaignId, orgId, mode: 'INDIVIDUAL', targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: member.id }] }, date: day, place: '党员活动室', opinionsAnonymous: false });
        const session = await api(url, 'o-demo-s1', 'session.get', { sessionId: started.sessionId });
        const used = session.templates.MEMBER.aspects.map((a) => a.title);
        if (used[0] !== '立足岗位作表率') throw new Error(`the next session uses: ${used.join('、')}`);
      });
    },
  },
  {
    name: 'founder-create-unit',
    who: '新单位的第一位管理员（部署时指定），最大字',
    as: 'o-preview-founder',
    font: 28,
    outcome: '打开小程序，在首屏点「创建我的单位」，填上单位名称就建好了单位，成为它的活动办公室',
    budget: 4,
    async run(j, { url }) {
      await j.see('创建我的单位');
      await j.tap('创建我的单位');
      await j.type('单位名称', '常州市新北区教育局');
      await j.tap('创建单位');
      await j.see('导入名册');
      await j.check('单位已建立，这位同志是它的管理员', async () => {
        const me = await api(url, 'o-preview-founder', 'me');
        if (!me.bound || me.tenant?.name !== '常州市新北区教育局' || !me.roles.admin) throw new Error(`me: ${JSON.stringify(me)}`);
      });
    },
  },
  {
    name: 'office-campaign-stages',
    who: '活动办公室（单位管理员），最大字',
    as: 'o-demo-admin',
    font: 28,
    outcome: '按阶段开展点评（seed 002「领导点评原则上每阶段一次」）：在活动设置里列出两个阶段，把书记点评党员的频次选为“每阶段”，保存后各阶段按名称列为点评周期，各有截止日期',
    budget: 10,
    async run(j, { url }) {
      const { campaignId } = await newestCampaign(url, 'o-demo-admin');
      const before = await api(url, 'o-demo-admin', 'campaign.get', { campaignId });
      // The first stage ends yesterday (the demo's campaign began at least two weeks ago), so today falls in the second.
      const clock = await (await fetch(`${url}/clock`)).json();
      const yesterday = new Date(clock.now + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
      await j.tab('我的');
      await j.tap('活动办公室');
      await j.tap('活动设置');
      await j.tap('＋ 添加阶段');
      await j.type('第1阶段名称', '学习动员');
      await j.date('结束', yesterday);
      await j.tap('＋ 添加阶段');
      await j.type('第2阶段名称', '深入推进');
      await j.check('「作为支部书记点评党员」的频次选“每阶段”', async () => {
        const select = j.page.locator('#screen > .page-host').last().locator('[data-wx-id="freq-R1"] .pv-picker');
        await select.scrollIntoViewIfNeeded();
        await select.selectOption({ label: '每阶段' });
      });
      await j.tap('保存');
      await j.see('第2阶段（深入推进）');
      await j.check('往上翻到「各周期点评截止日期」：两个阶段按名称列出，各有截止日期', async () => {
        await (await j.page.locator('#screen > .page-host').last().getByText('第1阶段（学习动员）截止')).scrollIntoViewIfNeeded();
      });
      await j.check('两个阶段已保存，书记点评党员按阶段计，当前阶段是“深入推进”', async () => {
        const after = await api(url, 'o-demo-admin', 'campaign.get', { campaignId });
        const names = (after.stages ?? []).map((st) => st.name).join('、');
        if (names !== '学习动员、深入推进' || after.frequencies.R1 !== 'STAGE') throw new Error(`stages ${names}, R1 ${after.frequencies.R1}`);
        const open = after.cycles.filter((c) => c.frequency === 'STAGE' && c.status !== 'NOT_STARTED' && c.start <= clock.now && clock.now < c.end);
        if (open.length !== 1 || !open[0].label.endsWith('（深入推进）')) throw new Error(`open stage: ${JSON.stringify(open)}`);
        // The demo is shared by the journeys after this one: its campaign goes back to quarterly reviews of members.
        await act(url, 'o-demo-admin', 'campaign.update', { campaignId, version: after.version, frequencies: before.frequencies, stages: [] });
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
  {
    name: 'upper-secretary-weak-unit',
    who: '工委书记 周建国',
    as: 'o-demo-g1',
    font: 28,
    outcome: '在点评进度里把一个工作基础较薄弱的支部标为薄弱单位，看到它要求上级党组织书记亲自参加点评；参加了它的点评会后登记「我已亲自参加」，缺口随即消除（issue 24，seed 001）',
    budget: 8,
    async run(j, { url }) {
      await j.tab('我的');
      await j.tap('点评进度');
      await j.see('薄弱单位');
      await j.tap('标为薄弱单位');
      await j.type('薄弱在哪里', '班子不齐，组织生活不经常');
      await j.tap('确认标为薄弱单位');
      await j.see('待上级党组织书记亲自参加点评');
      await j.tap('登记我已亲自参加');
      await j.type('怎样参加的', '参加支部点评会并讲话');
      await j.tap('保存参加情况');
      await j.see('上级党组织书记已亲自参加');
      await j.check('一个下级党组织标为薄弱，本轮已登记上级书记亲自参加', async () => {
        const { me, campaignId } = await newestCampaign(url, 'o-demo-g1');
        const top = await api(url, 'o-demo-g1', 'progress.get', { orgId: me.roles.secretaryOf[0].id, campaignId });
        const weak = top.rows.filter((r) => r.weak);
        if (weak.length !== 1 || weak[0].weak.state !== 'ATTENDED' || weak[0].weak.note !== '班子不齐，组织生活不经常') throw new Error(`weak rows: ${JSON.stringify(weak.map((r) => [r.name, r.weak]))}`);
      });
    },
  },
  {
    name: 'office-compiles-notice',
    who: '支部书记 吴敏（整理汇总、公开），再把手机交给家长代表（最大字）',
    as: 'o-demo-s1',
    outcome: '从「我的」把两次点评汇总成一份书面通报，发布，打开 Word 通报，把群众查阅链接发到家长群；家长从群里的卡片打开，只看到这一份通报',
    budget: 14,
    async run(j, { url }) {
      await j.tab('我的');
      await j.tap('本支部');
      await j.tap('汇总通报（多次点评合发）');
      await j.see('选择要汇总的点评活动');
      await j.tap('集中点评：李娜、钱军', '勾选上周的支部党员大会');
      await j.tap('谈话点评：钱军', '勾选三天前的谈话点评');
      await j.type('例如：点评意见已逐一反馈', '现将本月两次领导点评情况通报如下，请被点评同志认真对照改进（旅程测试）。');
      await j.tap('预览各方看到的内容');
      await j.see('被点评人和新北区实验小学党支部的党员看到');
      await j.tap('确认发布');
      await j.see('通报已发布');
      await j.tap('打开Word通报（可转发、打印）');
      await j.check('Word 通报已用微信打开（.docx）', async () => {
        await j.page.waitForFunction(() => window.__preview.opened.length > 0, null, { timeout: 15_000 });
        const opened = await j.page.evaluate(() => window.__preview.opened);
        const last = opened[opened.length - 1];
        if (!last.ok || !/\.docx$/.test(last.name)) throw new Error(`opened ${JSON.stringify(opened)}`);
        // Beside the phone, 文件 lists what WeChat opened: the picture shows the notice's Word file there.
        await j.page.locator('#panels [data-panel="files"]').click();
        await j.page.locator('#opened-list li', { hasText: '.docx' }).first().waitFor({ timeout: 10_000 });
      });
      await j.page.locator('#panels [data-panel="chats"]').click();
      await j.tap('发给群众查阅');
      await j.see('群众查阅链接已生成');
      await j.tap('发到微信群');
      await j.see('发送给');
      await j.tap('实验小学家长委员会群');
      await j.become('o-preview-masses', 28, '把手机交给家长代表（不在名册上，最大字号）');
      await j.openCard('领导点评情况通报（请群众查阅）');
      await j.see('对李娜同志的点评');
      await j.see('对钱军同志的点评');
      await j.check('往下看：对钱军同志的点评和整改要求，最后是「您看到的只有这一份通报」', async () => {
        const host = j.page.locator('#screen > .page-host').last();
        await host.locator('[data-wx-id="item-1"]').first().scrollIntoViewIfNeeded();
        await j.page.waitForTimeout(300);
      });
      await j.see('您看到的只有这一份通报');
      await j.check('家长拿着链接只能看这一份：别的通报、名册、点评活动都打不开', async () => {
        const pubs = await api(url, 'o-demo-s1', 'publication.list', {});
        for (const p of pubs.publications) {
          const other = await replyTo(url, 'o-preview-masses', 'publication.get', { publicationId: p.id });
          if (other.ok) throw new Error(`the parent read publication ${p.id}`);
          const asLink = await replyTo(url, 'o-preview-masses', 'notice.open', { linkId: p.id });
          if (asLink.ok) throw new Error(`a publication id opened as a link: ${p.id}`);
        }
        for (const action of ['org.tree', 'session.list', 'review.received']) {
          const r = await replyTo(url, 'o-preview-masses', action, {});
          if (r.ok) throw new Error(`the parent could call ${action}`);
        }
      });
    },
  },
  {
    name: 'secretary-hands-in-plan',
    who: '工委书记 周建国 → 支部书记 吴敏 → 周建国，最大字',
    as: 'o-demo-g1',
    font: 28,
    outcome: '工委要求各支部在截止日期前上交领导点评工作具体方案（seed 001/002）；吴敏在待办里看到「上交具体方案」和截止日期，写好方案上交；工委的名单里实验小学党支部变为「已交」，点开能看到方案（issue 24）',
    budget: 11,
    async run(j, { url }) {
      const PLAN = '一、12月中旬召开支部党员大会，由书记逐一点评全体党员；二、会前向党员和群众代表征求意见；三、会后一周内反馈点评意见并督促整改。';
      await j.tab('我的');
      await j.tap('点评进度');
      await j.see('下级具体方案');
      await j.tap('要求上交具体方案');
      await j.see('上交截止日期');
      await j.tap('发出要求');
      await j.see('未交');
      await passPhone(j, url, 'o-demo-s1', 28, '换到支部书记吴敏的手机，打开小程序（待办）');
      await j.see('上交具体方案');
      await lookAt(j, '[data-wx-id^="handin-"]', '往下看：待办里有「上交具体方案」，写着截止日期');
      await j.tap('向中共常州市新北区社会事业局工作委员会上交具体方案');
      await j.type('写本单位领导点评工作的具体方案', PLAN);
      await j.tap('上交');
      await j.see('已交');
      await passPhone(j, url, 'o-demo-g1', 28, '回到工委书记周建国的手机');
      await j.tab('我的');
      await j.tap('点评进度');
      await j.see('已交 1 个');
      await lookAt(j, '[data-wx-id="hand-ins"]', '往下看：下级具体方案里实验小学党支部已交，其他单位未交');
      await j.tap('查看 ›');
      await j.see('一、12月中旬召开支部党员大会');
      await j.check('工委的名单里实验小学党支部已交，吴敏的待办里不再有上交具体方案', async () => {
        const { me, campaignId } = await newestCampaign(url, 'o-demo-g1');
        const table = await api(url, 'o-demo-g1', 'progress.get', { orgId: me.roles.secretaryOf[0].id, campaignId });
        const xx1 = table.rows.find((r) => r.name === '新北区实验小学党支部');
        if (xx1?.handIn?.state !== 'IN') throw new Error(`xx1 hand-in ${JSON.stringify(xx1?.handIn)}`);
        const home = await api(url, 'o-demo-s1', 'home');
        if (home.handInsToGive.length) throw new Error(`still owed: ${JSON.stringify(home.handInsToGive)}`);
      });
    },
  },
];
