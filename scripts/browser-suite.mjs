// The browser suite (last step of `npm test`): every screen opened in headless Chromium through the
// preview, as a demo user, must show its key text with no console error; and three flows are tapped
// through end to end against the local cloud: 待办 → 整改 → write the measures → saved, issue 12's
// round from the group chat to the upper secretary's 本次上报, and the office making a branch, adding,
// moving and retiring a 流动党员 and scanning an invitation's code off the screen. Without Chromium it says
// plainly that it did not run and how to install it.
import { INSTALL_HINT, api, hasChromium, launch, openPreview, settle, startServer } from './preview-driver.mjs';
import { layoutFaults } from './layout-faults.mjs';

if (!hasChromium()) {
  console.log('browser suite: DID NOT RUN — no Chromium at /usr/bin/chromium (set CHROMIUM_PATH to use another).');
  console.log(`browser suite: install it with: ${INSTALL_HINT}`);
  process.exit(0);
}

const started = Date.now();
const failures = [];
let passed = 0;

async function check(name, fn) {
  try {
    await fn();
    passed += 1;
    console.log(`  ✓ ${name}`);
  } catch (err) {
    failures.push(name);
    console.log(`  ✕ ${name}\n    ${String(err && err.message ? err.message : err).split('\n').join('\n    ')}`);
  }
}

/** Taps 确定 on the modal WeChat draws in the phone (wx.showModal). */
async function confirmInPhone(page) {
  const ok = page.locator('#modal.show .pv-modal-confirm');
  await ok.waitFor({ timeout: 15_000 });
  await ok.click();
}

function expectText(text, wanted, where) {
  for (const w of wanted) if (!text.includes(w)) throw new Error(`${where}: expected to see "${w}" in:\n${text.slice(0, 600)}`);
}

