import { usePages, tap, textOf, type } from '../../../../__test__/pages';
import { buildWork, type Work } from '../../../../__test__/work';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;
let w: Work;

beforeAll(async () => {
  d = await buildDistrict(p.h);
  w = await buildWork(p.h, d);
});

beforeEach(() => jest.clearAllMocks());

describe('点评详情', () => {
  test('when the reviewed member opens the review, then every part the server returns is shown, from one api call', async () => {
    p.actAs(d.users.member);
    const before = p.sent.length;
    const page = await p.open('pages/review/detail/detail', { id: w.published.reviewId, rect: w.published.rectificationId });
    expect(p.sent.slice(before).map((e) => e.action)).toEqual(['review.get']);
    const text = textOf(page);
    for (const part of [
      '立足岗位发挥带头作用',
      '李娜在“公开承诺及践行”方面表现较好。',
      '立足本职，公开承诺大部分已兑现，群众评价较好。',
      '理论学习的系统性还不够。',
      '加强理论学习，多为群众办实事。',
      '制定个人学习计划，年底前书面回复整改情况。',
      '2026年12月31日前完成',
      '吴敏（实验小学校长、支部书记）',
      '集中点评（支部党员大会）',
      '实验小学党员活动室',
      '2026年11月21日',
    ]) expect(text).toContain(part);
  });

  test('when the member taps 去整改, then the rectification opens', async () => {
    p.actAs(d.users.member);
    const page = await p.open('pages/review/detail/detail', { id: w.published.reviewId, rect: w.published.rectificationId });
    await tap(page, '#to-rect');
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: `/pages/rectification/detail/detail?id=${w.published.rectificationId}` });
  });

  test('when the member goes from the review to 整改, plans, replies and the reviewer confirms, then the status shows 已确认', async () => {
    p.actAs(d.users.member);
    const review = await p.open('pages/review/detail/detail', { id: w.published.reviewId, rect: w.published.rectificationId });
    await tap(review, '#to-rect');
    const url = (wx.navigateTo as jest.Mock).mock.calls[0][0].url as string;
    const [route, qs] = url.slice(1).split('?');
    const rect = await p.open(route, Object.fromEntries(new URLSearchParams(qs)));
    await type(rect, '#plan', '每周学习两次，每月一次志愿服务。');
    await tap(rect, '#save-plan');
    await type(rect, '#reply', '已按措施完成，附学习笔记。');
    await tap(rect, '#send-reply');
    expect(textOf(rect)).toContain('已回复');
    const r = await p.h.ok(d.users.branchSecretary, 'rectification.get', { rectificationId: w.published.rectificationId });
    await p.h.ok(d.users.branchSecretary, 'rectification.act', { event: 'CONFIRM', rectificationId: r.rectification.id, version: r.rectification.version });
    const after = await p.open(route, Object.fromEntries(new URLSearchParams(qs)));
    expect(textOf(after)).toContain('已确认');
  });

  test('when the reviewer has confirmed the rectification, then the member’s review reads 已整改 and no longer asks to 去整改', async () => {
    // Arrange: carry the rectification to CONFIRMED through the api, whatever the tests above left.
    const get = async () => (await p.h.ok(d.users.member, 'rectification.get', { rectificationId: w.published.rectificationId })).rectification;
    let r = await get();
    if (r.status === 'REQUIRED') await p.h.ok(d.users.member, 'rectification.act', { event: 'PLAN', rectificationId: r.id, version: r.version, plan: '每周学习两次。' });
    r = await get();
    if (r.status === 'PLANNED') await p.h.ok(d.users.member, 'rectification.act', { event: 'REPLY', rectificationId: r.id, version: r.version, reply: '已完成。' });
    r = await get();
    if (r.status === 'REPLIED') await p.h.ok(d.users.branchSecretary, 'rectification.act', { event: 'CONFIRM', rectificationId: r.id, version: r.version });
    p.actAs(d.users.member);

    // Act
    const page = await p.open('pages/review/detail/detail', { id: w.published.reviewId, rect: w.published.rectificationId });
    const list = await p.open('pages/review/list/list', {});

    // Assert
    const text = textOf(page);
    expect(text).toContain('已整改');
    expect(text).not.toContain('需整改');
    expect(text).not.toContain('去整改');
    expect(text).toContain('查看整改情况');
    expect(textOf(list)).toContain('已整改');
    expect(textOf(list)).not.toContain('需整改');
  });

  test('when a member outside the publication scope opens it, then only the refusal shows and no content', async () => {
    p.actAs(d.users.otherBranchMember);
    const page = await p.open('pages/review/detail/detail', { id: w.published.reviewId });
    const text = textOf(page);
    expect(text).toContain('您不在该内容的公开范围内');
    expect(text).not.toContain('理论学习的系统性还不够');
  });
});
