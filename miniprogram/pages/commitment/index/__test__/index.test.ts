import { usePages, tap, textOf, type } from '../../../../__test__/pages';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;
const route = 'pages/commitment/index/index';
const saves = () => p.sent.filter((e) => e.action === 'commitment.saveMine');

beforeAll(async () => {
  d = await buildDistrict(p.h);
});

beforeEach(() => jest.clearAllMocks());

describe('公开承诺', () => {
  test('when a member without a commitment opens 承诺, then it invites them to make one; a second open is one api call', async () => {
    p.actAs(d.users.member);
    const first = p.sent.length;
    const page = await p.open(route);
    expect(p.sent.slice(first).map((e) => e.action)).toEqual(['me', 'commitment.list']);
    expect(textOf(page)).toContain('您还没有做出公开承诺');
    const second = p.sent.length;
    await p.open(route);
    expect(p.sent.slice(second).map((e) => e.action)).toEqual(['commitment.list']);
  });

  test('when the member saves an empty promise, then the field says what is missing, nothing is written and the draft stays', async () => {
    p.actAs(d.users.member);
    const page = await p.open(route);
    await tap(page, '#edit');
    await type(page, '#notes-0', '先写兑现情况');
    await tap(page, '#save');
    expect(textOf(page)).toContain('不能为空');
    expect(page.data.editing).toBe(true);
    expect(page.data.draft[0].fulfilmentNotes).toBe('先写兑现情况');
    const list = await p.h.ok(d.users.member, 'commitment.list', { campaignId: d.campaignId, orgId: d.org.xx1 });
    expect(list.commitments).toHaveLength(0);
  });

  test('when the member writes a commitment and taps save twice, then it is written once and appears in the branch list of a colleague', async () => {
    p.actAs(d.users.member);
    const page = await p.open(route);
    await tap(page, '#edit');
    await type(page, '#content-0', '每月至少为群众办一件实事');
    await type(page, '#progress-0', '30');
    await type(page, '#notes-0', '已开展志愿服务2次');
    const before = saves().length;
    page.querySelector('#save >>> .t-button')!.dispatchEvent('tap');
    await tap(page, '#save');
    expect(saves().length - before).toBe(1);
    expect(textOf(page)).toContain('每月至少为群众办一件实事');
    expect(textOf(page)).toContain('兑现进度 30%：已开展志愿服务2次');

    p.actAs(d.users.branchSecretary);
    const theirs = await p.open(route);
    // The branch's list names who promised it.
    expect(textOf(theirs)).toContain('李娜');
    expect(textOf(theirs)).toContain('每月至少为群众办一件实事（30%）');
  });

  test('when the member marks fulfilment on the existing promise, then the new progress shows', async () => {
    p.actAs(d.users.member);
    const page = await p.open(route);
    await tap(page, '#edit');
    expect(page.data.draft[0].content).toBe('每月至少为群众办一件实事');
    await type(page, '#progress-0', '80');
    await tap(page, '#save');
    expect(textOf(page)).toContain('兑现进度 80%');
  });

  test('when the text fails the content check, then the member is told why and the draft stays', async () => {
    p.actAs(d.users.member);
    const page = await p.open(route);
    await tap(page, '#edit');
    await type(page, '#content-0', '每月办实事 违禁测试词');
    await tap(page, '#save');
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '内容含有不适宜发布的信息，请修改后再提交' }));
    expect(page.data.editing).toBe(true);
    expect(page.data.draft[0].content).toBe('每月办实事 违禁测试词');
  });

  test('when the text needs a human check, then the member sees 审核中 and colleagues do not see the text', async () => {
    p.actAs(d.users.member);
    const page = await p.open(route);
    await tap(page, '#edit');
    await type(page, '#content-0', '每月至少为群众办一件实事 待审测试词');
    await tap(page, '#save');
    expect(textOf(page)).toContain('审核中');
    p.actAs(d.users.branchSecretary);
    const theirs = await p.open(route);
    expect(textOf(theirs)).toContain('审核中');
    expect(textOf(theirs)).not.toContain('待审测试词');
  });

  test('when a tenant admin who is not on the roster opens 承诺, then it explains who makes commitments and does not redirect', async () => {
    p.actAs(d.users.admin);
    const page = await p.open(route);
    expect(textOf(page)).toContain('公开承诺由名册中的党员和党组织作出');
    expect(wx.reLaunch).not.toHaveBeenCalled();
  });
});
