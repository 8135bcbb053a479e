// Those who start and write reviews (issue 20): a branch secretary from 我的 → 本支部 → 发起点评 to a
// published notice, and the same secretary leaving the place empty, then changing it on 点评活动; the upper
// secretary reviewing a branch and its secretary from 待办 to a published notice; a secretary entering the
// review a liaison leader gave at the meeting (代…录入) to a published notice.
import { act, api } from '../../preview-driver.mjs';

/** The secretary's newest session, read from the api (for checks only). */
async function newestSession(url, openid) {
  const { sessions } = await api(url, openid, 'session.list', {});
  return [...sessions].sort((a, b) => b.id.localeCompare(a.id))[0];
}

/** Waits until the group chat beside the phone shows a session card reading `text` (the panel polls every 3 s). */
async function cardReads(page, group, text) {
  await page.locator('#panels [data-panel="chats"]').click();
  await page
    .waitForFunction(
      ([g, t]) => [...document.querySelectorAll('#chat-list .pv-chat')].some((c) => c.querySelector('h3')?.textContent.startsWith(g) && [...c.querySelectorAll('.pv-card-state')].some((s) => s.textContent === t)),
      [group, text],
      { timeout: 12_000 },
    )
    .catch(async () => {
      throw new Error(`no card in ${group} reads "${text}"; the chats show: ${(await page.locator('#chat-list').innerText()).replace(/\s+/g, ' ').slice(0, 400)}`);
    });
}

/** The aspects of a member's review under the default template, as the boxes are titled. */
const MEMBER_ASPECTS = ['立足岗位发挥带头作用', '公开承诺及践行', '为群众办实事'];
/** … of an org's, and of an org's secretary's. */
export const ORG_ASPECTS = ['创先争优活动推进和中心工作', '公开承诺及兑现', '服务群众办实事', '党组织和党员队伍建设'];
const LEADER_ASPECTS = ['带头创先争优', '组织党员开展创先争优活动', '公开承诺及兑现'];

/** Fills one screen of 录入点评: every aspect box of `name`, then 成绩 / 问题 / 方向 and 整改要求. */
export async function writeReview(j, name, aspects) {
  for (const aspect of aspects) await j.type(`写${name}「${aspect}」的具体事例`, `${name}在「${aspect}」方面有具体做法和成效（旅程测试）。`);
  await j.type('写做成了哪些事', `${name}本期完成了承诺的主要事项，群众反映较好（旅程测试）。`);
  await j.type('写具体的不足', `${name}在经常性联系群众方面还不够（旅程测试）。`);
  await j.type('写今后怎么改', '每月至少开展一次走访，听取群众意见（旅程测试）。');
  await j.type('无需整改写“继续保持”', '继续保持');
}

/** 刘芳's two liaison duties at 实验小学: the branch, and its secretary 吴敏. */
export const LIAISON_TARGETS = {
  branch: { name: '新北区实验小学党支部', aspects: ORG_ASPECTS, count: '将点评 1 个党组织：新北区实验小学党支部' },
  secretary: { name: '吴敏', aspects: LEADER_ASPECTS, count: '将点评 1 人：吴敏' },
};

/**
 * 代刘芳录入 from 发起点评 to the published notice: the liaison leader 刘芳, who is not on the app, reviewed
 * `target` at the meeting, and whoever enters for her (the branch's secretary, or the office) does the rest.
 */
export async function enterLiaisonReview(j, notice, target = LIAISON_TARGETS.branch) {
  await j.tap('代刘芳录入');
  await j.see('领导在会上的点评由您录入');
  await j.tap('自己选');
  await j.tap(`${target.name}作为联系领导`, `勾选「${target.name}」（作为联系领导点评）`);
  await j.see(target.count);
  await j.type('必填，例如：支部党员活动室', '实验小学党员活动室');
  await j.tap('发起点评', '点「发起点评」');
  await j.tap('取消', '这次不要提醒');
  await j.see('点评人：刘芳');
  await j.tap('去录入点评');
  await writeReview(j, target.name, target.aspects);
  await j.tap('全部提交');
  await j.tap('去发布通报');
  await j.type('例如：点评意见已逐一反馈', notice);
  await j.tap('预览各方看到的内容');
  await j.tap('确认发布');
  await j.see('通报已发布');
}

/** Every review of a session, as its organiser reads it (for checks only). */
async function reviewsOf(url, openid, sessionId) {
  return (await api(url, openid, 'session.get', { sessionId })).reviews;
}

