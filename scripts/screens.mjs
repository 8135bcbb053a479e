// `npm run screens`: every member screen of the mini program, for each demo role, at normal and largest
// text, as rendered by the browser preview in headless Chromium. Writes docs/screens/*.png and a
// docs/screens/README.md gallery. The demo is laid out around PREVIEW_NOW, so pictures are repeatable.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INSTALL_HINT, PREVIEW_NOW, api, hasChromium, launch, openPreview, settle, startServer } from './preview-driver.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'docs', 'screens');
const LARGEST = 28;

if (!hasChromium()) {
  console.error(`screens: no Chromium found. Install it with: ${INSTALL_HINT}`);
  process.exit(1);
}

const ROLES = [
  { openid: 'o-demo-s3', name: '党员 李娜', slug: 'member', large: true },
  { openid: 'o-demo-w3', name: '退休党员 罗德福（年老体弱）', slug: 'elderly', large: true },
  { openid: 'o-demo-w4', name: '流动党员 梁勇', slug: 'mobile', large: false },
  { openid: 'o-demo-s1', name: '支部书记 吴敏', slug: 'secretary', large: true },
  { openid: 'o-demo-g1', name: '工委书记 周建国', slug: 'committee', large: true },
  { openid: 'o-demo-admin', name: '单位管理员（活动办公室）', slug: 'office', large: true, tabs: ['mine'] },
  { openid: 'o-demo3-e3', name: '机关党员 褚科员（国家质检总局）', slug: 'national-member', large: false },
];
const TABS = [
  ['home', '待办', 'pages/home/index/index'],
  ['commitment', '承诺', 'pages/commitment/index/index'],
  ['reviews', '点评', 'pages/review/list/list'],
  ['mine', '我的', 'pages/mine/index/index'],
];

/** The detail screens this user can reach from their 待办, found through the api as they would be. */
async function detailsOf(url, openid) {
  const home = await api(url, openid, 'home');
  const list = [];
  const rect = home.rectificationsToDo[0];
  if (rect) list.push(['rectification', '整改', 'pages/rectification/detail/detail', `id=${rect.id}`]);
  const review = home.latestReviews[0];
  if (review) list.push(['review', '点评详情', 'pages/review/detail/detail', `id=${review.id}${rect && rect.reviewId === review.id ? `&rect=${rect.id}` : ''}`]);
  const report = home.reportsToGive[0];
  if (report) list.push(['report', '汇报', 'pages/report/edit/edit', `sessionId=${report.sessionId}&kind=${report.target.kind}&id=${report.target.personId ?? report.target.orgId}`]);
  const opinion = home.opinionsToGive[0];
  if (opinion) list.push(['opinion', '提意见', 'pages/opinion/give/give', `sessionId=${opinion.sessionId}`]);
  return list;
}