const server = await startServer();
const browser = await launch();
try {
  const url = server.url;
  const member = 'o-demo-s3';
  const home = await api(url, member, 'home');
  const links = await (await fetch(`${url}/preview/links.json`)).json();
  const rect = home.rectificationsToDo[0];
  const review = home.latestReviews[0];
  const opinion = home.opinionsToGive[0];
  const screens = [
    ['待办', member, 'pages/home/index/index', '', ['要做的整改', '截止']],
    ['承诺', member, 'pages/commitment/index/index', '', ['我的承诺', '公开承诺']],
    ['我收到的点评', member, 'pages/review/list/list', '', ['吴敏对李娜的']],
    ['我的', member, 'pages/mine/index/index', '', ['李娜', '大字模式', '消息提醒']],
    ['点评详情', member, 'pages/review/detail/detail', review ? `id=${review.id}` : '', ['点评内容', '存在的问题', '努力方向']],
    ['整改', member, 'pages/rectification/detail/detail', rect ? `id=${rect.id}` : '', ['整改要求', '整改期限', '整改措施']],
    ['提意见', member, 'pages/opinion/give/give', opinion ? `sessionId=${opinion.sessionId}` : '', ['对谁提意见', '匿名提交']],
    ['汇报', 'o-demo-w4', 'pages/report/edit/edit', '', ['']],
    ['加入组织', 'o-preview-newcomer', 'pages/join/join/join', links.join ? `id=${links.join}` : '', ['手机号后4位', '提交加入申请']],
    ['群众意见', 'o-preview-masses', 'pages/opinion/invited/invited', links.invited ? `id=${links.invited}` : '', ['诚恳听取群众代表的意见']],
  ];
  // The mobile member's report due in the demo (found as they would find it, from their 待办).
  const mobileHome = await api(url, 'o-demo-w4', 'home');
  const report = mobileHome.reportsToGive[0];
  screens[7] = ['汇报', 'o-demo-w4', 'pages/report/edit/edit', report ? `sessionId=${report.sessionId}&kind=${report.target.kind}&id=${report.target.personId ?? report.target.orgId}` : '', ['公开承诺的内容和兑现情况', '提交汇报']];

  // The secretary's, leader's and office's screens (issue 12), found through the api as they would be.
  const secretary = 'o-demo-s1';
  const upper = 'o-demo-g1';
  const secMe = await api(url, secretary, 'me');
  const branchId = secMe.roles.secretaryOf[0].id;
  const upperMe = await api(url, upper, 'me');
  const unitId = upperMe.roles.secretaryOf[0].id;
  const campaignId = [...secMe.campaigns].sort((a, b) => b.start.localeCompare(a.start))[0].id;
  const openSession = (await api(url, secretary, 'session.list', {})).sessions.find((x) => x.opinionsOpen);
  screens.push(
    ['本支部', secretary, 'pages/org/branch/branch', `id=${branchId}`, ['发起点评', '微信群']],
    ['发起点评', secretary, 'pages/session/start/start', `orgId=${branchId}`, ['点评方式', '集中点评', '汇报截止日期']],
    ['点评活动', secretary, 'pages/session/detail/detail', openSession ? `id=${openSession.id}` : '', ['点评对象', '录入点评']],
    ['汇报情况', secretary, 'pages/session/reports/reports', openSession ? `id=${openSession.id}` : '', ['未汇报']],
    ['征求意见情况', secretary, 'pages/session/opinions/opinions', openSession ? `id=${openSession.id}` : '', ['匿名意见满 3 人后显示']],
    ['录入点评', secretary, 'pages/session/batch/batch', openSession ? `id=${openSession.id}` : '', ['取得的成绩', '全部提交']],
    ['发布通报', secretary, 'pages/publication/publish/publish', openSession ? `sessionId=${openSession.id}&orgId=${branchId}` : '', ['公开范围', '预览各方看到的内容']],
    ['加入申请', secretary, 'pages/claims/list/list', `orgId=${branchId}`, ['']],
    ['点评进度', upper, 'pages/progress/index/index', `orgId=${unitId}&campaignId=${campaignId}`, ['各单位', '本级', '提醒未完成的', '本次上报', '下级具体方案', '要求上交具体方案']],
    ['具体方案', secretary, 'pages/progress/handin/handin', `orgId=${branchId}&campaignId=${campaignId}`, ['新北区实验小学党支部的具体方案', '上级党组织还没有要求上交具体方案']],
    ['上报记录', upper, 'pages/progress/history/history', `orgId=${unitId}&campaignId=${campaignId}`, ['']],
    ['典型点评', upper, 'pages/review/exemplary/exemplary', '', ['']],
    ['活动办公室', 'o-demo-admin', 'office/index/index', '', ['组织架构', '导入名册', '下载模板']],
    ['内容审核', 'o-demo-admin', 'office/moderation/moderation', '', ['']],
    ['活动设置', 'o-demo-admin', 'office/campaign/campaign', `id=${campaignId}`, ['活动名称', '点评频次', '作为支部书记点评党员', '匿名意见显示人数', '登记表样式']],
  );
  // The office's editing screens: an org, a new org under the top one, a person, a new person.
  const admin = 'o-demo-admin';
  const officeTree = (await api(url, admin, 'org.tree')).orgs;
  const topOrg = officeTree.find((o) => o.parentId === null);
  const someone = (await api(url, admin, 'org.get', { orgId: branchId })).persons.find((p) => !p.left);
  screens.push(
    ['党组织', admin, 'office/org/org', `id=${branchId}`, ['书记', '班子成员（支委）', '联系点领导', '撤销党组织']],
    ['新建党组织', admin, 'office/org/org', `parent=${topOrg.id}`, ['下新建党组织', '党支部', '建立党组织']],
    ['人员', admin, 'office/person/person', `org=${branchId}&id=${someone.id}`, [someone.name, '流动党员', '年老体弱', '移出名册']],
    ['新增人员', admin, 'office/person/person', `org=${branchId}`, ['新增人员', '外出实习', '加入名册']],
  );

  // BROWSER_ONLY=round runs only the tapped-through flows (quicker while working on them); =office only the office's.
  const onlyRound = process.env.BROWSER_ONLY === 'round' || process.env.BROWSER_ONLY === 'office';
  // BROWSER_ONLY=screens runs only the screens at both text sizes.
  const onlyScreens = process.env.BROWSER_ONLY === 'screens';
  // BROWSER_ONLY=phone runs only the checks of the preview's WeChat behaviour.
  const onlyPhone = process.env.BROWSER_ONLY === 'phone';
  console.log('browser suite: each screen renders its key text with no console error');
  for (const [name, as, route, query, wanted] of onlyRound || onlyPhone ? [] : screens) {
    for (const font of [17, 28]) {
      await check(`${name} (${as}, ${font}px)`, async () => {
        if (route !== 'pages/home/index/index' && route.includes('detail') && !query) throw new Error('the demo has nothing to open here');
        const opened = await openPreview(browser, url, { as, font, page: route, query });
        try {
          const text = (await opened.page.locator('#screen').innerText()).replace(/\s+/g, ' ');
          expectText(text, wanted, name);
          if (opened.errors.length) throw new Error(`console errors: ${opened.errors.join(' | ')}`);
          // At the largest text (issue 22): no date or number broken across lines, no tap target under 44 px.
          if (font === 28) {
            const faults = await layoutFaults(opened.page);
            const all = [...faults.broken.map((b) => `broken: ${b}`), ...faults.small.map((t) => `small tap target: ${t}`)];
            if (all.length) throw new Error(all.join('\n'));
          }
        } finally {
          await opened.close();
        }
      });
    }
  }

  const onlyOffice = process.env.BROWSER_ONLY === 'office' || onlyPhone || onlyScreens;
  if (!onlyRound && !onlyScreens) await phoneBehaviour(browser, url, { member, rect });
  if (!onlyOffice) console.log('browser suite: a flow tapped through end to end');
  if (!onlyOffice) await check('待办 → tap the rectification → write the measures → tap save → saved on the server', async () => {
    const opened = await openPreview(browser, url, { as: member });
    const { page } = opened;
    try {
      await page.locator(`#screen [data-wx-id="rect-${rect.id}"]`).tap();
      await page.waitForFunction(() => document.querySelector('#title').textContent === '整改');
      await settle(page);
      const plan = '每周集中学习两次，每月参加一次社区志愿服务（浏览器测试）。';
      await page.locator('#screen [data-wx-id="plan"] textarea').fill(plan);
      await page.locator('#screen wx-button', { hasText: '保存整改措施' }).tap();
      await page.waitForFunction(() => document.querySelector('#toast').textContent.includes('整改措施已保存'), null, { timeout: 15_000 });
      const saved = await api(url, member, 'rectification.get', { rectificationId: rect.id });
      if (saved.rectification.plan !== plan) throw new Error(`server has plan "${saved.rectification.plan}"`);
      if (opened.errors.length) throw new Error(`console errors: ${opened.errors.join(' | ')}`);
    } finally {
      await opened.close();
    }
  });

  if (!onlyOffice) {
    console.log("browser suite: issue 12's round, tapped through as each person");
    await reviewRound(browser, url, { secretary, upper, branchId, unitId, campaignId });
  }
  // Last: its new branch would change the coverage the round reads.
  if (!onlyPhone && !onlyScreens) {
    console.log("browser suite: the office's editing, tapped through");
    await officeFlow(browser, url, { admin, topOrg });
  }
} finally {
  await browser.close();
  await server.close();
}

