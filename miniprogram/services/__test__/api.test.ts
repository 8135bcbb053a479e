import { usePages, settle } from '../../__test__/pages';
import { buildDistrict, type District } from '../../../cloudfunctions/api/test/harness';
import { call, callData, fieldErrors, newIntent, JOIN_PAGE, NETWORK_MESSAGE } from '../api';

const p = usePages();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(p.h);
});

beforeEach(() => {
  jest.clearAllMocks();
  p.setLatency(0);
  p.setOffline(false);
});

describe('services/api', () => {
  test('when a call is slow, then the loading state shows and is hidden when the reply comes', async () => {
    p.actAs(d.users.member);
    p.setLatency(600);
    const reply = await call('me', {});
    expect(reply.ok).toBe(true);
    expect(wx.showLoading).toHaveBeenCalledWith({ title: '加载中', mask: true });
    expect(wx.hideLoading).toHaveBeenCalledTimes(1);
  });

  test('when a call is quick, then no loading state flashes', async () => {
    p.actAs(d.users.member);
    await call('me', {});
    expect(wx.showLoading).not.toHaveBeenCalled();
  });

  test('when the same intent is sent twice at once, then one request reaches the api', async () => {
    p.actAs(d.users.admin);
    const intent = newIntent();
    const before = p.sent.length;
    const [a, b] = await Promise.all([call('invitation.create', { orgId: d.org.xx1 }, { intent }), call('invitation.create', { orgId: d.org.xx1 }, { intent })]);
    expect(p.sent.length - before).toBe(1);
    expect(a).toBe(b);
  });

  test('when an intent is retried after a failure, then the same requestId is sent and the api replays the one write', async () => {
    p.actAs(d.users.admin);
    const intent = newIntent();
    const first = await call('invitation.create', { orgId: d.org.xx1 }, { intent });
    const again = await call('invitation.create', { orgId: d.org.xx1 }, { intent });
    expect(first.ok && again.ok && first.data.invitationId === again.data.invitationId).toBe(true);
    const ids = p.sent.slice(-2).map((e) => e.requestId);
    expect(ids[0]).toBe(intent.requestId);
    expect(ids[1]).toBe(intent.requestId);
  });

  test('when the phone is offline, then the reply is a NETWORK error with a Chinese message shown as a toast', async () => {
    p.actAs(d.users.member);
    p.setOffline(true);
    const reply = await call('me', {});
    expect(reply).toEqual({ ok: false, error: { code: 'NETWORK', message: NETWORK_MESSAGE } });
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: NETWORK_MESSAGE, icon: 'none' }));
  });

  test('when the input is refused field by field, then the issues become inline errors keyed by path', async () => {
    p.actAs(d.users.member);
    const reply = await call('commitment.saveMine', { campaignId: d.campaignId, date: '2026-11-21', items: [{ content: '', progress: 101 }] }, { intent: newIntent() });
    expect(reply.ok).toBe(false);
    const errors = reply.ok ? {} : fieldErrors(reply.error);
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(['items.0.content', 'items.0.progress']));
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请按提示修改后再提交' }));
  });

  test('when someone not bound calls, then they are sent to the join page and no toast is shown', async () => {
    p.actAs(d.users.stranger);
    const reply = await call('home', {});
    await settle();
    expect(reply.ok).toBe(false);
    expect(wx.reLaunch).toHaveBeenCalledWith({ url: JOIN_PAGE });
    expect(wx.showToast).not.toHaveBeenCalled();
  });
});

describe('callData', () => {
  test('when a payload carries a group CloudID, then it travels as the top-level field g and not inside the payload', () => {
    const group = wx.cloud.CloudID('cid-1');
    expect(callData('session.get', { sessionId: 's1', group }, undefined)).toEqual({ action: 'session.get', payload: { sessionId: 's1' }, g: group });
  });

  test('when a payload has no group, then the data is the plain envelope', () => {
    expect(callData('me', {}, 'r12345678')).toEqual({ action: 'me', payload: {}, requestId: 'r12345678' });
  });
});