/** The secretary's, leader's and office's screens (issue 12), found through the api as they would be. */
async function workOf(url, openid) {
  const me = await api(url, openid, 'me');
  const list = [];
  const lead = me.roles.secretaryOf[0];
  const campaignId = [...me.campaigns].sort((a, b) => b.start.localeCompare(a.start))[0]?.id ?? '';
  if (me.roles.admin && !me.person) {
    const branch = (await api(url, openid, 'org.tree')).orgs.find((o) => o.kind === 'BRANCH');
    const campaign = [...(await api(url, openid, 'campaign.list')).campaigns].sort((a, b) => b.start.localeCompare(a.start))[0];
    list.push(['office', '活动办公室', 'office/index/index', branch ? `org=${branch.id}` : '', { pc: true }], ['moderation', '内容审核', 'office/moderation/moderation', '']);
    if (campaign) list.push(['campaign', '活动设置', 'office/campaign/campaign', `id=${campaign.id}`, { pc: true }]);
    // Editing the tree: an org, a new org under the top one, a 流动党员 (with the org they flow into), a new person.
    const orgs = (await api(url, openid, 'org.tree')).orgs;
    const top = orgs.find((o) => o.parentId === null);
    const withMobile = await (async () => {
      for (const o of orgs.filter((x) => x.kind === 'BRANCH')) {
        const p = (await api(url, openid, 'org.get', { orgId: o.id })).persons.find((x) => x.flags?.mobile && !x.left);
        if (p) return { orgId: o.id, personId: p.id };
      }
      return null;
    })();
    if (branch) list.push(['invite', '活动办公室（生成邀请后）', 'office/index/index', `org=${branch.id}`, { pc: true, tap: '生成邀请' }]);
    if (branch) list.push(['org', '党组织', 'office/org/org', `id=${branch.id}`, { pc: true }]);
    if (top) list.push(['org-new', '新建党组织', 'office/org/org', `parent=${top.id}`]);
    if (withMobile) list.push(['person', '人员（流动党员）', 'office/person/person', `org=${withMobile.orgId}&id=${withMobile.personId}`, { pc: true }]);
    if (branch) list.push(['person-new', '新增人员', 'office/person/person', `org=${branch.id}`]);
    return list;
  }
  if (!lead) return list;
  const children = (await api(url, openid, 'org.get', { orgId: lead.id })).children;
  if (lead.kind === 'BRANCH' || !children.length) {
    const sessions = (await api(url, openid, 'session.list', {})).sessions;
    const open = sessions.find((s) => s.opinionsOpen) ?? sessions[0];
    list.push(['branch', '本支部', 'pages/org/branch/branch', `id=${lead.id}`], ['session-start', '发起点评', 'pages/session/start/start', `orgId=${lead.id}`]);
    if (open) {
      list.push(
        ['session', '点评活动', 'pages/session/detail/detail', `id=${open.id}`],
        ['session-reports', '汇报情况', 'pages/session/reports/reports', `id=${open.id}`],
        ['session-opinions', '征求意见情况', 'pages/session/opinions/opinions', `id=${open.id}`],
        ['session-batch', '录入点评', 'pages/session/batch/batch', `id=${open.id}`],
        ['publish', '发布通报', 'pages/publication/publish/publish', `sessionId=${open.id}&orgId=${lead.id}`],
      );
    }
    list.push(['claims', '加入申请', 'pages/claims/list/list', `orgId=${lead.id}`]);
    const confirm = (await api(url, openid, 'home')).rectificationsToConfirm[0];
    if (confirm) list.push(['rectification-confirm', '整改（点评人确认）', 'pages/rectification/detail/detail', `id=${confirm.id}`]);
  }
  list.push(['progress', '点评进度', 'pages/progress/index/index', `orgId=${lead.id}&campaignId=${campaignId}`, { pc: children.length > 0 }]);
  list.push(['progress-history', '上报记录', 'pages/progress/history/history', `orgId=${lead.id}&campaignId=${campaignId}`]);
  list.push(['requirements', '谁该点评谁', 'pages/requirement/list/list', `orgId=${lead.id}&campaignId=${campaignId}`]);
  list.push(['gaps', '缺口及原因', 'pages/requirement/list/list', `orgId=${lead.id}&campaignId=${campaignId}&state=GAP`]);
  list.push(['exemplary', '典型点评', 'pages/review/exemplary/exemplary', '']);
  return list;
}