/**
 * The preview behaves as WeChat does where a page test cannot see it: the page stack keeps live
 * instances (back shows the same one again, a tab page lives on), the stack stops at ten pages, controls
 * draw what the page bound, a label toggles its control, and openDocument refuses what WeChat cannot open.
 */
async function phoneBehaviour(browser, url, { member, rect }) {
  console.log('browser suite: the preview behaves like WeChat');
  const top = (page) => page.locator('#screen > .page-host').last();
  const mark = (page) => page.evaluate(() => (window.__preview.router.top().comp.instance.__pvMark = Math.random()));
  const marked = (page) => page.evaluate(() => window.__preview.router.top().comp.instance.__pvMark);
  const hooks = (page) =>
    page.evaluate(() => {
      // Count the lifecycle calls the shell makes on the page on top from now on.
      const inst = window.__preview.router.top().comp.instance;
      const seen = (inst.__pvSeen = []);
      for (const h of ['onLoad', 'onShow', 'onHide', 'onUnload']) {
        const f = inst[h];
        inst[h] = function (...a) {
          seen.push(h);
          return typeof f === 'function' ? f.apply(this, a) : undefined;
        };
      }
    });
  const seenOn = (page) => page.evaluate(() => window.__preview.router.top().comp.instance.__pvSeen);

  await check('navigateBack shows the same page instance again with onShow, not a new onLoad', async () => {
    const opened = await openPreview(browser, url, { as: member });
    const { page } = opened;
    try {
      const id = await mark(page);
      await hooks(page);
      await top(page).locator(`[data-wx-id="rect-${rect.id}"]`).tap();
      await settle(page);
      if ((await page.evaluate(() => document.body.dataset.stack)) !== '2') throw new Error('the to-do did not push a page');
      await page.locator('#back').click();
      await settle(page);
      if ((await marked(page)) !== id) throw new Error('待办 was made anew after navigateBack');
      const seen = await seenOn(page);
      if (seen.join() !== 'onHide,onShow') throw new Error(`lifecycle on 待办: ${seen.join()}`);
    } finally {
      await opened.close();
    }
  });

  await check('a tab page lives on: switchTab away and back shows the same instance (onHide, onShow)', async () => {
    const opened = await openPreview(browser, url, { as: member });
    const { page } = opened;
    try {
      const id = await mark(page);
      await hooks(page);
      await page.locator('#tab-bar a', { hasText: '承诺' }).click();
      await settle(page);
      await page.locator('#tab-bar a', { hasText: '待办' }).click();
      await settle(page);
      if ((await marked(page)) !== id) throw new Error('待办 was made anew by a tab tap');
      const seen = await seenOn(page);
      if (seen.join() !== 'onHide,onShow') throw new Error(`lifecycle on 待办: ${seen.join()}`);
    } finally {
      await opened.close();
    }
  });

  await check('the page stack stops at ten pages as WeChat does (navigateTo fails with its errMsg)', async () => {
    const opened = await openPreview(browser, url, { as: member });
    const { page } = opened;
    try {
      const out = await page.evaluate(async (rectId) => {
        const results = [];
        for (let i = 0; i < 10; i += 1) results.push(await wx.navigateTo({ url: `/pages/rectification/detail/detail?id=${rectId}` }).then((r) => r.errMsg, (e) => e.errMsg));
        return { results, stack: document.body.dataset.stack };
      }, rect.id);
      await settle(page);
      if (out.stack !== '10') throw new Error(`stack ${out.stack}`);
      if (!out.results.slice(0, 9).every((m) => m === 'navigateTo:ok')) throw new Error(out.results.join());
      if (out.results[9] !== 'navigateTo:fail webview count limit exceed') throw new Error(`tenth: ${out.results[9]}`);
    } finally {
      await opened.close();
    }
  });

  await check('inputs and textareas draw their bound value and placeholder; a label tap toggles its radio', async () => {
    const opened = await openPreview(browser, url, { as: member, page: 'pages/commitment/index/index' });
    const { page } = opened;
    try {
      await top(page).locator('wx-button', { hasText: '修改承诺' }).tap();
      await settle(page);
      const first = top(page).locator('[data-wx-id="content-0"] .pv-real');
      if (!(await first.inputValue())) throw new Error('the commitment editor draws an empty first item');
      if (!(await first.getAttribute('placeholder'))) throw new Error('no placeholder drawn');
    } finally {
      await opened.close();
    }
    const secretary = await openPreview(browser, url, { as: 'o-demo-s1', page: 'pages/org/branch/branch', query: '' });
    try {
      const branchId = (await api(url, 'o-demo-s1', 'me')).roles.secretaryOf[0].id;
      await secretary.page.evaluate((id) => wx.navigateTo({ url: `/pages/session/start/start?orgId=${id}` }), branchId);
      await settle(secretary.page);
      const labels = top(secretary.page).locator('wx-label').filter({ has: secretary.page.locator('wx-radio') });
      const off = [];
      for (let i = 0; i < (await labels.count()); i += 1) if (!(await labels.nth(i).locator('wx-radio').evaluate((r) => r.classList.contains('pv-on')))) off.push(i);
      if (!off.length) throw new Error('no unchecked radio to toggle');
      const label = labels.nth(off[0]);
      const box = await label.boundingBox();
      // On the label's words, not on the radio itself.
      await label.click({ position: { x: box.width - 8, y: box.height / 2 } });
      await settle(secretary.page);
      if (!(await label.locator('wx-radio').evaluate((r) => r.classList.contains('pv-on')))) throw new Error('a tap on the label did not toggle its radio');
    } finally {
      await secretary.close();
    }
  });

  await check('openDocument opens doc/docx/xls/xlsx/ppt/pptx/pdf and fails as WeChat does for a .zip', async () => {
    const opened = await openPreview(browser, url, { as: member });
    const { page } = opened;
    try {
      const out = await page.evaluate(async () => {
        const keep = (name) => window.__preview.keepFile(new Blob(['x']), name);
        const open = (o) => wx.openDocument(o).then((r) => r.errMsg, (e) => e.errMsg);
        return [await open({ filePath: keep('台帐.zip'), fileType: 'docx' }), await open({ filePath: keep('台帐.zip') }), await open({ filePath: keep('登记表.docx'), fileType: 'docx' })];
      });
      if (out[0].startsWith('openDocument:ok') || out[1].startsWith('openDocument:ok')) throw new Error(`a zip opened: ${out.join(' | ')}`);
      if (out[2] !== 'openDocument:ok') throw new Error(`a docx did not open: ${out[2]}`);
    } finally {
      await opened.close();
    }
  });
}

