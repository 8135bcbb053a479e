/**
 * A reminder claimed and not sent is not lost (issue 23, finding 6): the function is killed between
 * claiming a ledger row (SENDING) and the platform's answer to the send. After the claim's lease the
 * next firing takes it over: sent then, once, when its day is today; kept on 待办 (in-app) when its day
 * has passed; never both, never twice — for a plain row and for a keyed (sealed) one.
 */
import { REMINDER_TEMPLATE_IDS } from '../../../miniprogram/config';
import { fireTimer, grantSubscription, haltNextSends, readOutbox } from '../../../local/src/services';
import { keyedReminderId, unsealValue } from '../../api/src/shared/anonymity';
import { type Data, type District } from '../../api/test/harness';
import { buildSeed000 } from '../../api/test/progress.support';
import { bind } from '../../api/test/work.support';
import { deadlineSession, remindHarness, type Row } from './remind.support';

const { h, docs, fireAt } = remindHarness();
let d: District;
let sessionId: string;
const row = (id: string) => docs('reminders').find((r) => r._id === id) as Row | undefined;
const sent = (kind: 'REPORT_DUE' | 'OPINION_DUE') => readOutbox({ templateId: REMINDER_TEMPLATE_IDS[kind] }).map((m) => m.touser);

/** A firing that the platform kills while its first send waits: resolves once the send has been entered. */
async function killedFiring(at: string): Promise<void> {
  h.clock.set(at);
  const halt = haltNextSends(1);
  // Not awaited: the invocation never finishes, as a killed one never answers.
  void fireTimer({ name: 'remind', triggerName: 'remind', at: Date.parse(at) });
  await halt.reached;
}

describe('a reminder claimed when the function died', () => {
  afterAll(() => h.clock.set('2026-11-21T10:00+08:00'));

  beforeAll(async () => {
    // 钱军 (s4) has not reported and holds a report-reminder credit; 郑小雨 (s5) has given no opinion and holds an opinion-reminder credit.
    d = await buildSeed000(h);
    await bind(h, d, 's4', 'o-s4');
    await bind(h, d, 's5', 'o-s5');
    sessionId = await deadlineSession(h, d);
    grantSubscription('o-s4', [REMINDER_TEMPLATE_IDS.REPORT_DUE]);
    await h.ok('o-s4', 'subscription.record', { accepted: ['REPORT_DUE'], rejected: [] });
    grantSubscription('o-s5', [REMINDER_TEMPLATE_IDS.OPINION_DUE]);
    grantSubscription('o-s5', [REMINDER_TEMPLATE_IDS.OPINION_DUE]);
    await h.ok('o-s5', 'subscription.record', { accepted: ['OPINION_DUE'], rejected: [] });
  });

  it('when the function is killed between claiming a reminder and sending it, then the next firing after the lease sends it once and it is not also on 待办', async () => {
    // Arrange: the 12-05 firing claims 钱军's report reminder and dies waiting for the send.
    await killedFiring('2026-12-05T10:00+08:00');
    const claimed = row('o-s4|REPORT_DUE|2026-12-05');
    expect(claimed?.status).toBe('SENDING');
    expect(sent('REPORT_DUE')).toEqual([]);

    // Act: the timer's next firings, ten and twenty minutes later.
    await fireAt('2026-12-05T10:10+08:00');
    await fireAt('2026-12-05T10:20+08:00');
    const home = await h.ok('o-s4', 'home', {});

    // Assert
    expect(sent('REPORT_DUE')).toEqual(['o-s4']);
    expect(row('o-s4|REPORT_DUE|2026-12-05')?.status).toBe('SENT');
    expect(home.reminders.map((r: Data) => r.kind)).not.toContain('REPORT_DUE');
  });

  it('when the function is killed sending a sealed opinion reminder and the next firing is on a later day, then it is kept on 待办 and never sent', async () => {
    // Arrange: the 12-07 firing dies on 郑小雨's opinion reminder (a keyed row); the timer next runs on 12-08.
    const before = sent('OPINION_DUE').length;
    await killedFiring('2026-12-07T10:00+08:00');
    const id = keyedReminderId(process.env.ANONYMITY_KEY as string, 'o-s5', 'OPINION_DUE', '2026-12-07');
    expect(row(id)?.status).toBe('SENDING');

    // Act
    await fireAt('2026-12-08T10:00+08:00');
    await fireAt('2026-12-08T10:10+08:00');
    const home = await h.ok('o-s5', 'home', {});

    // Assert: settled like every keyed row, in-app inside the seal, shown to her, not sent.
    const settled = row(id) as Row;
    expect(settled.status).toBe('SEALED');
    expect((unsealValue(process.env.ANONYMITY_KEY as string, settled.sealed as string) as { outcome: string }).outcome).toBe('IN_APP');
    expect(sent('OPINION_DUE').length).toBe(before);
    expect(home.reminders.map((r: Data) => [r.kind, r.page])).toContainEqual(['OPINION_DUE', `pages/opinion/give/give?sessionId=${sessionId}`]);
  });
});
