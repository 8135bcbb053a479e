/**
 * The session card in the group chat (docs/updatable-card.md) through main(event) on the local cloud: the
 * calls the api makes to WeChat's updatable messages and their arguments — create at share, an update on each
 * submitted report, the final state at publication, nothing for a session without a card — and that a card
 * that cannot be updated never fails the report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clearUpdatableActivities, readUpdatableActivities, shareUpdatableCard, updatableCardFace, type UpdatableCall } from '../../../local/src/services';
import { SESSION_CARD_TEMPLATE_ID } from '../../../miniprogram/core/domain/session-card';
import { apiHarness, buildDistrict, type District } from './harness';
import { bind, completeContent } from './work.support';

const h = apiHarness();
let d: District;

const member = (k: string) => ({ kind: 'MEMBER', id: d.person[k] });

/** A session of 吴敏 over 李娜 (s3) and 钱军 (s4). */
async function session(): Promise<string> {
  const started = await h.ok(d.users.branchSecretary, 'session.start', {
    campaignId: d.campaignId,
    orgId: d.org.xx1,
    mode: 'INDIVIDUAL',
    targets: { by: 'PICKED', picks: [member('s3'), member('s4')] },
    date: '2026-11-25',
    place: '实验小学党员活动室',
    reportDeadline: '2026-11-24',
    opinionDeadline: null,
    opinionsAnonymous: false,
  });
  return started.sessionId;
}

const report = (openid: string, sessionId: string, key: string, submit = true) =>
  h.ok(openid, 'report.save', { sessionId, target: member(key), fulfilment: '承诺事项已兑现', work: '完成教学任务', plans: '继续努力', submit });

/** The updates sent about an activity, as WeChat received them. */
const updates = (activityId: string): UpdatableCall[] => readUpdatableActivities()[activityId].calls.filter((c) => c.api === 'updatableMessage.setUpdatableMsg');

/** Shares a card as the page does: session.card, then the share with its templateInfo. */
async function shareCard(sessionId: string) {
  const card = await h.ok(d.users.branchSecretary, 'session.card', { sessionId });
  expect(shareUpdatableCard(card.activityId, card.templateInfo)).toEqual({ ok: true });
  return card;
}

beforeAll(async () => {
  d = await buildDistrict(h);
  await bind(h, d, 's4', 'o-s4');
});

afterEach(() => h.clock.set('2026-11-21T10:00+08:00'));

describe('session.card', () => {
  it('when the secretary shares the card, then one activity is created and the reply carries WeChat\'s template with 0 of 2 reports', async () => {
    // Arrange
    const sessionId = await session();
    const before = Object.keys(readUpdatableActivities()).length;

    // Act
    const card = await h.ok(d.users.branchSecretary, 'session.card', { sessionId });

    // Assert
    expect(Object.keys(readUpdatableActivities())).toHaveLength(before + 1);
    expect(readUpdatableActivities()[card.activityId].calls.map((c) => c.api)).toEqual(['updatableMessage.createActivityId']);
    expect(card).toMatchObject({
      reused: false,
      templateInfo: { templateId: SESSION_CARD_TEMPLATE_ID, parameterList: [{ name: 'member_count', value: '0' }, { name: 'room_limit', value: '2' }] },
    });
    expect(card.expiresAt).toBe(h.clock.now() + 24 * 3600_000 - (h.clock.now() % 1000));
  });

  it('when the card is shared again within its day, then the same activity is handed out with today\'s count and no new one is made', async () => {
    // Arrange
    const sessionId = await session();
    const first = await shareCard(sessionId);
    await report(d.users.member, sessionId, 's3');
    const before = Object.keys(readUpdatableActivities()).length;

    // Act
    const again = await h.ok(d.users.branchSecretary, 'session.card', { sessionId });
    const page = await h.ok(d.users.branchSecretary, 'session.get', { sessionId });

    // Assert
    expect(again).toMatchObject({ activityId: first.activityId, reused: true, templateInfo: { parameterList: [{ name: 'member_count', value: '1' }, { name: 'room_limit', value: '2' }] } });
    expect(page.card).toEqual(again);
    expect(Object.keys(readUpdatableActivities())).toHaveLength(before);
  });

  it('when a member who is not the reviewer asks for the card, then it is refused and no activity is made', async () => {
    // Arrange
    const sessionId = await session();
    const before = Object.keys(readUpdatableActivities()).length;

    // Act
    const reply = await h.call(d.users.member, 'session.card', { sessionId });

    // Assert
    expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(Object.keys(readUpdatableActivities())).toHaveLength(before);
  });
});

