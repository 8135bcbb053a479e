// The browser suite (last step of `npm test`): every member screen opened in headless Chromium through the
// preview, as a demo user, must show its key text with no console error; and one flow is tapped through
// end to end against the local cloud (待办 → 整改 → write the measures → saved). Without Chromium it says
// plainly that it did not run and how to install it.
import { INSTALL_HINT, api, hasChromium, launch, openPreview, settle, startServer } from './preview-driver.mjs';

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
    ['加入组织', 'o-preview-newcomer', 'pages/join/join/join', links.join ? `id=${links.join}` : '', ['名册', '这是我，提交审核']],
    ['群众意见', 'o-preview-masses', 'pages/opinion/invited/invited', links.invited ? `id=${links.invited}` : '', ['诚恳听取群众代表的意见']],
  ];
  // The mobile member's report due in the demo (found as they would find it, from their 待办).
  const mobileHome = await api(url, 'o-demo-w4', 'home');
  const report = mobileHome.reportsToGive[0];
  screens[7] = ['汇报', 'o-demo-w4', 'pages/report/edit/edit', report ? `sessionId=${report.sessionId}&kind=${report.target.kind}&id=${report.target.personId ?? report.target.orgId}` : '', ['公开承诺的内容和兑现情况', '提交汇报']];

  console.log('browser suite: each screen renders its key text with no console error');
  for (const [name, as, route, query, wanted] of screens) {
    for (const font of [17, 28]) {
      await check(`${name} (${as}, ${font}px)`, async () => {
        if (route !== 'pages/home/index/index' && route.includes('detail') && !query) throw new Error('the demo has nothing to open here');
        const opened = await openPreview(browser, url, { as, font, page: route, query });
        try {
          const text = (await opened.page.locator('#screen').innerText()).replace(/\s+/g, ' ');
          expectText(text, wanted, name);
          if (opened.errors.length) throw new Error(`console errors: ${opened.errors.join(' | ')}`);
        } finally {
          await opened.close();
        }
      });
    }
  }

  console.log('browser suite: a flow tapped through end to end');
  await check('待办 → tap the rectification → write the measures → tap save → saved on the server', async () => {
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
} finally {
  await browser.close();
  await server.close();
}
console.log(`browser suite: ${passed} passed, ${failures.length} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failures.length) process.exit(1);
