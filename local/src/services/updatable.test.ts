/**
 * The emulated updatable messages (动态消息) through the real wx-server-sdk: createActivityId records an
 * activity that lives 24 hours, setUpdatableMsg is checked as WeChat documents it (states 0 and 1 with their
 * parameters, state 1 final, unknown activities refused), and a share is refused for an unknown template.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloud } from './test-cloud';
import { installServices, readUpdatableActivities, shareUpdatableCard, updatableCardFace } from './index';
import { localClock } from '../clock';

type Updatable = {
  createActivityId(req?: Record<string, unknown>): Promise<{ activityId: string; expirationTime: number }>;
  setUpdatableMsg(req: Record<string, unknown>): Promise<{ errCode: number }>;
};
const api = () => (cloud.openapi as unknown as { updatableMessage: Updatable }).updatableMessage;
const TEMPLATE = '21B034D08C5615B9889CE362BB957B1EE69A584B';
const progress = (count: string, limit: string) => ({ parameterList: [{ name: 'member_count', value: count }, { name: 'room_limit', value: limit }] });

async function errorOf(p: Promise<unknown>): Promise<{ errCode: number; errMsg: string }> {
  try {
    await p;
  } catch (e) {
    return e as { errCode: number; errMsg: string };
  }
  throw new Error('expected a rejection');
}

beforeAll(() => {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
});

beforeEach(() => {
  installServices({ dataDir: mkdtempSync(join(tmpdir(), 'lc-updatable-')) });
});

// One test moves the clock past an activity's life: put it back.
afterEach(() => localClock().reset());

describe('updatableMessage.createActivityId', () => {
  it('when a function creates an activity, then it gets an id and an expiration 24 hours on, in seconds, and the call is recorded', async () => {
    // Arrange
    const now = localClock().now();

    // Act
    const res = await api().createActivityId();

    // Assert
    expect(res.activityId).toMatch(/^local-activity-/);
    expect(res.expirationTime).toBe(Math.floor((now + 24 * 3600_000) / 1000));
    expect(readUpdatableActivities()[res.activityId].calls.map((c) => c.api)).toEqual(['updatableMessage.createActivityId']);
  });
});

describe('updatableMessage.setUpdatableMsg', () => {
  it('when state 0 is sent with member_count and room_limit, then the shared card reads WeChat\'s wording with the numbers', async () => {
    // Arrange
    const { activityId } = await api().createActivityId();
    expect(shareUpdatableCard(activityId, { templateId: TEMPLATE, ...progress('0', '8') })).toEqual({ ok: true });

    // Act
    await api().setUpdatableMsg({ activityId, targetState: 0, templateInfo: progress('3', '8') });

    // Assert
    expect(updatableCardFace(activityId)).toEqual({ state: 0, text: '成员正在加入，当前 3/8 人', color: '#10AEFF' });
    const call = readUpdatableActivities()[activityId].calls.find((c) => c.api === 'updatableMessage.setUpdatableMsg');
    expect(call?.args).toMatchObject({ activity_id: activityId, target_state: 0 });
  });

  it('when state 1 is sent with path and version_type, then the card reads 已开始 and a later state 0 is refused', async () => {
    // Arrange
    const { activityId } = await api().createActivityId();
    shareUpdatableCard(activityId, { templateId: TEMPLATE, ...progress('1', '2') });

    // Act
    await api().setUpdatableMsg({ activityId, targetState: 1, templateInfo: { parameterList: [{ name: 'path', value: '/pages/session/detail/detail?id=s1' }, { name: 'version_type', value: 'release' }] } });
    const back = await errorOf(api().setUpdatableMsg({ activityId, targetState: 0, templateInfo: progress('2', '2') }));

    // Assert
    expect(updatableCardFace(activityId)).toMatchObject({ state: 1, text: '已开始' });
    expect(back.errCode).toBe(47003);
  });

  it('when the arguments break the documented rules, then each call is refused with 47003 and nothing is recorded', async () => {
    // Arrange
    const { activityId } = await api().createActivityId();
    const bad = [
      { activityId: 'no-such-activity', targetState: 0, templateInfo: progress('1', '2') },
      { activityId, targetState: 2, templateInfo: progress('1', '2') },
      { activityId, targetState: 0, templateInfo: { parameterList: [{ name: 'member_count', value: '1' }] } },
      { activityId, targetState: 0, templateInfo: { parameterList: [{ name: 'reports', value: '1' }, { name: 'room_limit', value: '2' }] } },
      { activityId, targetState: 1, templateInfo: { parameterList: [{ name: 'path', value: '/p' }, { name: 'version_type', value: 'beta' }] } },
    ];

    // Act
    const errors = await Promise.all(bad.map((req) => errorOf(api().setUpdatableMsg(req))));

    // Assert
    expect(errors.map((e) => e.errCode)).toEqual([47003, 47003, 47003, 47003, 47003]);
    expect(readUpdatableActivities()[activityId].calls).toHaveLength(1);
  });

  it('when the activity is more than 24 hours old, then updates are refused and the card reads 已结束', async () => {
    // Arrange
    const { activityId } = await api().createActivityId();
    shareUpdatableCard(activityId, { templateId: TEMPLATE, ...progress('0', '2') });
    localClock().set(localClock().now() + 24 * 3600_000 + 1);

    // Act
    const err = await errorOf(api().setUpdatableMsg({ activityId, targetState: 0, templateInfo: progress('1', '2') }));

    // Assert
    expect(err.errCode).toBe(47003);
    expect(updatableCardFace(activityId)).toMatchObject({ state: 2, text: '已结束' });
  });
});

describe('sharing an updatable card', () => {
  it('when the page names a template WeChat does not have, then the share is refused and the card shows no state', async () => {
    // Arrange
    const { activityId } = await api().createActivityId();

    // Act
    const shared = shareUpdatableCard(activityId, { templateId: 'MY_OWN_TEMPLATE', ...progress('0', '2') });

    // Assert
    expect(shared).toEqual({ ok: false, errMsg: 'updateShareMenu:fail invalid templateId' });
    expect(updatableCardFace(activityId)).toBeNull();
  });
});
