// Reviewers (issue 20) and members' to-dos (issue 22): 待办 as the way into every review task.
import { act, api } from '../../preview-driver.mjs';

/** @type {import('../journeys.mjs').Journey[]} */
export const REVIEWER_JOURNEYS = [
  {
    name: 'reviewer-confirms-rectification',
    who: '支部书记 吴敏（点评人），然后党员李娜',
    as: 'o-demo-s1',
    font: 28,
    outcome: '用最大字号，从待办打开李娜的整改书面回复，确认整改到位；李娜的点评随即显示「已整改」，不再有「去整改」',
    budget: 6,
    async run(j, { url }) {
      // The member's half (member-rectify) may have run before in the same demo: only what is missing is done.
      await j.check('李娜已制定整改措施并书面回复（member-rectify 的一半；没做的在她手机上补做）', async () => {
        const home = await api(url, 'o-demo-s3', 'home');
        let r = home.rectificationsToDo.find((x) => x.target.name === '李娜');
        if (r && r.status === 'REQUIRED') {
          await act(url, 'o-demo-s3', 'rectification.act', { event: 'PLAN', rectificationId: r.id, version: r.version, plan: '制定个人学习计划，每月到社区服务两次（旅程测试）。' });
          r = (await api(url, 'o-demo-s3', 'rectification.get', { rectificationId: r.id })).rectification;
        }
        if (r && r.status === 'PLANNED') await act(url, 'o-demo-s3', 'rectification.act', { event: 'REPLY', rectificationId: r.id, version: r.version, reply: '已制定学习计划，本月到社区开展了两次为民服务（旅程测试）。' });
        const mine = await api(url, 'o-demo-s1', 'home');
        if (!mine.rectificationsToConfirm.some((x) => x.target.name === '李娜')) throw new Error('吴敏 has no reply of 李娜 to confirm');
      });
      await j.see('待确认的整改回复');
      await j.tap('李娜：');
      await j.see('请阅读书面回复');
      await j.tap('确认整改到位');
      await j.see('点评人已确认整改情况');
      await j.check('页面上方写着点评人已确认整改情况', async () => {
        await j.page.locator('#screen > .page-host').last().locator('[data-wx-id="confirmed"]').scrollIntoViewIfNeeded();
      });
      await j.back();
      await j.notSee('待确认的整改回复');
      await j.switchTo('o-demo-s3', '李娜拿起自己的手机（最大字号），打开小程序');
      await j.notSee('要做的整改');
      await j.tap('吴敏对李娜的');
      await j.see('已整改');
      await j.check('点评的「整改要求」下写着已整改，按钮是「查看整改情况」', async () => {
        const host = j.page.locator('#screen > .page-host').last();
        await host.getByText('已整改', { exact: true }).first().scrollIntoViewIfNeeded();
        const text = (await host.innerText()).replace(/\s+/g, ' ');
        if (!text.includes('查看整改情况')) throw new Error('no 查看整改情况 on the review');
      });
      await j.notSee('去整改');
      await j.notSee('需整改');
      await j.check('整改已确认', async () => {
        const home = await api(url, 'o-demo-s1', 'home');
        if (home.rectificationsToConfirm.some((x) => x.target.name === '李娜')) throw new Error('still to confirm');
      });
    },
  },
  {
    name: 'liaison-start',
    who: '工委副书记 陈立（联系领导）',
    as: 'o-demo-g2',
    outcome: '从待办里「作为联系领导点评」的一项打开发起点评，为联系的卫生院党支部发起点评',
    budget: 3,
    async run(j, { url }) {
      await j.see('作为联系领导点评联系的党组织和书记');
      await j.notSee('R5');
      await j.tap('罗溪镇卫生院党支部，截止');
      // 发起点评 opens for his liaison point, headed by it and his duty there, not his own branch; he reviews
      // himself (only its secretary may enter others' reviews there).
      await j.see('作为联系领导点评');
      await j.notSee('您没有权限进行此操作');
      await j.notSee('代何平录入');
      await j.type('点评地点', '卫生院会议室（旅程测试）');
      await j.tap('发起点评');
      await j.see('点评对象');
      await j.check('陈立在卫生院党支部发起了点评活动', async () => {
        const home = await api(url, 'o-demo-g2', 'home');
        const mine = home.mySessions.filter((s) => s.orgName === '罗溪镇卫生院党支部');
        if (!mine.length) throw new Error('no session of 陈立 at 卫生院 in 我组织的点评');
      });
    },
  },
  {
    name: 'secretary-my-sessions',
    who: '支部书记 吴敏',
    as: 'o-demo-s1',
    outcome: '在待办的「我组织的点评」里看到每次点评到了哪一步，点下一步的按钮直接去做；发起点评一步就到',
    budget: 3,
    async run(j) {
      await j.see('我组织的点评');
      await j.see('待汇报');
      await j.see('已发布');
      await j.notSee('R1 ');
      await j.tap('查看汇报情况');
      await j.see('已汇报');
      await j.back();
      await j.tap('发起点评：新北区实验小学党支部');
      await j.see('点评地点');
    },
  },
  {
    name: 'member-todos-shrink',
    who: '流动党员 梁勇',
    as: 'o-demo-w4',
    outcome: '提完意见、交了汇报，待办里的这两项随即消失',
    budget: 11,
    async run(j, { url }) {
      await j.see('要提的意见');
      await j.tap('对郑小雨提意见');
      await j.tap('郑小雨');
      await j.type('实事求是地写下您的意见和建议', '郑小雨老师备课认真，希望多和流动党员联系（旅程测试）。');
      await j.tap('提交意见');
      await j.back();
      await j.notSee('对郑小雨提意见');
      await j.tap('汇报：梁勇');
      await j.type('公开承诺的内容和兑现情况', '在外务工，按时交纳党费，每月参加线上学习（旅程测试）。');
      await j.type('参加创先争优、完成工作的情况', '在务工单位被评为安全生产先进个人（旅程测试）。');
      await j.type('下一步的想法和措施', '多和支部联系，回乡时参加组织生活（旅程测试）。');
      await j.tap('提交汇报');
      await j.back();
      await j.notSee('汇报：梁勇');
      await j.check('梁勇的待办里不再有这份汇报和对郑小雨的意见', async () => {
        const home = await api(url, 'o-demo-w4', 'home');
        if (home.reportsToGive.some((r) => r.target.name === '梁勇')) throw new Error('the report is still due');
        if (home.opinionsToGive.some((o) => o.targets.some((t) => t.name === '郑小雨'))) throw new Error('the opinion on 郑小雨 is still asked for');
      });
    },
  },
  {
    name: 'opinion-card-shrinks',
    who: '卫生院书记 何平（被征求意见）',
    as: 'o-demo-w1',
    outcome: '「对郑小雨、梁勇提意见」在提完一位后变成「对梁勇提意见」，两位都提完后消失',
    budget: 10,
    async run(j) {
      await j.tap('对郑小雨、梁勇提意见');
      await j.tap('郑小雨');
      await j.type('实事求是地写下您的意见和建议', '郑小雨老师教学认真（旅程测试）。');
      await j.tap('提交意见');
      await j.back();
      await j.see('对梁勇提意见');
      await j.tap('对梁勇提意见');
      await j.tap('梁勇');
      await j.type('实事求是地写下您的意见和建议', '梁勇同志在外不忘组织（旅程测试）。');
      await j.tap('提交意见');
      await j.back();
      await j.notSee('对梁勇提意见');
    },
  },
];