/**
 * The office in Chromium: make a branch under the top org, add a 流动党员 to it, move them to another
 * branch and take them off the roster (each after confirming), then make an invitation and scan its code
 * off the screen. Each step is checked on the server.
 */
async function officeFlow(browser, url, { admin, topOrg }) {
  const top = (page) => page.locator('#screen > .page-host').last();
  const button = (page, text) => top(page).locator('wx-button', { hasText: text }).first();
  const title = (page, text) => page.waitForFunction((t) => document.querySelector('#title').textContent === t, text, { timeout: 15_000 });
  const fill = (page, id, value) => top(page).locator(`[data-wx-id="${id}"] .pv-real`).last().fill(value);
  const toast = (page, text) => page.waitForFunction((t) => document.querySelector('#toast').textContent.includes(t), text, { timeout: 15_000 });
  const pick = (page, group, text) => top(page).locator(`[data-wx-id="${group}"] wx-label`, { hasText: text }).first().locator('wx-radio').click();
  const branchName = '新北区第三实验小学党支部（浏览器测试）';
  const personName = '陈流动';
  let branchId = '';

  await check('office: 新建下级组织 under the top org → a 党支部 is made and shows in the tree', async () => {
    const opened = await openPreview(browser, url, { as: admin, page: 'office/index/index' });
    const { page } = opened;
    try {
      await top(page).locator(`[data-wx-id="org-${topOrg.id}"]`).tap();
      await settle(page);
      await button(page, '新建下级组织').tap();
      await title(page, '党组织');
      await settle(page);
      await fill(page, 'name', branchName);
      await pick(page, 'kind', '党支部');
      await settle(page);
      await button(page, '建立党组织').tap();
      await page.waitForFunction(() => document.querySelector('#screen').innerText.includes('保存修改'), null, { timeout: 15_000 });
      const made = (await api(url, admin, 'org.tree')).orgs.find((o) => o.name === branchName);
      if (!made || made.kind !== 'BRANCH' || made.parentId !== topOrg.id) throw new Error(`made: ${JSON.stringify(made)}`);
      branchId = made.id;
      await page.locator('#back').click();
      await title(page, '活动办公室');
      await settle(page);
      expectText(await top(page).innerText(), [branchName], '活动办公室');
      if (opened.errors.length) throw new Error(`console errors: ${opened.errors.join(' | ')}`);
    } finally {
      await opened.close();
    }
  });

  await check('office: 新增人员 with the 流动党员 flag → moved to another branch → 移出名册, each confirmed and stored', async () => {
    const opened = await openPreview(browser, url, { as: admin, page: 'office/index/index', query: `org=${branchId}` });
    const { page } = opened;
    try {
      await button(page, '新增人员').tap();
      await title(page, '人员');
      await settle(page);
      await fill(page, 'name', personName);
      await fill(page, 'unitAndPost', '外出务工（浏览器测试）');
      await top(page).locator('[data-wx-id="mobile"]').click();
      await settle(page);
      await pick(page, 'inflow', '新北区实验小学党支部');
      await settle(page);
      await button(page, '加入名册').tap();
      await page.waitForFunction(() => document.querySelector('#screen').innerText.includes('转到其他党组织'), null, { timeout: 15_000 });
      await settle(page);
      const added = (await api(url, admin, 'org.get', { orgId: branchId })).persons.find((p) => p.name === personName);
      if (!added?.flags?.mobile?.inflowOrgId || added.inflowOrgName !== '新北区实验小学党支部') throw new Error(`added: ${JSON.stringify(added)}`);

      await button(page, '转到其他党组织').tap();
      await settle(page);
      await pick(page, 'target', '罗溪镇卫生院党支部');
      await settle(page);
      await button(page, '确认转移').tap();
      await confirmInPhone(page);
      await toast(page, '已转移');
      await settle(page);
      const tree = (await api(url, admin, 'org.tree')).orgs;
      const wsy = tree.find((o) => o.name === '罗溪镇卫生院党支部');
      const moved = (await api(url, admin, 'org.get', { orgId: wsy.id })).persons.find((p) => p.name === personName);
      if (!moved || moved.left) throw new Error(`not moved: ${JSON.stringify(moved)}`);

      await button(page, '移出名册').tap();
      await confirmInPhone(page);
      await title(page, '活动办公室');
      await settle(page);
      const left = (await api(url, admin, 'org.get', { orgId: wsy.id })).persons.find((p) => p.name === personName);
      if (!left?.left) throw new Error(`still on the roster: ${JSON.stringify(left)}`);
      if (opened.errors.length) throw new Error(`console errors: ${opened.errors.join(' | ')}`);
    } finally {
      await opened.close();
    }
  });

  await check("office: 生成邀请 → the invitation's code shows and scans as the join page with the invitation", async () => {
    const opened = await openPreview(browser, url, { as: admin, page: 'office/index/index', query: `org=${branchId}` });
    const { page } = opened;
    try {
      await button(page, '生成邀请').tap();
      await settle(page);
      const img = top(page).locator('[data-wx-id="code"] img.pv-img');
      await img.waitFor({ timeout: 15_000 });
      await page.waitForFunction(() => { const i = document.querySelector('img.pv-img'); return i && i.complete && i.naturalWidth > 0; }, null, { timeout: 15_000 });
      const { PNG } = await import('pngjs');
      const { default: jsQR } = await import('jsqr');
      const png = PNG.sync.read(await img.screenshot());
      const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? '';
      const m = /^pages\/join\/join\/join\?scene=(inv_[\w]+)$/.exec(read);
      if (!m) throw new Error(`the code on screen reads "${read}"`);
      const invitation = await api(url, 'o-preview-scanner', 'invitation.open', { invitationId: decodeURIComponent(m[1]) });
      if (invitation.org.name !== branchName) throw new Error(`the code opens ${invitation.org.name}`);
      if (opened.errors.length) throw new Error(`console errors: ${opened.errors.join(' | ')}`);
    } finally {
      await opened.close();
    }
  });
}

