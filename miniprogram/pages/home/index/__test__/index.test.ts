import { usePages, tap, textOf } from '../../../../__test__/pages';
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

describe('待办', () => {
  test('when a member with work opens 待办, then it lists the rectification, the report and the opinion with their deadlines, in one api call', async () => {
    p.actAs(d.users.member);
    const before = p.sent.length;
    const page = await p.open('pages/home/index/index');
    expect(p.sent.slice(before).map((e) => e.action)).toEqual(['home']);
    const text = textOf(page);
    expect(text).toContain('要做的整改');
    expect(text).toContain('制定个人学习计划');
    expect(text).toContain('截止 2026年12月31日');
    expect(text).toContain('要交的汇报');
    expect(text).toContain('汇报截止 2026年11月28日');
    expect(text).toContain('要提的意见');
    expect(text).toContain('对钱军提意见');
  });

  test('when a review of the member was published and not yet opened, then 待办 tells of it until they open it', async () => {
    // Arrange: a phone that has opened nothing yet.
    wx.removeStorageSync('opened-reviews');
    p.actAs(d.users.member);
    const page = await p.open('pages/home/index/index');
    expect(textOf(page)).toContain('新收到的点评');
    expect(textOf(page)).toContain('吴敏对李娜的集中点评');
    expect(page.querySelector(`#new-${w.published.reviewId}`)).toBeTruthy();

    // Act: the member opens it, as from the to-do, and comes back.
    await tap(page, `#new-${w.published.reviewId}`);
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: `/pages/review/detail/detail?id=${w.published.reviewId}` });
    await p.open('pages/review/detail/detail', { id: w.published.reviewId });
    const again = await p.open('pages/home/index/index');

    // Assert
    expect(again.querySelector(`#new-${w.published.reviewId}`)).toBeFalsy();
    expect(textOf(again)).not.toContain('新收到的点评');
    expect(textOf(again)).toContain('要做的整改');
  });

  test('when the member taps the rectification, then the rectification screen of exactly that item opens', async () => {
    p.actAs(d.users.member);
    const page = await p.open('pages/home/index/index');
    await tap(page, `#rect-${w.published.rectificationId}`);
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: `/pages/rectification/detail/detail?id=${w.published.rectificationId}` });
  });

  test('when a branch secretary opens 待办, then the reviews they must write show with their mode', async () => {
    p.actAs(d.users.branchSecretary);
    const page = await p.open('pages/home/index/index');
    const text = textOf(page);
    expect(text).toContain('要写的点评');
    expect(text).toContain('点评李娜（集中点评）');
    expect(text).toContain('点评钱军（集中点评）');
  });

  test('when a member with nothing due opens 待办, then the empty state says so', async () => {
    p.actAs(d.users.otherBranchMember);
    const page = await p.open('pages/home/index/index');
    expect(textOf(page)).toContain('暂无待办事项');
  });

  test('when the member pulls down, then 待办 is fetched again and the spinner stops', async () => {
    p.actAs(d.users.member);
    const page = await p.open('pages/home/index/index');
    const before = p.sent.length;
    await (page.instance as unknown as { onPullDownRefresh(): Promise<void> }).onPullDownRefresh();
    expect(p.sent.slice(before).map((e) => e.action)).toEqual(['home']);
    expect(wx.stopPullDownRefresh).toHaveBeenCalled();
  });

  test('when the network is down, then the page says so and a retry loads it', async () => {
    p.actAs(d.users.member);
    p.setOffline(true);
    const page = await p.open('pages/home/index/index');
    expect(textOf(page)).toContain('网络不给力');
    expect(textOf(page)).toContain('重试');
    // A screen that only reads says nothing of losing what was typed: nothing was.
    expect(textOf(page)).not.toContain('已填写的内容不会丢失');
    p.setOffline(false);
    await tap(page, '#retry');
    expect(textOf(page)).toContain('要做的整改');
  });

  test('when someone not yet bound opens 待办, then they are sent to the join page', async () => {
    p.actAs(d.users.stranger);
    await p.open('pages/home/index/index');
    expect(wx.reLaunch).toHaveBeenCalledWith({ url: '/pages/join/join/join' });
  });
});

