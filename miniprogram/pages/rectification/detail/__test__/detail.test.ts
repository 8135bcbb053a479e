import { usePages, tap, textOf, type } from '../../../../__test__/pages';
import { buildWork, type Work } from '../../../../__test__/work';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;
let w: Work;
const route = 'pages/rectification/detail/detail';
const acts = () => p.sent.filter((e) => e.action === 'rectification.act');

beforeAll(async () => {
  d = await buildDistrict(p.h);
  w = await buildWork(p.h, d);
  p.actAs(d.users.member);
});

beforeEach(() => jest.clearAllMocks());

describe('整改 reminder', () => {
  test('when the member given a rectification taps 到期前提醒我 and accepts, then one 整改到期提醒 send is recorded', async () => {
    // Arrange
    const { grantSubscription } = jest.requireActual('../../../../../local/src/services') as typeof import('../../../../../local/src/services');
    (wx.requestSubscribeMessage as jest.Mock).mockImplementation((o: { tmplIds: string[]; success: (r: unknown) => void }) => o.success(grantSubscription(d.users.member, o.tmplIds)));
    p.actAs(d.users.member);
    const page = await p.open(route, { id: w.published.rectificationId });

    // Act
    await tap(page, '#remind-me');

    // Assert
    expect((wx.requestSubscribeMessage as jest.Mock).mock.calls[0][0].tmplIds).toHaveLength(1);
    const state = await p.h.ok(d.users.member, 'subscription.get', {});
    expect(state.kinds.find((k: { kind: string }) => k.kind === 'RECTIFICATION_DUE').credits).toBe(1);
    expect(textOf(page)).not.toContain('到期前提醒我');
  });
});

describe('整改 (one rectification, carried through in order)', () => {
  test('when the member opens the rectification, then the requirement, deadline and status show, from one api call', async () => {
    const before = p.sent.length;
    const page = await p.open(route, { id: w.published.rectificationId });
    expect(p.sent.slice(before).map((e) => e.action)).toEqual(['rectification.get']);
    const text = textOf(page);
    expect(text).toContain('制定个人学习计划，年底前书面回复整改情况。');
    expect(text).toContain('2026年12月31日前完成');
    expect(text).toContain('待整改');
  });

  test('when the member saves empty measures, then the field says what is missing and nothing is written', async () => {
    const page = await p.open(route, { id: w.published.rectificationId });
    await tap(page, '#save-plan');
    expect(textOf(page)).toContain('不能为空');
    const r = await p.h.ok(d.users.member, 'rectification.get', { rectificationId: w.published.rectificationId });
    expect(r.rectification.status).toBe('REQUIRED');
  });

  test('when the measures are over-long, then the server refuses, the field error shows and the draft is kept', async () => {
    const page = await p.open(route, { id: w.published.rectificationId });
    const long = '学'.repeat(2001);
    await type(page, '#plan', long);
    await tap(page, '#save-plan');
    expect(page.data.plan).toBe(long);
    expect(page.data.errors.plan).toBeTruthy();
  });

  test('when the record was changed elsewhere (CONFLICT), then a clear message shows and the draft is kept', async () => {
    const page = await p.open(route, { id: w.published.rectificationId });
    await p.h.ok(d.users.member, 'rectification.act', { event: 'PLAN', rectificationId: w.published.rectificationId, version: 1, plan: '在另一台手机上写的措施' });
    await type(page, '#plan', '每周学习两次');
    await tap(page, '#save-plan');
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '内容已被他人修改，请刷新后再编辑' }));
    expect(page.data.plan).toBe('每周学习两次');
  });

  test('when the member taps save twice quickly, then the measures are written once', async () => {
    const page = await p.open(route, { id: w.published.rectificationId });
    await type(page, '#plan', '每周集中学习两次，每月参加一次社区志愿服务。');
    const before = acts().length;
    page.querySelector('#save-plan >>> .t-button')!.dispatchEvent('tap');
    await tap(page, '#save-plan');
    expect(acts().length - before).toBe(1);
    const r = await p.h.ok(d.users.member, 'rectification.get', { rectificationId: w.published.rectificationId });
    expect(r.rectification.plan).toBe('每周集中学习两次，每月参加一次社区志愿服务。');
    expect(r.rectification.history.filter((h: { event: string }) => h.event === 'PLAN')).toHaveLength(2);
    expect(textOf(page)).toContain('整改中');
  });

  test('when the network drops while replying, then the draft is kept and the retry writes once with the same request id', async () => {
    const page = await p.open(route, { id: w.published.rectificationId });
    await type(page, '#reply', '已按计划完成学习和志愿服务。');
    p.setOffline(true);
    await tap(page, '#send-reply');
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: expect.stringContaining('网络不给力') }));
    expect(page.data.reply).toBe('已按计划完成学习和志愿服务。');
    p.setOffline(false);
    await tap(page, '#send-reply');
    const replies = acts().filter((e) => (e.payload as { event: string }).event === 'REPLY');
    expect(replies).toHaveLength(1);
    expect(textOf(page)).toContain('已回复');
  });

  test('when the reviewer sends it back with words, then the member sees 退回修改 and those words', async () => {
    const r = await p.h.ok(d.users.branchSecretary, 'rectification.get', { rectificationId: w.published.rectificationId });
    await p.h.ok(d.users.branchSecretary, 'rectification.act', { event: 'SEND_BACK', rectificationId: w.published.rectificationId, version: r.rectification.version, reason: '请补充志愿服务的次数和内容' });
    const page = await p.open(route, { id: w.published.rectificationId });
    const text = textOf(page);
    expect(text).toContain('退回修改');
    expect(text).toContain('请补充志愿服务的次数和内容');
  });

  test('when the member replies again and the reviewer confirms, then the status shows 已确认', async () => {
    const page = await p.open(route, { id: w.published.rectificationId });
    await type(page, '#reply', '已参加志愿服务3次：社区清洁、助老、交通劝导。');
    await tap(page, '#send-reply');
    const r = await p.h.ok(d.users.branchSecretary, 'rectification.get', { rectificationId: w.published.rectificationId });
    expect(r.rectification.status).toBe('REPLIED');
    await p.h.ok(d.users.branchSecretary, 'rectification.act', { event: 'CONFIRM', rectificationId: w.published.rectificationId, version: r.rectification.version });
    const done = await p.open(route, { id: w.published.rectificationId });
    expect(textOf(done)).toContain('已确认');
    expect(done.querySelector('#save-plan')).toBeFalsy();
  });
});
