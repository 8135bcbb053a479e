// Those who start and write reviews (issue 20): a branch secretary from 我的 → 本支部 → 发起点评 to a
// published notice, and the same secretary leaving the place empty, then changing it on 点评活动.
import { api } from '../../preview-driver.mjs';

/** The secretary's newest session, read from the api (for checks only). */
async function newestSession(url, openid) {
  const { sessions } = await api(url, openid, 'session.list', {});
  return [...sessions].sort((a, b) => b.id.localeCompare(a.id))[0];
}

/** The aspects of a member's review under the default template, as the boxes are titled. */
const MEMBER_ASPECTS = ['立足岗位发挥带头作用', '公开承诺及践行', '为群众办实事'];

/** @type {import('../journeys.mjs').Journey[]} */
export const WRITER_JOURNEYS = [
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
      await j.see('将点评');
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
];
