import { REMINDER_TEMPLATE_IDS } from '../../../../config';
import { SUBSCRIBE_MOMENTS } from '../../../../core/domain/reminders';
import { choose, lastNavigation, tap, type, usePages } from '../../../../__test__/pages';
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
