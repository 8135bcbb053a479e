/**
 * Only the timer runs `remind` (issue 23, finding 3): a member's call, even one dressed as the timer's
 * event, is answered with nothing and changes nothing; the local cloud's timer reaches the function
 * the way the platform's does (the timer event, no user in getWXContext), so the two can be told apart.
 */
import { callFunction, readOutbox, registerFunction, resetTimers, runDueTimers, unregisterFunction } from '../../../local/src/services';
import { buildSeed000 } from '../../api/test/progress.support';
import { publishedSession } from '../../api/test/work.support';
import { type District } from '../../api/test/harness';
import { remindHarness } from './remind.support';

const { h, triggers, snapshot } = remindHarness();
let d: District;

describe('who may run remind', () => {
  afterAll(() => h.clock.set('2026-11-21T10:00+08:00'));

  beforeAll(async () => {
    // A campaign never planned: any run of remind would plan it (counters, requirements) and say so.
    d = await buildSeed000(h);
    await publishedSession(h, d);
  });

  it.each([
    ['an empty call', {}],
    ['a forged timer event', { Type: 'Timer', TriggerName: 'remind', Time: '2026-11-21T02:10:00Z', Message: '' }],
  ])('when a member calls remind with %s, then nothing is answered, planned, sent or written', async (_what, data) => {
    // Arrange
    h.clock.set('2026-12-24T10:00+08:00');
    const before = snapshot();
    const outbox = readOutbox().length;

    // Act
    const reply = await callFunction({ name: 'remind', openid: d.users.admin, data });

    // Assert
    expect(reply).toEqual({ result: null });
    expect([...snapshot()].filter(([k, v]) => before.get(k) !== v).map(([k]) => k)).toEqual([]);
    expect(snapshot().size).toBe(before.size);
    expect(readOutbox().length).toBe(outbox);
  });

  it('when the local cloud fires a timer, then the function gets the platform timer event and no user in its context', async () => {
    // Arrange
    const seen: unknown[] = [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk') as { getWXContext(): Record<string, unknown> };
    registerFunction('remind', async (event) => {
      seen.push({ event, context: cloud.getWXContext() });
      return null;
    });
    h.clock.set('2026-12-24T10:00+08:00');
    resetTimers(Date.parse('2026-12-24T09:55+08:00'));

    // Act
    await runDueTimers({ triggers });

    // Assert
    expect(seen).toEqual([
      {
        event: { Type: 'Timer', TriggerName: 'remind', Time: '2026-12-24T02:00:00Z', Message: '' },
        context: expect.not.objectContaining({ OPENID: expect.anything() }),
      },
    ]);
    expect((seen[0] as { context: Record<string, unknown> }).context).toEqual(expect.objectContaining({ SOURCE: 'wx_trigger' }));
    expect((seen[0] as { context: Record<string, unknown> }).context).not.toHaveProperty('APPID');
  });

  it('when the timer fires remind itself, then it runs: the never-planned campaign is planned', async () => {
    // Arrange
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    registerFunction('remind', (require('../src/index') as { main: Parameters<typeof registerFunction>[1] }).main);
    h.clock.set('2026-12-24T10:10+08:00');
    resetTimers(Date.parse('2026-12-24T10:05+08:00'));

    // Act
    const fired = await runDueTimers({ triggers });

    // Assert
    expect(fired).toEqual([expect.objectContaining({ outcome: { result: expect.objectContaining({ replanned: [expect.objectContaining({ campaignId: d.campaignId })] }) } })]);
  });

  afterAll(() => unregisterFunction('remind'));
});
