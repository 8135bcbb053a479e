import { usePages, tap, textOf, toggle } from '../../../../__test__/pages';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(p.h);
});

describe('我的', () => {
  test('when a bound member opens 我的, then their name, unit, branch and the settings show', async () => {
    p.actAs(d.users.member);
    const page = await p.open('pages/mine/index/index');
    const text = textOf(page);
    expect(text).toContain('李娜');
    expect(text).toContain('实验小学党支部');
    expect(text).toContain('大字模式');
    expect(text).toContain('消息提醒');
  });

  test('when a branch secretary opens 我的, then their post is listed', async () => {
    p.actAs(d.users.branchSecretary);
    const page = await p.open('pages/mine/index/index');
    expect(textOf(page)).toContain('实验小学党支部书记');
  });

  test('when 大字模式 is switched on, then the page text grows and stays on for the next page', async () => {
    p.actAs(d.users.member);
    const page = await p.open('pages/mine/index/index');
    const before = page.data.fontPx as number;
    await toggle(page, '#big-text', true);
    expect(page.data.fontPx as number).toBeGreaterThan(before);
    const next = await p.open('pages/mine/index/index');
    expect(next.data.bigText).toBe(true);
    await toggle(next, '#big-text', false);
    expect(next.data.bigText).toBe(false);
  });

  test('when an older member taps anywhere on the 大字模式 row, then it switches on', async () => {
    p.actAs(d.users.otherBranchMember);
    const page = await p.open('pages/mine/index/index');
    await tap(page, '#big-text-row');
    expect(page.data.bigText).toBe(true);
    expect(page.data.pageFontSize).toBe('22px');
  });

  test('when a stranger opens 我的, then it says how to join and does not redirect', async () => {
    p.actAs(d.users.stranger);
    const page = await p.open('pages/mine/index/index');
    expect(textOf(page)).toContain('您还没有加入组织');
    expect(wx.reLaunch).not.toHaveBeenCalled();
  });
});

describe('我的 消息提醒', () => {
  beforeEach(() => jest.clearAllMocks());

  test('when a member has accepted one reminder, then 消息提醒 shows each kind with what is left', async () => {
    // Arrange
    await p.h.ok(d.users.branchSecretary, 'subscription.record', { accepted: ['REVIEW_DUE'], rejected: ['REPORT_DUE'] });
    p.actAs(d.users.branchSecretary);

    // Act
    const page = await p.open('pages/mine/index/index');

    // Assert
    const text = textOf(page);
    expect(text).toContain('点评到期提醒可提醒 1 次');
    expect(text).toContain('汇报截止提醒已拒绝');
    expect(text).toContain('整改到期提醒未开启');
  });

  test('when a member with no reminder on opens 我的, then 消息提醒 says 未开启 and no reviewer-only or progress kind is listed', async () => {
    // Arrange
    p.actAs(d.users.member);

    // Act
    const page = await p.open('pages/mine/index/index');

    // Assert
    const text = textOf(page);
    expect(text).toContain('消息提醒未开启');
    expect(text).not.toContain('已开启');
    expect(text).not.toContain('进度上报提醒');
    expect(text).not.toContain('具体方案上交提醒');
    expect(text).not.toContain('点评到期提醒');
    expect(text).toContain('整改到期提醒未开启');
  });

  test('when a secretary has one of the kinds on, then 消息提醒 says how many of those that apply are on', async () => {
    // Arrange: the secretary accepted 点评到期提醒 in the test above.
    p.actAs(d.users.branchSecretary);

    // Act
    const page = await p.open('pages/mine/index/index');

    // Assert
    expect(textOf(page)).toContain('已开启 1 项，共 7 项');
    expect(textOf(page)).toContain('进度上报提醒');
    expect(textOf(page)).toContain('具体方案上交提醒');
  });

  test('when the main switch for notifications is off, then 我的 offers the settings page and a tap opens it', async () => {
    // Arrange
    (wx.getSetting as jest.Mock).mockImplementationOnce((o: { success?: (r: unknown) => void }) => o.success?.({ subscriptionsSetting: { mainSwitch: false } }));
    p.actAs(d.users.member);
    const page = await p.open('pages/mine/index/index');

    // Act
    await tap(page, '#open-setting');

    // Assert
    expect(textOf(page)).toContain('已关闭（请在设置中打开）');
    expect(wx.openSetting).toHaveBeenCalledWith(expect.objectContaining({ withSubscriptions: true }));
  });
});