// SCREENS_ONLY=member- retakes only the pictures whose file name starts with it (the gallery still lists them all).
const only = process.env.SCREENS_ONLY ?? '';
if (!only) rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launch();
const shots = [];
const plan = [];
let failures = 0;
try {
  const links = await (await fetch(`${server.url}/preview/links.json`)).json();
  for (const role of ROLES) {
    const tabs = role.tabs ? TABS.filter(([slug]) => role.tabs.includes(slug)) : TABS;
    const screens = [...tabs, ...(await detailsOf(server.url, role.openid)), ...(await workOf(server.url, role.openid))];
    for (const [slug, title, route, query, extra] of screens) {
      const tap = extra?.tap ?? '';
      for (const font of role.large ? [17, LARGEST] : [17]) plan.push({ role: role.name, as: role.openid, file: `${role.slug}-${slug}${font === LARGEST ? '-largest' : ''}.png`, title, route, query: query ?? '', font, tap });
      // PC WeChat: the office and the progress table use the width.
      if (extra?.pc) plan.push({ role: role.name, as: role.openid, file: `${role.slug}-${slug}-pc.png`, title: `${title}（电脑版微信）`, route, query: query ?? '', font: 17, pc: true, tap });
    }
  }
  for (const font of [17, LARGEST]) {
    const suffix = font === LARGEST ? '-largest' : '';
    plan.push({ role: '新党员（凭邀请加入）', as: 'o-preview-newcomer', file: `newcomer-join${suffix}.png`, title: '加入组织', route: 'pages/join/join/join', query: `id=${links.join}`, font });
    plan.push({ role: '群众代表（凭链接提意见）', as: 'o-preview-masses', file: `masses-opinion${suffix}.png`, title: '群众意见', route: 'pages/opinion/invited/invited', query: `id=${links.invited}`, font });
  }
  plan.push({ role: '未加入的微信用户', as: 'o-preview-stranger', file: 'stranger-join.png', title: '加入组织（无邀请）', route: 'pages/join/join/join', query: '', font: 17 });
  // States after actions: what a person sees once they acted, an empty list, and an error with its retry.
  const memberHome = await api(server.url, 'o-demo-s3', 'home');
  const opinion = memberHome.opinionsToGive[0];
  const mobileReport = (await api(server.url, 'o-demo-w4', 'home')).reportsToGive[0];
  const secretaryMe = await api(server.url, 'o-demo-s1', 'me');
  const openSession = (await api(server.url, 'o-demo-s1', 'session.list', {})).sessions.find((x) => x.opinionsOpen);
  const top = (page) => page.locator('#screen > .page-host').last();
  const fillIn = (page, placeholderOrId, value) => top(page).locator(`[data-wx-id="${placeholderOrId}"] .pv-real, .pv-real[placeholder*="${placeholderOrId}"]`).first().fill(value);
  const press = async (page, text) => {
    await top(page).locator('wx-button', { hasText: text }).first().tap();
    await settle(page);
  };
  const waitFor = (page, text) => page.waitForFunction((t) => document.querySelector('#screen').innerText.includes(t), text, { timeout: 15_000 });
  for (const font of [17, LARGEST]) {
    const suffix = font === LARGEST ? '-largest' : '';
    if (opinion) {
      plan.push({
        role: '状态：操作之后', as: 'o-demo-s3', file: `state-opinion-submitted${suffix}.png`, title: '提意见（提交之后）', route: 'pages/opinion/give/give', query: `sessionId=${opinion.sessionId}`, font,
        act: async (page) => {
          await top(page).locator('[data-wx-id="target-0"]').tap();
          await fillIn(page, 'content', '希望多参加支部的学习活动（截图）。');
          await press(page, '提交意见');
          await waitFor(page, '我已提的意见');
        },
      });
    }
    if (mobileReport) {
      plan.push({
        role: '状态：操作之后', as: 'o-demo-w4', file: `state-report-submitted${suffix}.png`, title: '汇报（提交之后）', route: 'pages/report/edit/edit', query: `sessionId=${mobileReport.sessionId}&kind=${mobileReport.target.kind}&id=${mobileReport.target.personId ?? mobileReport.target.orgId}`, font,
        act: async (page) => {
          for (const el of await top(page).locator('wx-textarea .pv-real').all()) if (!(await el.inputValue())) await el.fill('在外务工期间按时参加线上学习，承诺已兑现（截图）。');
          await press(page, '提交汇报');
          await page.waitForFunction(() => document.querySelector('#toast').textContent.length > 0, null, { timeout: 15_000 });
        },
      });
    }
    plan.push({ role: '状态：空列表与出错', as: 'o-demo-admin', file: `state-empty-todo${suffix}.png`, title: '待办（没有待办事项）', route: 'pages/home/index/index', query: '', font });
    plan.push({
      role: '状态：空列表与出错', as: 'o-demo-s3', file: `state-error-retry${suffix}.png`, title: '待办（网络断开，可重试）', route: 'pages/home/index/index', query: '', font,
      offline: true,
    });
  }
  if (openSession) {
    plan.push({
      role: '状态：操作之后', as: 'o-demo-s1', file: 'state-published.png', title: '发布通报（发布之后）', route: 'pages/session/batch/batch', query: `id=${openSession.id}`, font: 17,
      act: async (page) => {
        for (const el of await top(page).locator('wx-textarea .pv-real').all()) if (!(await el.inputValue())) await el.fill('立足本职，承诺兑现；理论学习还需加强（截图）。');
        await press(page, '全部提交');
        await waitFor(page, '点评已提交');
        await page.evaluate(({ sessionId, orgId }) => wx.redirectTo({ url: `/pages/publication/publish/publish?sessionId=${sessionId}&orgId=${orgId}` }), { sessionId: openSession.id, orgId: secretaryMe.roles.secretaryOf[0].id });
        await settle(page);
        await fillIn(page, 'summary', '点评意见已逐一反馈，请认真整改（截图）。');
        await press(page, '预览各方看到的内容');
        await press(page, '确认发布');
        await waitFor(page, '通报已发布');
      },
    });
  }

  for (const shot of plan.filter((s) => s.file.startsWith(only))) {
    const opened = await openPreview(browser, server.url, { as: shot.as, font: shot.font, page: shot.route, query: shot.query, tall: true, pc: shot.pc === true, offline: shot.offline === true });
    if (shot.act) await shot.act(opened.page);
    // A screen shown after one tap (the invitation's code): tap the button with that text, wait for its pictures.
    if (shot.tap) {
      await opened.page.locator('#screen wx-button', { hasText: shot.tap }).first().tap();
      await settle(opened.page);
      await opened.page.waitForFunction(() => [...document.querySelectorAll('#screen img')].every((i) => i.complete), null, { timeout: 15_000 });
    }
    await opened.page.locator('#phone').screenshot({ path: join(out, shot.file) });
    // Offline, the failed fetch is the error being photographed.
    if (opened.errors.length && !shot.offline) {
      failures += 1;
      console.error(`screens: ${shot.file}: console errors: ${opened.errors.join(' | ')}`);
    }
    await opened.close();
    shots.push(shot);
    console.log(`screens: ${shot.file}`);
  }
} finally {
  await browser.close();
  await server.close();
}

// The gallery lists the whole plan, so a partial retake (SCREENS_ONLY) still lists every picture.
const byRole = new Map();
for (const s of plan) byRole.set(s.role, [...(byRole.get(s.role) ?? []), s]);
const lines = [
  '# Screens',
  '',
  `Generated by \`npm run screens\` from the browser preview (\`/preview/\`), headless Chromium, demo laid out around ${PREVIEW_NOW}.`,
  `Normal text is WeChat's standard 17 px; "largest" is ${LARGEST} px (above 关怀模式's ≈24 px). Do not edit by hand.`,
  '',
];
for (const [role, list] of byRole) {
  lines.push(`## ${role}`, '');
  for (const s of list) lines.push(`### ${s.title}${s.font === LARGEST ? '（最大字号）' : ''}`, '', `![${role} · ${s.title}](${s.file})`, '');
}
writeFileSync(join(out, 'README.md'), lines.join('\n'));
console.log(`screens: ${readdirSync(out).filter((f) => f.endsWith('.png')).length} pictures in docs/screens/ (${failures} with console errors)`);
if (failures) process.exit(1);