describe('the card follows the session', () => {
  it('when a member submits a report, then the card is updated to state 0 with 1 of 2 and the card in the group reads it', async () => {
    // Arrange
    const sessionId = await session();
    const card = await shareCard(sessionId);

    // Act
    await report(d.users.member, sessionId, 's3');

    // Assert
    expect(updates(card.activityId).map((c) => c.args)).toEqual([
      { activity_id: card.activityId, target_state: 0, template_info: { parameter_list: [{ name: 'member_count', value: '1' }, { name: 'room_limit', value: '2' }] } },
    ]);
    expect(updatableCardFace(card.activityId)).toMatchObject({ state: 0, text: '成员正在加入，当前 1/2 人' });
  });

  it('when a member only saves a draft, then the card is not updated', async () => {
    // Arrange
    const sessionId = await session();
    const card = await shareCard(sessionId);

    // Act
    await report('o-s4', sessionId, 's4', false);

    // Assert
    expect(updates(card.activityId)).toEqual([]);
  });

  it('when the notice is published, then the card takes its final state 1 with the session page and release version', async () => {
    // Arrange
    const sessionId = await session();
    const card = await shareCard(sessionId);
    await report(d.users.member, sessionId, 's3');
    const reviews = (await h.ok(d.users.branchSecretary, 'session.get', { sessionId })).reviews as Array<{ id: string; target: { personId: string }; version: number }>;
    const lina = reviews.find((r) => r.target.personId === d.person.s3);
    await h.ok(d.users.branchSecretary, 'review.save', { reviewId: lina?.id, version: lina?.version, ...completeContent('MEMBER'), submit: true });
    const pub = await h.ok(d.users.branchSecretary, 'publication.draft', { sessionId, title: '实验小学党支部领导点评情况通报', summary: '本次点评情况良好。', scope: { kind: 'TARGET_ORG', orgId: d.org.xx1 } });

    // Act
    await h.ok(d.users.branchSecretary, 'publication.publish', { publicationId: pub.publicationId, version: 1 });

    // Assert
    const last = updates(card.activityId).at(-1);
    expect(last?.args).toEqual({
      activity_id: card.activityId,
      target_state: 1,
      template_info: { parameter_list: [{ name: 'path', value: `/pages/session/detail/detail?id=${encodeURIComponent(sessionId)}` }, { name: 'version_type', value: 'release' }] },
    });
    expect(updatableCardFace(card.activityId)).toMatchObject({ state: 1, text: '已开始' });
    // After publication there is nothing left to count: no card is handed out, and the page gets none.
    expect(await h.call(d.users.branchSecretary, 'session.card', { sessionId })).toMatchObject({ ok: false, error: { code: 'STATE.ILLEGAL_TRANSITION' } });
    expect((await h.ok(d.users.branchSecretary, 'session.get', { sessionId })).card).toBeNull();
  });

  it('when a session has no card, then a submitted report makes no call to WeChat\'s updatable messages', async () => {
    // Arrange
    const sessionId = await session();
    const calls = () => Object.values(readUpdatableActivities()).reduce((n, a) => n + a.calls.length, 0);
    const before = calls();

    // Act
    await report(d.users.member, sessionId, 's3');

    // Assert
    expect(calls()).toBe(before);
  });

  it('when WeChat refuses the update, then the report is still submitted and the refusal is logged', async () => {
    // Arrange
    const sessionId = await session();
    await shareCard(sessionId);
    clearUpdatableActivities(); // WeChat no longer knows the activity: setUpdatableMsg answers 47003.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);

    // Act
    const reply = await report(d.users.member, sessionId, 's3');

    // Assert
    expect(reply).toMatchObject({ status: 'SUBMITTED' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('setUpdatableMsg failed'), expect.any(String), expect.anything());
    warn.mockRestore();
  });

  it('when the card\'s 24 hours are over, then a report sends no update and a new share makes a new activity', async () => {
    // Arrange
    const sessionId = await session();
    const old = await shareCard(sessionId);
    h.clock.advance('25h');

    // Act
    await report(d.users.member, sessionId, 's3');
    const fresh = await h.ok(d.users.branchSecretary, 'session.card', { sessionId });

    // Assert
    expect(updates(old.activityId)).toEqual([]);
    expect(fresh.activityId).not.toBe(old.activityId);
    expect(fresh.templateInfo.parameterList[0]).toEqual({ name: 'member_count', value: '1' });
  });
});

describe('config.json', () => {
  it('when the api function is deployed, then it declares both updatable-message cloud calls', () => {
    // Act
    const config = JSON.parse(readFileSync(join(__dirname, '..', 'config.json'), 'utf8')) as { permissions: { openapi: string[] } };

    // Assert
    expect(config.permissions.openapi).toEqual(expect.arrayContaining(['updatableMessage.createActivityId', 'updatableMessage.setUpdatableMsg']));
  });
});
