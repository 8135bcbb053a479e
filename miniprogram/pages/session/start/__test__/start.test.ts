import { REMINDER_TEMPLATE_IDS } from '../../../../config';
import { SUBSCRIBE_MOMENTS } from '../../../../core/domain/reminders';
import { choose, lastNavigation, tap, textOf, type, usePages } from '../../../../__test__/pages';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;
const route = 'pages/session/start/start';

beforeAll(async () => {
  d = await buildDistrict(p.h);
  await p.h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
});

beforeEach(() => jest.clearAllMocks());

/** Opens 发起点评 as 吴敏 with an individual review of 钱军 filled in. */
async function filledIn() {
  p.actAs(d.users.branchSecretary);
  const start = await p.open(route, { orgId: d.org.xx1 });
  await choose(start, '#mode', 'INDIVIDUAL');
  await choose(start, '#by', 'PICKED');
  const members = (start.instance as unknown as { data: { members: Array<{ key: string; name: string }> } }).data.members;
  await choose(start, '#picks', [members.find((m) => m.name === '钱军')?.key]);
  await type(start, '#place', '实验小学党员活动室');
  return start;
}

describe('发起点评 asks for reminders', () => {
  test('when the secretary taps 发起点评 and accepts, then the session starts and her 点评、回复确认、进度上报 reminders are recorded', async () => {
    // Arrange
    const { grantSubscription } = jest.requireActual('../../../../../local/src/services') as typeof import('../../../../../local/src/services');
    (wx.requestSubscribeMessage as jest.Mock).mockImplementation((o: { tmplIds: string[]; success: (r: unknown) => void }) => o.success(grantSubscription(d.users.branchSecretary, o.tmplIds)));
    const start = await filledIn();

    // Act
    await tap(start, '#submit');

    // Assert
    expect((wx.requestSubscribeMessage as jest.Mock).mock.calls.map((c) => c[0].tmplIds)).toEqual([SUBSCRIBE_MOMENTS.SESSION_STARTED.map((k) => REMINDER_TEMPLATE_IDS[k])]);
    expect(lastNavigation('redirectTo')[0]).toBe('pages/session/detail/detail');
    const state = await p.h.ok(d.users.branchSecretary, 'subscription.get', {});
    const credits = Object.fromEntries(state.kinds.map((k: { kind: string; credits: number }) => [k.kind, k.credits]));
    expect(credits).toEqual(expect.objectContaining({ REVIEW_DUE: 1, REPLY_TO_CONFIRM: 1, PROGRESS_REPORT_DUE: 1, REPORT_DUE: 0 }));
  });

  test('when the secretary taps 发起点评 with nobody picked, then nothing is asked nor started', async () => {
    // Arrange
    p.actAs(d.users.branchSecretary);
    const start = await p.open(route, { orgId: d.org.xx1 });
    await choose(start, '#mode', 'INDIVIDUAL');
    await choose(start, '#by', 'PICKED');
    const before = p.sent.length;

    // Act
    await tap(start, '#submit');

    // Assert
    expect(wx.requestSubscribeMessage).not.toHaveBeenCalled();
    expect(p.sent.slice(before).map((e) => e.action)).toEqual([]);
  });
});