describe('待办 reminders', () => {
  test('when the member taps 开启到期提醒 and accepts two of three, then ≤ 3 templates are asked for and the two kinds get a send credit', async () => {
    // Arrange
    const { grantSubscription } = jest.requireActual('../../../../../local/src/services') as typeof import('../../../../../local/src/services');
    (wx.requestSubscribeMessage as jest.Mock).mockImplementation((o: { tmplIds: string[]; success: (r: unknown) => void }) => o.success(grantSubscription(d.users.member, o.tmplIds, o.tmplIds.slice(0, 2))));
    p.actAs(d.users.member);
    const page = await p.open('pages/home/index/index');

    // Act
    await tap(page, '#enable-reminders');

    // Assert
    const asked = (wx.requestSubscribeMessage as jest.Mock).mock.calls[0][0].tmplIds as string[];
    expect(asked.length).toBeLessThanOrEqual(3);
    const state = await p.h.ok(d.users.member, 'subscription.get', {});
    expect(state.kinds.filter((k: { credits: number }) => k.credits > 0).map((k: { kind: string }) => k.kind)).toEqual(['REVIEW_DUE', 'REPORT_DUE']);
    expect(state.kinds.find((k: { kind: string }) => k.kind === 'OPINION_DUE').refused).toBe(true);
    expect(textOf(page)).not.toContain('开启到期提醒');
  });

  test('when a branch secretary opens 待办, then 发起点评 names their branch and 「我组织的点评」 shows each session with its stage and next step as a button', async () => {
    // Arrange
    p.actAs(d.users.branchSecretary);
    // Act
    const page = await p.open('pages/home/index/index');
    // Assert
    const text = textOf(page);
    expect(text).toContain('发起点评：');
    expect(text).toContain('作为书记点评');
    expect(text).toContain('我组织的点评');
    const mine = page.data.groups.find((g: { key: string }) => g.key === 'mine');
    const open = mine.items.find((i: { key: string }) => i.key === `mine-${w.open.sessionId}`);
    // Reports are due on 2026-11-28 and the session's reviews are drafts: 待汇报, reports first.
    expect(open.tag).toBe('待汇报');
    expect(open.button.label).toBe('查看汇报情况');
    await tap(page, `#next-mine-${w.open.sessionId}`);
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: `/pages/session/reports/reports?id=${w.open.sessionId}` });
    const published = mine.items.find((i: { key: string }) => i.key === `mine-${w.published.sessionId}`);
    expect(published.tag).toBe('已发布');
  });

  test('when a branch secretary taps 发起点评 on 待办, then 发起点评 opens for their branch', async () => {
    p.actAs(d.users.branchSecretary);
    const page = await p.open('pages/home/index/index');
    const start = page.data.groups.find((g: { key: string }) => g.key === 'start').items;
    expect(start).toHaveLength(1);
    await tap(page, `#${start[0].key}`);
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: `/pages/session/start/start?orgId=${start[0].key.slice('start-'.length)}` });
  });

  test('when the liaison leader opens 待办, then 发起点评 lists his liaison points and each planned to-do opens 发起点评 for the org the duty is owed from', async () => {
    // Arrange
    p.actAs(d.users.committeeMember);
    // Act
    const page = await p.open('pages/home/index/index');
    // Assert
    const start = page.data.groups.find((g: { key: string }) => g.key === 'start').items;
    expect(start.map((i: { sub: string }) => i.sub)).toEqual(['作为联系领导点评', '作为联系领导点评']);
    const planned = page.data.groups.find((g: { key: string }) => g.key === 'write')?.items.filter((i: { key: string }) => i.key.startsWith('plan-')) ?? [];
    for (const item of planned) expect(item.url).toMatch(/^\/pages\/session\/start\/start\?orgId=/);
    expect(textOf(page)).not.toMatch(/R[1-7] /);
  });

  test('when a member opens 待办 with a review of theirs untouched by the reviewer, then nothing on it says 草稿', async () => {
    p.actAs(d.users.branchSecretary);
    const page = await p.open('pages/home/index/index');
    expect(textOf(page)).not.toContain('草稿');
    expect(textOf(page)).toContain('待录入');
  });
});