/**
 * The round of issue 12 in Chromium: the secretary binds the group and starts a 集中点评 from it, the
 * member reports from the card, the secretary enters the reviews in one batch, previews and publishes; the
 * member replies to the rectification from the group, the secretary confirms it, and the upper secretary's
 * 本次上报 moves the new completions into cumulative. Each step is checked on the server.
 */
async function reviewRound(browser, url, { secretary, upper, branchId, unitId, campaignId }) {
  const member = 'o-demo-s3';
  const group = 'G-demo-xx1';
  // Pages under the top one stay in the DOM (hidden), as WeChat keeps its page stack: look at the top one.
  const top = (page) => page.locator('#screen > .page-host').last();
  const button = (page, text) => top(page).locator('wx-button', { hasText: text }).first();
  const title = (page, text) => page.waitForFunction((t) => document.querySelector('#title').textContent === t, text, { timeout: 15_000 });
  const fill = (page, id, value) => top(page).locator(`[data-wx-id="${id}"] .pv-real`).last().fill(value);
  let sessionId = '';
  let rectificationId = '';
  const before = (await api(url, upper, 'progress.get', { orgId: unitId, campaignId })).rows[0];

  await check('secretary in the group: 绑定本群, then 发起点评 of 李娜 and 孙丽 (not yet reviewed this cycle) → the session opens', async () => {
    const opened = await openPreview(browser, url, { as: secretary, page: 'pages/org/branch/branch', query: `id=${branchId}`, group });
    const { page } = opened;
    try {
      await button(page, '绑定本群').tap();
      await page.waitForFunction(() => document.querySelector('#screen').innerText.includes('已绑定本支部微信群'), null, { timeout: 15_000 });
      // A group the client writes is refused (only WeChat resolves one): ask the office which group the branch has.
      const bound = (await api(url, 'o-demo-admin', 'org.tree')).orgs.find((o) => o.id === branchId);
      if (bound?.opengid !== group) throw new Error(`the branch is bound to ${bound?.opengid}`);
      await button(page, '发起点评').tap();
      await title(page, '发起点评');
      await settle(page);
      await top(page).locator('[data-wx-id="by"] wx-radio').nth(1).click();
      await settle(page);
      // Each as a member of the branch (R1); 孙丽 is also owed a review as a committee member (R4).
      for (const name of ['李娜', '孙丽']) await top(page).locator('wx-label', { hasText: '作为支部书记点评党员' }).filter({ hasText: name }).locator('wx-checkbox').click();
      await fill(page, 'place', '实验小学党员活动室（浏览器测试）');
      await settle(page);
      await button(page, '发起点评').tap();
      // 发起点评 asks for the reminders in the same tap: the sheet WeChat draws, answered 取消.
      await page.locator('#subscribe.show .pv-sheet-cancel').click({ timeout: 15_000 });
      await title(page, '点评活动');
      await settle(page);
      sessionId = new URLSearchParams(new URL(page.url()).searchParams.get('q')).get('id');
      const text = await top(page).innerText();
      expectText(text, ['集中点评（支部党员大会）', '李娜', '孙丽', '作为支部书记点评党员'], '点评活动');
      if (opened.errors.length) throw new Error(`console errors: ${opened.errors.join(' | ')}`);
    } finally {
      await opened.close();
    }
  });

  await check('member from the group card: 汇报 and an opinion on 孙丽', async () => {
    const opened = await openPreview(browser, url, { as: member, page: 'pages/session/detail/detail', query: `id=${sessionId}`, group });
    const { page } = opened;
    try {
      expectText(await top(page).innerText(), ['从新北区实验小学党支部的群聊打开', '向点评人汇报：李娜'], '点评活动（党员）');
      await top(page).locator('[data-wx-id^="report-"]').first().tap();
      await title(page, '汇报');
      await settle(page);
      await fill(page, 'fulfilment', '三项承诺均已兑现（浏览器测试）。');
      await button(page, '提交汇报').tap();
      await page.waitForFunction(() => document.querySelector('#toast').textContent.length > 0, null, { timeout: 15_000 });
      await page.locator('#back').click();
      await title(page, '点评活动');
      await top(page).locator('[data-wx-id="give-opinion"]').tap();
      await title(page, '提意见');
      await settle(page);
      await top(page).locator('[data-wx-id="target-0"]').tap();
      await fill(page, 'content', '孙丽老师可以多带带青年教师（浏览器测试）。');
      await button(page, '提交意见').tap();
      await settle(page);
      const status = await api(url, secretary, 'report.status', { sessionId });
      if (status.counts.submitted !== 1) throw new Error(`${status.counts.submitted} reports on the server`);
      // An anonymous opinion counts from the next morning and shows only past the threshold (issue 10):
      // move the local cloud's clock a day on, then the reviewer sees it received but withheld.
      await fetch(`${url}/clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance: '1d' }) });
      const opinions = await api(url, secretary, 'opinion.list', { sessionId });
      if (!JSON.stringify(opinions).includes('满 3 人后显示')) throw new Error('the opinion is not on the server');
      if (opened.errors.length) throw new Error(`console errors: ${opened.errors.join(' | ')}`);
    } finally {
      await opened.close();
    }
  });

  await check('secretary: 汇报情况 and 征求意见情况 show them, 录入点评 submits both in one call, 预览 then 发布', async () => {
    const opened = await openPreview(browser, url, { as: secretary, page: 'pages/session/detail/detail', query: `id=${sessionId}` });
    const { page } = opened;
    try {
      await button(page, '汇报情况').tap();
      await title(page, '汇报情况');
      await settle(page);
      expectText(await top(page).innerText(), ['三项承诺均已兑现（浏览器测试）。'], '汇报情况');
      await page.locator('#back').click();
      await button(page, '征求意见情况').tap();
      await title(page, '征求意见情况');
      await settle(page);
      expectText(await top(page).innerText(), ['满 3 人后显示'], '征求意见情况');
      await page.locator('#back').click();
      await button(page, '录入点评').tap();
      await title(page, '录入点评');
      await settle(page);
      // 录入点评 shows one person at a time (上一位/下一位); a person under two duties has a section each.
      const cards = await top(page).locator('[data-wx-id^="card-"]').count();
      for (let c = 0; c < cards; c += 1) {
        // The person on screen: their entries are the visible ones (the others are hidden until 下一位).
        for (const entry of await top(page).locator('[data-wx-id^="entry-"]:visible').all()) {
          const i = (await entry.getAttribute('data-wx-id')).slice('entry-'.length);
          const aspects = await top(page).locator(`[data-wx-id^="e${i}-aspect"] .pv-real`).count();
          for (let a = 0; a < aspects; a += 1) await fill(page, `e${i}-aspect${a}`, '在这一方面表现较好（浏览器测试）。');
          await fill(page, `e${i}-achievements`, '立足本职，承诺兑现。');
          await fill(page, `e${i}-problems`, '理论学习的系统性还不够。');
          await fill(page, `e${i}-direction`, '加强理论学习。');
          await fill(page, `e${i}-requirement`, '制定学习计划，书面回复整改情况。');
          // Leaving 整改要求 with a real requirement turns on 需要整改并书面回复 and asks for the deadline.
          await top(page).locator(`[data-wx-id="e${i}-requirement"] .pv-real`).evaluate((el) => el.blur());
          await settle(page);
          const rect = top(page).locator(`[data-wx-id="e${i}-rect"]`);
          if (!(await rect.evaluate((el) => el.classList.contains('pv-on')))) await rect.click();
          await settle(page);
          await top(page).locator(`[data-wx-id="e${i}-deadline"] .pv-picker`).fill('2026-12-31');
        }
        if (c < cards - 1) {
          await button(page, '下一位').tap();
          await settle(page);
        }
      }
      await settle(page);
      await button(page, '全部提交').tap();
      await page.waitForFunction(() => document.querySelector('#toast').textContent.includes('点评已提交'), null, { timeout: 15_000 }).catch(async () => {
        throw new Error(`no 点评已提交; toast "${await page.locator('#toast').textContent()}", screen: ${(await top(page).innerText()).replace(/\s+/g, ' ').slice(0, 400)}`);
      });
      const saved = await api(url, secretary, 'session.get', { sessionId });
      if (!saved.reviews.every((r) => r.status === 'SUBMITTED')) throw new Error(`reviews: ${saved.reviews.map((r) => r.status)}`);
      await page.locator('#back').click();
      await title(page, '点评活动');
      // Back on the session (re-read on show): the core's stage and its next step as the primary button.
      await page.waitForFunction(() => document.querySelector('#screen').innerText.includes('去发布通报'), null, { timeout: 15_000 });
      expectText(await top(page).innerText(), ['待发布', '去发布通报'], '点评活动');
      await page.goto(`${url}/preview/?as=${secretary}&page=pages/publication/publish/publish&q=${encodeURIComponent(`sessionId=${sessionId}&orgId=${branchId}`)}`);
      await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 60_000 });
      await settle(page);
      await fill(page, 'summary', '点评意见已逐一反馈，请认真整改（浏览器测试）。');
      await button(page, '预览各方看到的内容').tap();
      await page.waitForFunction(() => document.querySelector('#screen').innerText.includes('上级党组织看到'), null, { timeout: 15_000 });
      expectText(await top(page).innerText(), ['被点评人和新北区实验小学党支部的党员看到', '制定学习计划，书面回复整改情况。'], '发布通报');
      await button(page, '确认发布').tap();
      await page.waitForFunction(() => document.querySelector('#screen').innerText.includes('通报已发布'), null, { timeout: 15_000 });
      const home = await api(url, member, 'home');
      rectificationId = home.rectificationsToDo.find((r) => r.sessionId === sessionId)?.id;
      if (!rectificationId) throw new Error('no rectification for 李娜 after publishing');
      if (opened.errors.length) throw new Error(`console errors: ${opened.errors.join(' | ')}`);
    } finally {
      await opened.close();
    }
  });

  await check('member from the group: reads the review and replies to the rectification', async () => {
    const rect = await api(url, member, 'rectification.get', { rectificationId });
    const opened = await openPreview(browser, url, { as: member, page: 'pages/review/detail/detail', query: `id=${rect.rectification.reviewId}&rect=${rectificationId}`, group });
    const { page } = opened;
    try {
      expectText(await top(page).innerText(), ['理论学习的系统性还不够。', '制定学习计划，书面回复整改情况。'], '点评详情');
      await button(page, '去整改').tap();
      await title(page, '整改');
      await settle(page);
      await fill(page, 'plan', '每周学习两次（浏览器测试）。');
      await button(page, '保存整改措施').tap();
      await page.waitForFunction(() => document.querySelector('#toast').textContent.includes('整改措施已保存'), null, { timeout: 15_000 });
      await settle(page);
      await fill(page, 'reply', '已按计划完成（浏览器测试）。');
      await button(page, '提交书面回复').tap();
      await page.waitForFunction(() => document.querySelector('#toast').textContent.includes('书面回复已提交'), null, { timeout: 15_000 });
      const after = await api(url, member, 'rectification.get', { rectificationId });
      if (after.rectification.status !== 'REPLIED') throw new Error(`status ${after.rectification.status}`);
      if (opened.errors.length) throw new Error(`console errors: ${opened.errors.join(' | ')}`);
    } finally {
      await opened.close();
    }
  });

  await check('secretary: 待办 → the reply → 确认整改到位', async () => {
    const opened = await openPreview(browser, url, { as: secretary });
    const { page } = opened;
    try {
      await top(page).locator(`[data-wx-id="confirm-${rectificationId}"]`).tap();
      await title(page, '整改');
      await settle(page);
      await button(page, '确认整改到位').tap();
      await page.waitForFunction(() => document.querySelector('#screen').innerText.includes('点评人已确认整改情况'), null, { timeout: 15_000 });
      const after = await api(url, member, 'rectification.get', { rectificationId });
      if (after.rectification.status !== 'CONFIRMED') throw new Error(`status ${after.rectification.status}`);
      if (opened.errors.length) throw new Error(`console errors: ${opened.errors.join(' | ')}`);
    } finally {
      await opened.close();
    }
  });

  await check('upper secretary: 点评进度 shows the new completions; 本次上报 moves them into cumulative', async () => {
    const opened = await openPreview(browser, url, { as: upper, page: 'pages/progress/index/index', query: `orgId=${unitId}&campaignId=${campaignId}` });
    const { page } = opened;
    try {
      const row = (await api(url, upper, 'progress.get', { orgId: unitId, campaignId })).rows[0];
      if (row.newlyCompleted.members <= before.newlyCompleted.members) throw new Error(`new members ${row.newlyCompleted.members}, before ${before.newlyCompleted.members}`);
      // The total row's figures: 应参加 ×3, 本次新增 ×3, 累计 ×3 (领导, 党组织, 党员).
      const cells = async () => (await top(page).locator(`[data-wx-id="row-${unitId}"]`).innerText()).split(/\s+/).filter((x) => /^\d+$/.test(x)).map(Number);
      // 本次上报 first shows the seed-003 table to be reported; 确认上报 reports it.
      await button(page, '本次上报').tap();
      await top(page).locator(`[data-wx-id="row-${unitId}"]`).waitFor({ timeout: 15_000 });
      const shown = await cells();
      if (shown[5] !== row.newlyCompleted.members) throw new Error(`table shows ${shown[5]} new members, server ${row.newlyCompleted.members}`);
      await button(page, '确认上报').tap();
      await page.waitForFunction(() => document.querySelector('#screen').innerText.includes('上次上报'), null, { timeout: 15_000 });
      await settle(page);
      const after = await cells();
      if (after[5] !== 0 || after[8] !== shown[8]) throw new Error(`after 本次上报: new ${after[5]}, cumulative ${after[8]} (was ${shown[8]})`);
      if (opened.errors.length) throw new Error(`console errors: ${opened.errors.join(' | ')}`);
    } finally {
      await opened.close();
    }
  });
}
console.log(`browser suite: ${passed} passed, ${failures.length} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failures.length) process.exit(1);