/** 罗德福's two public commitments, as he made them on his own phone before the session (the prefill's source). */
const LUO_COMMITMENTS = [
  { content: '每月到村卫生室为老人义诊一次（旅程测试）', progress: 100, fulfilmentNotes: '已义诊十次' },
  { content: '带教一名年轻医生（旅程测试）', progress: 60, fulfilmentNotes: '' },
];

/** @type {import('../journeys.mjs').Journey[]} */
export const WRITER_JOURNEYS = [
  {
    name: 'secretary-enters-elderly-report',
    who: '卫生院支部书记 何平（代年老体弱的罗德福录入汇报），然后罗德福本人',
    as: 'o-demo-w1',
    font: 28,
    outcome: '用最大字号，从待办打开点评活动，看到罗德福标着年老体弱，点「代为录入汇报」，从他的公开承诺起笔，选上门走访，录入并提交；罗德福在自己的待办里看到汇报由何平上门走访后代为录入，点开能读',
    budget: 12,
    async run(j, { url }) {
      await j.check('罗德福此前在自己手机上公开了两项承诺（代录入时从这里起笔）', async () => {
        const home = await api(url, 'o-demo-w3', 'home');
        await act(url, 'o-demo-w3', 'commitment.saveMine', { campaignId: home.campaigns[0].id, items: LUO_COMMITMENTS, date: home.campaigns[0].start });
      });
      await j.see('罗德福年老体弱，汇报可上门、电话或谈话后代为录入');
      await j.check('待办「我组织的点评」里这次点评写着罗德福年老体弱、汇报可代为录入', async () => {
        await j.page.locator('#screen > .page-host').last().locator('[data-wx-id^="mine-"]').first().scrollIntoViewIfNeeded();
      });
      await j.tap('罗溪镇卫生院党支部 个别点评');
      await j.see('年老体弱');
      await j.see('还没有汇报，可上门、电话或谈话后代为录入');
      await j.check('罗德福那一行有一个「代为录入汇报」按钮（只有他有）', async () => {
        const buttons = j.page.locator('#screen > .page-host').last().locator('[data-wx-id^="enter-"]');
        if ((await buttons.count()) !== 1) throw new Error(`${await buttons.count()} 代为录入汇报 buttons`);
        await buttons.first().scrollIntoViewIfNeeded();
      });
      await j.tap('代为录入汇报');
      await j.see('代为录入汇报：罗德福（年老体弱）');
      await j.see('已按本人的公开承诺列出');
      await j.check('「公开承诺的内容和兑现情况」已写着他的两项承诺和兑现情况', async () => {
        const boxes = j.page.locator('#screen > .page-host').last().locator('.pv-real');
        await boxes.first().scrollIntoViewIfNeeded();
        const values = await boxes.evaluateAll((els) => els.map((e) => e.value));
        const want = '1. 每月到村卫生室为老人义诊一次（旅程测试）（已兑现：已义诊十次）\n2. 带教一名年轻医生（旅程测试）（进度60%）';
        if (!values.includes(want)) throw new Error(`the boxes hold ${JSON.stringify(values)}`);
      });
      await j.tap('上门走访');
      await j.type('参加创先争优、完成工作的情况', '退休后坚持为村里老人量血压、讲健康知识（旅程测试）。');
      await j.type('下一步的想法和措施', '身体允许的话，继续每月义诊（旅程测试）。');
      await j.tap('录入并提交汇报');
      await j.see('已代罗德福录入汇报（上门走访）');
      await j.back();
      await j.see('何平已上门走访后代为录入汇报');
      await j.notSee('还没有汇报');
      await j.check('罗德福那一行写着何平已上门走访后代为录入汇报，不再有「代为录入汇报」按钮', async () => {
        await j.page.locator('#screen > .page-host').last().getByText('何平已上门走访后代为录入汇报').scrollIntoViewIfNeeded();
        const buttons = await j.page.locator('#screen > .page-host').last().locator('[data-wx-id^="enter-"]').count();
        if (buttons) throw new Error(`${buttons} 代为录入汇报 button(s) still shown`);
      });
      await j.switchTo('o-demo-w3', '罗德福拿起自己的手机（最大字号），打开小程序');
      await j.see('何平已代您录入汇报：罗德福');
      await j.tap('何平已代您录入汇报：罗德福');
      await j.see('此汇报由何平上门走访后代为录入');
      await j.check('他读到何平录入的内容（三栏都在）', async () => {
        const values = await j.page.locator('#screen > .page-host').last().locator('.pv-real').evaluateAll((els) => els.map((e) => e.value));
        if (!values.includes('退休后坚持为村里老人量血压、讲健康知识（旅程测试）。') || !values.some((v) => v.startsWith('1. 每月到村卫生室'))) throw new Error(`the boxes hold ${JSON.stringify(values)}`);
      });
      await j.check('罗德福的汇报已提交，作者是他本人，录入人何平，方式上门走访', async () => {
        const home = await api(url, 'o-demo-w3', 'home');
        const entered = (home.reportsEntered ?? []).find((r) => r.target.name === '罗德福');
        if (!entered || entered.enteredByName !== '何平' || entered.way !== '上门走访') throw new Error(`reportsEntered: ${JSON.stringify(home.reportsEntered)}`);
        if (home.reportsToGive.some((r) => r.target.name === '罗德福')) throw new Error('the report is still asked of him');
      });
    },
  },
  {
    name: 'secretary-intern-hint',
    who: '支部书记 吴敏',
    as: 'o-demo-s1',
    font: 28,
    outcome: '点评外出实习的郑小雨时，录入点评的页面提示按方案采取灵活方法（可远程或书面）点评（issue 24，seed 001）',
    budget: 9,
    async run(j, { url }) {
      await j.tab('我的');
      await j.tap('本支部');
      await j.tap('发起点评');
      await j.tap('自己选');
      await j.tap('郑小雨');
      await j.see('将点评 1 人：郑小雨');
      await j.type('必填，例如：支部党员活动室', '线上视频会议');
      await j.tap('发起点评', '点「发起点评」');
      await j.tap('取消', '这次不要提醒');
      await j.tap('录入点评');
      await j.see('外出实习的党员：采取切实可行的措施和灵活的方法点评，可远程或书面进行');
      await j.check('郑小雨的点评带着灵活点评的提示', async () => {
        const s = await newestSession(url, 'o-demo-s1');
        const got = await api(url, 'o-demo-s1', 'session.get', { sessionId: s.id });
        const mine = got.reviews.find((r) => r.target.name === '郑小雨');
        if (!mine || !mine.hintLabel) throw new Error('no hint on 郑小雨\'s review');
      });
    },
  },
  {
    name: 'secretary-review-round',
    who: '支部书记 吴敏',
    as: 'o-demo-s1',
    outcome: '从「我的」发起点评，逐人录入点评、全部提交，去发布通报并确认发布',
    budget: 22,
    async run(j, { url }) {
      await j.tab('我的');
      await j.tap('本支部');
      await j.tap('发起点评');
      await j.tap('自己选');
      await j.tap('钱军');
      await j.see('将点评 1 人：钱军');
      await j.type('必填，例如：支部党员活动室', '实验小学党员活动室');
      await j.tap('发起点评', '点「发起点评」');
      await j.tap('允许', '允许截止前提醒');
      await j.see('录入点评');
      await j.tap('录入点评');
      await j.see('1/1');
      for (const aspect of MEMBER_ASPECTS) await j.type(`写钱军「${aspect}」的具体事例`, `钱军在「${aspect}」方面事例具体、带头作用明显（旅程测试）。`);
      await j.type('写做成了哪些事', '数学教研组成绩提升明显，带教两名青年教师（旅程测试）。');
      await j.type('写具体的不足', '与家长沟通主要靠群发通知，个别交流少（旅程测试）。');
      await j.type('写今后怎么改', '每月至少与三位家长单独交流（旅程测试）。');
      await j.type('无需整改写“继续保持”', '继续保持');
      await j.tap('全部提交');
      await j.see('去发布通报');
      await j.tap('去发布通报');
      await j.type('例如：点评意见已逐一反馈', '点评意见已逐一反馈，请认真整改（旅程测试）。');
      await j.tap('预览各方看到的内容');
      await j.tap('确认发布');
      await j.see('通报已发布');
      await j.check('钱军的点评已发布', async () => {
        const s = await newestSession(url, 'o-demo-s1');
        const got = await api(url, 'o-demo-s1', 'session.get', { sessionId: s.id });
        const statuses = got.reviews.map((r) => r.status);
        if (!statuses.length || statuses.some((x) => x !== 'PUBLISHED')) throw new Error(`reviews are ${statuses.join(',')}`);
      });
    },
  },
  {
    name: 'secretary-empty-place',
    who: '支部书记 吴敏',
    as: 'o-demo-s1',
    // At the largest text, as a 60-year-old reads it.
    font: 28,
    outcome: '发起点评时没填地点，表单当场指出；发起后在点评活动里修改时间地点',
    budget: 14,
    async run(j, { url }) {
      await j.tab('我的');
      await j.tap('本支部');
      await j.tap('发起点评');
      // 郑小雨 and 梁勇 are already in her session of this quarter, 李娜 and 钱军 reviewed: only 孙丽 (under two duties, once).
      await j.see('将点评 1 人：孙丽');
      await j.tap('发起点评', '不填地点就点「发起点评」');
      await j.see('请填写点评地点');
      await j.type('必填，例如：支部党员活动室', '实验小学三楼会议室');
      await j.tap('发起点评', '填好地点再点「发起点评」');
      await j.tap('取消', '这次不要提醒');
      await j.see('修改时间地点');
      await j.tap('修改时间地点');
      await j.type('必填，例如：支部党员活动室', '实验小学党员活动室（改）');
      await j.tap('保存时间地点');
      await j.see('实验小学党员活动室（改）');
      await j.check('点评活动的地点已改', async () => {
        const s = await newestSession(url, 'o-demo-s1');
        if (s.place !== '实验小学党员活动室（改）') throw new Error(`place is ${s.place}`);
      });
    },
  },
  {
    name: 'secretary-card-progress',
    who: '支部书记 吴敏',
    as: 'o-demo-s1',
    // At the largest text, as a 60-year-old reads it.
    font: 28,
    outcome: '发起点评后把卡片发到支部微信群；群里的卡片随党员交汇报显示进度，发布通报后显示「已开始」',
    budget: 25,
    async run(j, { url }) {
      const group = '新北区实验小学党支部群';
      await j.tab('我的');
      await j.tap('本支部');
      await j.tap('发起点评');
      await j.tap('自己选');
      await j.tap('李娜');
      await j.see('将点评 1 人：李娜');
      await j.type('必填，例如：支部党员活动室', '实验小学党员活动室');
      await j.tap('发起点评', '点「发起点评」');
      await j.tap('允许', '允许截止前提醒');
      await j.see('发到微信群');
      await j.tap('发到微信群');
      await j.see('卡片会在群里显示汇报进度');
      await j.tap('选择微信群发送');
      await j.see('发送给');
      await j.tap(group);
      await j.check('群里的卡片显示「成员正在加入，当前 0/1 人」（微信的固定字样：已交汇报 0 份，应交 1 份）', () => cardReads(j.page, group, '成员正在加入，当前 0/1 人'));
      await j.check('李娜在自己的手机上交了汇报；群里的卡片随即变成「当前 1/1 人」', async () => {
        const s = await newestSession(url, 'o-demo-s1');
        const got = await api(url, 'o-demo-s1', 'session.get', { sessionId: s.id });
        const lina = got.session.targets.find((t) => t.name === '李娜');
        await act(url, 'o-demo-s3', 'report.save', { sessionId: s.id, target: { kind: 'MEMBER', id: lina.personId }, fulfilment: '两项承诺都已兑现，志愿服务每月一次（旅程测试）。', work: '所带班级获区文明班级（旅程测试）。', plans: '下学期牵头读书会（旅程测试）。', submit: true });
        await cardReads(j.page, group, '成员正在加入，当前 1/1 人');
      });
      await j.tap('录入点评');
      await j.see('1/1');
      for (const aspect of MEMBER_ASPECTS) await j.type(`写李娜「${aspect}」的具体事例`, `李娜在「${aspect}」上有具体事例：牵头开展课后服务（旅程测试）。`);
      await j.type('写做成了哪些事', '所带班级获区文明班级，两项承诺按期兑现（旅程测试）。');
      await j.type('写具体的不足', '理论学习笔记偏少，学习心得没有结合教学（旅程测试）。');
      await j.type('写今后怎么改', '每月写一篇结合教学的学习心得（旅程测试）。');
      await j.type('无需整改写“继续保持”', '继续保持');
      await j.tap('全部提交');
      await j.see('去发布通报');
      await j.tap('去发布通报');
      await j.type('例如：点评意见已逐一反馈', '点评意见已反馈李娜同志（旅程测试）。');
      await j.tap('预览各方看到的内容');
      await j.tap('确认发布');
      await j.see('通报已发布');
      await j.check('群里的卡片显示「已开始」（微信的固定字样：点评情况已公开）', () => cardReads(j.page, group, '已开始'));
    },
  },
  {
    name: 'upper-secretary-round',
    who: '工委书记 周建国',
    as: 'o-demo-g1',
    font: 28,
    outcome: '从待办发起点评，点评下级党支部和它的书记，逐个录入、全部提交，发布通报',
    budget: 32,
    async run(j, { url }) {
      await j.tap('发起点评：中共常州市新北区社会事业局工作委员会');
      await j.see('作为书记点评');
      await j.tap('自己选');
      await j.tap('新北区实验小学党支部作为上级', '勾选「新北区实验小学党支部」（作为上级书记点评下级党组织）');
      await j.tap('吴敏作为上级', '勾选「吴敏」（作为上级书记点评下级党组织书记）');
      await j.see('将点评 1 个党组织、1 人：新北区实验小学党支部、吴敏');
      await j.type('必填，例如：支部党员活动室', '工委会议室');
      await j.tap('发起点评', '点「发起点评」');
      await j.tap('取消', '这次不要提醒');
      await j.tap('去录入点评');
      await j.see('1/2');
      // One screen per target, in the session's order: each is written as the screen names it.
      const aspectsOf = { 新北区实验小学党支部: ORG_ASPECTS, 吴敏: LEADER_ASPECTS };
      const shown = async () => /下一位\s*(\S+)/.exec(await j.text())?.[1] ?? '';
      const first = await shown();
      if (!aspectsOf[first]) throw new Error(`录入点评 opened on "${first}"`);
      await writeReview(j, first, aspectsOf[first]);
      await j.tap('下一位');
      await j.see('2/2');
      const second = await shown();
      if (!aspectsOf[second] || second === first) throw new Error(`the second screen is "${second}"`);
      await writeReview(j, second, aspectsOf[second]);
      await j.tap('全部提交');
      await j.tap('去发布通报');
      await j.type('例如：点评意见已逐一反馈', '工委对实验小学党支部和吴敏同志的点评意见已反馈（旅程测试）。');
      await j.tap('预览各方看到的内容');
      await j.tap('确认发布');
      await j.see('通报已发布');
      await j.check('周建国对实验小学党支部和吴敏的点评已发布，点评活动显示已发布', async () => {
        const home = await api(url, 'o-demo-g1', 'home');
        const mine = home.mySessions.find((s) => s.stage.label === '已发布');
        if (!mine) throw new Error(`no published session in 我组织的点评: ${home.mySessions.map((s) => s.stage.label).join(',')}`);
        const reviews = await reviewsOf(url, 'o-demo-g1', mine.sessionId);
        const got = reviews.map((r) => `${r.target.name}:${r.status}`).sort();
        if (got.join(',') !== ['吴敏:PUBLISHED', '新北区实验小学党支部:PUBLISHED'].join(',')) throw new Error(`reviews are ${got.join(',')}`);
      });
    },
  },
  {
    name: 'secretary-enters-for-leader',
    who: '支部书记 吴敏（代联系领导刘芳录入）',
    as: 'o-demo-s1',
    font: 28,
    outcome: '联系领导刘芳不用小程序：吴敏发起点评时选「代刘芳录入」，把刘芳在会上对本支部的点评录入、提交并发布，点评人记为刘芳、录入人记为吴敏',
    budget: 22,
    async run(j, { url }) {
      await j.tap('发起点评：新北区实验小学党支部');
      await enterLiaisonReview(j, '刘芳同志的点评意见已录入并反馈（旅程测试）。');
      await j.check('刘芳对实验小学党支部的点评已发布，录入人是吴敏', async () => {
        const { sessions } = await api(url, 'o-demo-s1', 'session.list', {});
        const hers = sessions.filter((s) => s.reviewerName === '刘芳');
        if (hers.length !== 1) throw new Error(`${hers.length} sessions of 刘芳`);
        const reviews = await reviewsOf(url, 'o-demo-s1', hers[0].id);
        const wrong = reviews.filter((r) => r.status !== 'PUBLISHED' || r.enteredBy?.name !== '吴敏');
        if (!reviews.length || wrong.length) throw new Error(`reviews: ${JSON.stringify(reviews.map((r) => [r.target.name, r.status, r.enteredBy]))}`);
      });
    },
  },
];