describe('发起点评 checks the form before anything is sent', () => {
  test('when the form opens, then the meeting is a week ahead, reports two days and opinions one day before it', async () => {
    // Arrange
    p.actAs(d.users.branchSecretary);

    // Act
    const start = await p.open(route, { orgId: d.org.xx1 });

    // Assert
    const data = (start.instance as unknown as { data: Record<string, string> }).data;
    expect({ date: data.date, reportDeadline: data.reportDeadline, opinionDeadline: data.opinionDeadline }).toEqual({ date: '2026-11-28', reportDeadline: '2026-11-26', opinionDeadline: '2026-11-27' });
  });

  test('when 钱军 is picked, then 将点评 1 人：钱军 shows before starting', async () => {
    // Act
    const start = await filledIn();

    // Assert
    expect(textOf(start)).toContain('将点评 1 人：钱军');
  });

  test('when the place is left empty, then the form says so at 点评地点, scrolls there, and neither asks for reminders nor starts', async () => {
    // Arrange
    const start = await filledIn();
    await type(start, '#place', '');
    const before = p.sent.length;

    // Act
    await tap(start, '#submit');

    // Assert
    expect(textOf(start)).toContain('请填写点评地点');
    expect(wx.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#f-place' }));
    expect(wx.requestSubscribeMessage).not.toHaveBeenCalled();
    expect(p.sent.slice(before).map((e) => e.action)).toEqual([]);
  });

  test('when opinions would close on the meeting day, then the form refuses it at 征求意见截止日期', async () => {
    // Arrange
    const start = await filledIn();
    await choose(start, '#opinion-deadline', '2026-11-28');

    // Act
    await tap(start, '#submit');

    // Assert
    expect(textOf(start)).toContain('征求意见须在点评前至少一天截止（最晚11月27日）');
    expect(wx.requestSubscribeMessage).not.toHaveBeenCalled();
  });

  test('when the start fails after reminders were accepted, then 已开启 is not shown', async () => {
    // Arrange
    const { grantSubscription } = jest.requireActual('../../../../../local/src/services') as typeof import('../../../../../local/src/services');
    (wx.requestSubscribeMessage as jest.Mock).mockImplementation((o: { tmplIds: string[]; success: (r: unknown) => void }) => o.success(grantSubscription(d.users.branchSecretary, o.tmplIds)));
    const start = await filledIn();
    // 钱军 picked as someone outside the branch: the server refuses the start.
    (start.instance as unknown as { setData: (x: unknown) => void }).setData({ members: [{ key: 'x', reviewerId: '', id: d.person.w1, kind: 'MEMBER', name: '何平', rule: '', done: false, checked: true }] });

    // Act
    await tap(start, '#submit');

    // Assert
    expect(wx.redirectTo).not.toHaveBeenCalled();
    const toasts = (wx.showToast as jest.Mock).mock.calls.map((c) => c[0].title);
    expect(toasts).not.toContain('已开启，截止前会提醒您');
  });
});

describe('发起点评 says whom it will review, as session.start decides', () => {
  const dataOf = (page: Awaited<ReturnType<typeof p.open>>) => (page.instance as unknown as { data: { preview: string; members: Array<{ name: string; inSession: boolean }> } }).data;

  test('when 郑小雨 is already in another open session of the cycle, then 将点评 leaves her out and the session started covers exactly those it named', async () => {
    // Arrange: 吴敏 has 郑小雨 in a session not yet finished.
    p.actAs(d.users.branchSecretary);
    await p.h.ok(d.users.branchSecretary, 'session.start', {
      campaignId: d.campaignId,
      orgId: d.org.xx1,
      mode: 'INDIVIDUAL',
      meetingType: null,
      topic: null,
      targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s5 }] },
      date: '2026-11-28',
      place: '实验小学党员活动室',
      reportDeadline: null,
      opinionDeadline: null,
      opinionsAnonymous: true,
    });
    const start = await p.open(route, { orgId: d.org.xx1 });
    await type(start, '#place', '实验小学三楼会议室');
    const preview = dataOf(start).preview;

    // Act
    await tap(start, '#submit');

    // Assert: what the form said is what the server took, 郑小雨 in neither.
    expect(preview).toMatch(/^将点评 \d+ 人：/);
    expect(preview).not.toContain('郑小雨');
    expect(dataOf(start).members.find((m) => m.name === '郑小雨')?.inSession).toBe(true);
    const [page, query] = lastNavigation('redirectTo');
    expect(page).toBe('pages/session/detail/detail');
    const got = await p.h.ok(d.users.branchSecretary, 'session.get', { sessionId: query.id });
    const targets = got.session.targets as Array<{ name: string; personId: string | null }>;
    const [, count, names] = /^将点评 (\d+) 人：(.*)$/.exec(preview) ?? [];
    expect(Number(count)).toBe(new Set(targets.map((t) => t.personId)).size);
    expect(names.split('、').sort()).toEqual([...new Set(targets.map((t) => t.name))].sort());
  });
});

describe('发起点评 follows the post the reviewer holds there', () => {
  test('when the liaison leader 陈立 opens 发起点评 for 罗溪镇卫生院党支部, then the header names it with his duty and no one else’s review is offered to enter', async () => {
    // Arrange
    p.actAs(d.users.committeeMember);

    // Act
    const start = await p.open(route, { orgId: d.org.wsy });

    // Assert
    const text = textOf(start);
    expect(text).toContain('罗溪镇卫生院党支部');
    expect(text).toContain('作为联系领导点评');
    expect(text).not.toContain('本组织');
    expect(text).not.toContain('代何平录入');
    expect(text).not.toContain('点评人');
  });

  test('when 陈立’s phone kept his identity from before it knew the orgs he leads, then the header still names the org, not 本组织', async () => {
    // Arrange: an identity kept by an older version (no `leads`).
    p.actAs(d.users.committeeMember);
    await p.open(route, { orgId: d.org.wsy });
    const kept = wx.getStorageSync('identity') as Record<string, unknown>;
    delete kept.leads;
    wx.setStorageSync('identity', kept);

    // Act
    const start = await p.open(route, { orgId: d.org.wsy });

    // Assert
    expect(textOf(start)).toContain('罗溪镇卫生院党支部');
    expect(textOf(start)).not.toContain('本组织');
  });

  test('when the branch secretary 吴敏 opens it, then she may still enter the liaison leader’s review on his behalf', async () => {
    // Arrange
    p.actAs(d.users.branchSecretary);

    // Act
    const start = await p.open(route, { orgId: d.org.xx1 });

    // Assert
    expect(textOf(start)).toContain('作为书记点评');
    expect(textOf(start)).toMatch(/代(刘芳|周建国)录入/);
  });
});
