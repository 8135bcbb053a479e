// Members, newcomers, the masses, and issue 18's first journeys of the office and a secretary.
import { api } from '../../preview-driver.mjs';

/** @type {import('../journeys.mjs').Journey[]} */
export const MEMBER_JOURNEYS = [
  {
    name: 'member-commitment',
    who: '党员 李娜',
    as: 'o-demo-s3',
    outcome: '修改自己的公开承诺和兑现进度，支部的同志看得到',
    budget: 6,
    async run(j, { url }) {
      await j.tab('承诺');
      await j.see('我的承诺');
      await j.tap('修改承诺、登记兑现情况');
      await j.type('兑现进度（0–100）', '80');
      await j.type('兑现情况', '已完成方案并在全校推广（旅程测试）');
      await j.tap('保存并公开');
      await j.see('兑现进度 80%');
      await j.check('支部书记吴敏在「承诺」里看到李娜的新进度', async () => {
        const me = await api(url, 'o-demo-s1', 'me');
        const campaignId = [...me.campaigns].sort((a, b) => b.start.localeCompare(a.start))[0].id;
        const seen = JSON.stringify(await api(url, 'o-demo-s1', 'commitment.list', { orgId: me.roles.secretaryOf[0].id, campaignId }));
        if (!seen.includes('已完成方案并在全校推广（旅程测试）')) throw new Error('the secretary does not see the new fulfilment');
      });
    },
  },
  {
    name: 'member-opinion',
    who: '党员 李娜',
    as: 'o-demo-s3',
    outcome: '对征求意见的两位同志各提一条意见，待办里这一项随即消失',
    budget: 10,
    async run(j) {
      await j.see('要提的意见');
      await j.tap('对郑小雨、梁勇提意见');
      await j.see('对谁提意见');
      await j.tap('郑小雨');
      await j.type('实事求是地写下您的意见和建议', '郑小雨老师备课认真，希望多参加支部的学习活动（旅程测试）。');
      await j.tap('提交意见');
      await j.see('我已提的意见');
      await j.tap('梁勇');
      await j.type('实事求是地写下您的意见和建议', '梁勇同志在外务工仍按时交纳党费，希望多和支部联系（旅程测试）。');
      await j.tap('提交意见');
      await j.back();
      await j.see('要做的整改');
      await j.notSee('要提的意见');
    },
  },
  {
    name: 'member-rectify',
    who: '党员 李娜',
    as: 'o-demo-s3',
    outcome: '用最大字号，从待办打开要做的整改，书面回复落实情况；点评人吴敏的待办里随即有这条待确认的回复',
    font: 28,
    budget: 5,
    async run(j, { url }) {
      await j.see('要做的整改');
      await j.tap('制定个人学习计划');
      await j.see('整改措施');
      await j.type('整改落实情况', '已制定学习计划，本月到社区开展了两次为民服务（旅程测试）。');
      await j.tap('提交书面回复');
      await j.see('已制定学习计划，本月到社区开展了两次为民服务（旅程测试）。');
      await j.back();
      await j.notSee('制定个人学习计划');
      await j.check('点评人吴敏的待办里有李娜这条待确认的整改回复，整改已是已回复', async () => {
        const home = await api(url, 'o-demo-s1', 'home');
        const r = home.rectificationsToConfirm.find((x) => x.target.name === '李娜');
        if (!r) throw new Error(`the reviewer has no reply to confirm: ${JSON.stringify(home.rectificationsToConfirm)}`);
        const got = await api(url, 'o-demo-s3', 'rectification.get', { rectificationId: r.id });
        if (!got.rectification.reply.includes('本月到社区开展了两次为民服务')) throw new Error(`the reply stored is "${got.rectification.reply}"`);
      });
    },
  },
  {
    name: 'masses-opinion',
    who: '群众代表（家长）',
    as: 'o-preview-masses',
    start: 'pages/home/index/index',
    outcome: '用最大字号，从家长群里的卡片打开征求意见，看清匿名的说明，提交一条意见',
    font: 28,
    budget: 6,
    async run(j) {
      await j.openCard('请家长代表对实验小学党员提意见');
      await j.see('诚恳听取群众代表的意见');
      await j.see('匿名提交，点评人看不到您是谁');
      await j.tap('了解更多');
      await j.see('每个对象只能提一条意见');
      await j.tap('郑小雨');
      await j.type('请写下您的意见和建议', '郑小雨老师对孩子很耐心，家访也很及时（旅程测试）。');
      await j.tap('提交意见');
      await j.see('意见已收到，谢谢您！');
    },
  },
  {
    name: 'newcomer-claim',
    who: '新同志',
    as: 'o-preview-newcomer',
    start: 'pages/home/index/index',
    outcome: '从支部群里的邀请卡片打开，看不到名册；填写自己的姓名和手机号后4位，提交后等书记核对审核',
    budget: 4,
    async run(j, { url }) {
      await j.openCard('邀请你加入新北区实验小学党支部');
      await j.see('请填写您在名册中的姓名和手机号后4位');
      await j.notSee('孙丽', '邀请里不列出名册中的姓名（看不到孙丽）');
      await j.type('您的姓名（与名册一致）', '钱军');
      await j.type('手机号后4位', '2468');
      await j.tap('提交加入申请');
      await j.see('等待书记审核');
      await j.see('书记会核对您填写的手机尾号');
      await j.check('书记吴敏的「加入申请」里有钱军的申请：填写的手机尾号 2468，与名册相符', async () => {
        const me = await api(url, 'o-demo-s1', 'me');
        const { claims } = await api(url, 'o-demo-s1', 'claim.list', { orgId: me.roles.secretaryOf[0].id });
        const mine = claims.find((c) => c.personName === '钱军');
        if (!mine || mine.enteredPhoneTail !== '2468' || mine.phoneCheck !== 'MATCH') throw new Error(`claims: ${JSON.stringify(claims).slice(0, 300)}`);
      });
    },
  },
  {
    name: 'office-import',
    who: '活动办公室',
    as: 'o-demo-admin',
    outcome: '从聊天里选一份填好的名册导入，组织架构里马上有新支部；一份写错的名册指出哪一行错、什么也不导入',
    budget: 9,
    async run(j, { url }) {
      await j.tab('我的');
      await j.tap('活动办公室');
      await j.see('导入名册');
      await j.tap('导入名册');
      await j.see('选择文件（来自聊天）');
      await j.tap('名册（新北区第三实验小学）.xlsx');
      await j.see('已导入');
      await j.see('新北区第三实验小学党支部', '组织架构里就有新支部，不用退出重进');
      const before = JSON.stringify(await api(url, 'o-demo-admin', 'org.tree', {}));
      await j.tap('导入名册');
      await j.tap('名册（有一行写错）.xlsx');
      await j.see('本次未导入任何数据');
      await j.see('第3行');
      await j.check('名册没有变化', async () => {
        const after = JSON.stringify(await api(url, 'o-demo-admin', 'org.tree', {}));
        if (after !== before) throw new Error('the roster changed after a refused import');
      });
    },
  },
  {
    name: 'office-archive',
    who: '活动办公室',
    as: 'o-demo-admin',
    outcome: '导出实验小学党支部的台帐（.zip），发到自己的文件传输助手保存，不用微信打开压缩包',
    budget: 7,
    async run(j) {
      await j.tab('我的');
      await j.tap('活动办公室');
      await j.tap('新北区实验小学党支部');
      await j.tap('导出档案');
      await j.see('发到聊天');
      await j.tap('发到聊天');
      await j.see('发送给');
      await j.tap('文件传输助手');
      await j.check('文件传输助手里有台帐压缩包，微信没有被要求打开它', async () => {
        const chat = j.page.locator('#chat-list .pv-chat', { hasText: '文件传输助手' });
        await chat.locator('.pv-file', { hasText: '.zip' }).waitFor({ timeout: 15_000 });
        const opened = await j.page.evaluate(() => window.__preview.opened.map((o) => o.name));
        if (opened.some((n) => n.endsWith('.zip'))) throw new Error(`openDocument was asked to open ${opened.join(', ')}`);
      });
    },
  },
  {
    name: 'secretary-bind-group',
    who: '支部书记 吴敏',
    as: 'o-demo-s1',
    outcome: '把本支部的卡片发到支部微信群，从群里点开，绑定本群',
    budget: 7,
    async run(j, { url }) {
      await j.tab('我的');
      await j.tap('绑定微信群，发起点评');
      await j.tap('发到支部微信群');
      await j.see('发送给');
      await j.tap('新北区实验小学党支部群');
      await j.openCard('新北区实验小学党支部');
      await j.see('绑定本群');
      await j.tap('绑定本群');
      await j.see('已绑定本支部微信群');
      await j.check('这个群现在就是实验小学党支部的群', async () => {
        const org = (await api(url, 'o-demo-admin', 'org.tree', {})).orgs.find((o) => o.name === '新北区实验小学党支部');
        if (org?.opengid !== 'G-demo-xx1') throw new Error(`the branch is bound to ${org?.opengid}`);
      });
    },
  },
];
