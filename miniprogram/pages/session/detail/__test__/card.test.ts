/**
 * 发到微信群 with the session's progress (docs/updatable-card.md), on the compiled page against the real api:
 * the first tap asks the api for an updatable card and declares it with wx.updateShareMenu, a live card is
 * declared when the page opens (still one call), and the plain card is shared where WeChat cannot (an old base
 * library, a refused declaration, WeChat refusing the activity).
 */
import { SESSION_CARD_TEMPLATE_ID } from '../../../../core/domain/session-card';
import { refuseNextActivities } from '../../../../../local/src/services';
import { tap, textOf, usePages } from '../../../../__test__/pages';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;
const route = 'pages/session/detail/detail';
const updateShareMenu = () => wx.updateShareMenu as unknown as jest.Mock;

/** A session of 吴敏 over 李娜 and 钱军. */
async function session(): Promise<string> {
  const started = await p.h.ok(d.users.branchSecretary, 'session.start', {
    campaignId: d.campaignId,
    orgId: d.org.xx1,
    mode: 'INDIVIDUAL',
    targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s3 }, { kind: 'MEMBER', id: d.person.s4 }] },
    date: '2026-11-25',
    place: '实验小学党员活动室',
    reportDeadline: '2026-11-24',
    opinionDeadline: null,
    opinionsAnonymous: false,
  });
  return started.sessionId;
}

beforeAll(async () => {
  d = await buildDistrict(p.h);
});

beforeEach(() => {
  jest.clearAllMocks();
  p.enterFromGroup(null);
  p.actAs(d.users.branchSecretary);
});

afterEach(() => {
  (wx.getAppBaseInfo as unknown as jest.Mock).mockImplementation(() => ({ fontSizeSetting: 17, SDKVersion: '3.6.0' }));
  updateShareMenu().mockImplementation((o: { success?: (r: unknown) => void }) => o.success?.({ errMsg: 'updateShareMenu:ok' }));
});

describe('发到微信群 with the progress on the card', () => {
  test('when the secretary taps 发到微信群, then the api makes the card and the share menu is declared updatable with it', async () => {
    // Arrange
    const id = await session();
    const page = await p.open(route, { id });
    expect(textOf(page)).toContain('发到微信群');
    expect(updateShareMenu()).not.toHaveBeenCalled();

    const before = p.sent.length;

    // Act
    await tap(page, '#share');

    // Assert
    const asked = p.sent.slice(before).filter((e) => e.action === 'session.card');
    expect(asked).toHaveLength(1);
    expect(asked[0].requestId).toBeTruthy();
    expect(updateShareMenu()).toHaveBeenCalledWith(
      expect.objectContaining({
        withShareTicket: true,
        isUpdatableMessage: true,
        activityId: expect.stringMatching(/^local-activity-/),
        templateInfo: { templateId: SESSION_CARD_TEMPLATE_ID, parameterList: [{ name: 'member_count', value: '0' }, { name: 'room_limit', value: '2' }] },
      }),
    );
    expect(textOf(page)).toContain('选择微信群发送');
    expect(textOf(page)).toContain('卡片会在群里显示汇报进度');
  });

  test('when the page opens on a session whose card is alive, then the card is declared at once with one api call', async () => {
    // Arrange
    const id = await session();
    const card = await p.h.ok(d.users.branchSecretary, 'session.card', { sessionId: id });
    const before = p.sent.length;

    // Act
    const page = await p.open(route, { id });

    // Assert
    expect(p.sent.slice(before).map((e) => e.action)).toEqual(['session.get']);
    expect(updateShareMenu()).toHaveBeenCalledWith(expect.objectContaining({ isUpdatableMessage: true, activityId: card.activityId }));
    expect(textOf(page)).toContain('选择微信群发送');
  });

  test('when the base library is older than 2.4.0, then the button shares the plain card and no card is asked for', async () => {
    // Arrange
    (wx.getAppBaseInfo as unknown as jest.Mock).mockImplementation(() => ({ fontSizeSetting: 17, SDKVersion: '2.3.0' }));
    const id = await session();
    const page = await p.open(route, { id });
    const before = p.sent.length;

    // Act
    await tap(page, '#share');

    // Assert
    expect(p.sent.slice(before).filter((e) => e.action === 'session.card')).toHaveLength(0);
    expect(updateShareMenu()).not.toHaveBeenCalledWith(expect.objectContaining({ isUpdatableMessage: true }));
    expect(textOf(page)).toContain('发到微信群');
    expect(textOf(page)).not.toContain('选择微信群发送');
  });

  test('when WeChat refuses the updatable declaration, then the plain card is shared and the page says so', async () => {
    // Arrange
    updateShareMenu().mockImplementation((o: { isUpdatableMessage?: boolean; success?: (r: unknown) => void; fail?: (r: unknown) => void }) =>
      o.isUpdatableMessage ? o.fail?.({ errMsg: 'updateShareMenu:fail' }) : o.success?.({ errMsg: 'updateShareMenu:ok' }),
    );
    const id = await session();
    const page = await p.open(route, { id });

    // Act
    await tap(page, '#share');

    // Assert
    expect(updateShareMenu()).toHaveBeenLastCalledWith({ isUpdatableMessage: false });
    expect(wx.showShareMenu).toHaveBeenLastCalledWith(expect.objectContaining({ withShareTicket: true }));
    expect(textOf(page)).toContain('卡片不能显示汇报进度，可以发送普通卡片');
  });

  test('when WeChat refuses to make the activity, then the page offers the plain card and nothing is stored', async () => {
    // Arrange
    const id = await session();
    const page = await p.open(route, { id });
    refuseNextActivities(1);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);

    // Act
    await tap(page, '#share');

    // Assert
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('createActivityId failed'), expect.anything());
    warn.mockRestore();
    expect(textOf(page)).toContain('卡片不能显示汇报进度，可以发送普通卡片');
    expect(updateShareMenu()).toHaveBeenLastCalledWith({ isUpdatableMessage: false });
    expect((await p.h.ok(d.users.branchSecretary, 'session.get', { sessionId: id })).card).toBeNull();
  });
});
